package io.github.isolationaudit.analyzer.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JDBC drivers the scanned code itself implements (a test's fake driver such as commons-dbcp's
 * {@code TesterDriver}, a pooling driver in production code) and which URLs each accepts. {@code
 * DriverManager.getConnection(url)} and {@code driver.connect(url, info)} run the {@code connect}
 * of the drivers that accept the URL: library code in between, but a call into the project all the
 * same.
 *
 * <p>A driver's {@code acceptsURL} is read for comparisons of its URL with string constants ({@code
 * url.startsWith(PREFIX)}, {@code PREFIX.startsWith(url)}, {@code url.equals(URL)}); a driver whose
 * {@code acceptsURL} makes none of these is taken to accept any URL that starts with one of its
 * {@code jdbc:} constants, else nothing is known of what it accepts.
 */
public final class ProjectDrivers {

  /** {@code Driver.connect(String, Properties)}. */
  public static final String CONNECT_DESCRIPTOR =
      "(Ljava/lang/String;Ljava/util/Properties;)Ljava/sql/Connection;";

  private static final String ACCEPTS_DESCRIPTOR = "(Ljava/lang/String;)Z";

  /** How {@code acceptsURL} compares the URL with a constant. */
  enum Test {
    /** {@code url.startsWith(c)} */
    STARTS_WITH,
    /** {@code c.startsWith(url)} */
    PREFIX_OF,
    /** {@code url.equals(c)} or {@code c.equals(url)} */
    EQUALS
  }

  record Comparison(Test test, String constant) {
    boolean accepts(String url) {
      return switch (test) {
        case STARTS_WITH -> url.startsWith(constant);
        case PREFIX_OF -> constant.startsWith(url);
        case EQUALS -> url.equals(constant);
      };
    }
  }

  /**
   * One project driver.
   *
   * @param type internal name of the concrete driver class
   * @param connect the {@code connect} its objects run
   * @param comparisons what its {@code acceptsURL} compares the URL with; empty when not known
   * @param prefixes its {@code jdbc:} constants, for a driver whose comparisons are not known
   */
  public record Driver(
      String type, MethodInfo connect, List<Comparison> comparisons, List<String> prefixes) {
    public Driver {
      comparisons = List.copyOf(comparisons);
      prefixes = List.copyOf(prefixes);
    }

    /** Whether what the driver accepts is known. */
    public boolean acceptanceKnown() {
      return !comparisons.isEmpty() || !prefixes.isEmpty();
    }

    /** Whether the driver accepts the URL: empty when its {@code acceptsURL} cannot be read. */
    public Optional<Boolean> accepts(String url) {
      if (!comparisons.isEmpty()) {
        return Optional.of(comparisons.stream().anyMatch(c -> c.accepts(url)));
      }
      if (!prefixes.isEmpty()) {
        return Optional.of(prefixes.stream().anyMatch(url::startsWith));
      }
      return Optional.empty();
    }
  }

  private final Map<String, Driver> byType = new LinkedHashMap<>();

  public ProjectDrivers(Program program) {
    for (ClassInfo c : program.classes()) {
      if (c.library() || c.isInterface() || c.isAbstract() || !isDriver(program, c)) {
        continue;
      }
      MethodInfo connect = program.resolveVirtual(c.name(), "connect", CONNECT_DESCRIPTOR);
      if (connect == null || !program.isProject(connect.owner())) {
        continue;
      }
      MethodInfo accepts = program.resolveVirtual(c.name(), "acceptsURL", ACCEPTS_DESCRIPTOR);
      List<Comparison> comparisons =
          accepts == null || !program.isProject(accepts.owner()) ? List.of() : comparisons(accepts);
      List<String> prefixes = new ArrayList<>();
      for (ClassInfo k : program.superclasses(c.name())) {
        collectPrefixes(k, prefixes);
      }
      collectPrefixes(c, prefixes);
      byType.put(c.name(), new Driver(c.name(), connect, comparisons, prefixes));
    }
  }

  private static void collectPrefixes(ClassInfo c, List<String> prefixes) {
    if (c.library()) {
      return;
    }
    for (FieldInfo f : c.fields()) {
      if (f.constant() instanceof String v && v.startsWith("jdbc:") && v.length() > 5) {
        prefixes.add(v);
      }
    }
  }

  private static boolean isDriver(Program program, ClassInfo c) {
    for (ClassInfo k : program.selfAndSupertypes(c.name())) {
      if (k.interfaces().contains("java/sql/Driver")) {
        return true;
      }
    }
    return false;
  }

  /** The comparisons of the URL parameter with string constants in {@code acceptsURL}. */
  private static List<Comparison> comparisons(MethodInfo accepts) {
    List<Comparison> result = new ArrayList<>();
    for (Sites.Call call : accepts.calls()) {
      if (!call.owner().equals("java/lang/String") || call.args().size() != 1) {
        continue;
      }
      Value arg = call.args().get(0);
      Value receiver = call.receiver();
      boolean startsWith = call.name().equals("startsWith");
      boolean equals = call.name().equals("equals");
      if (!startsWith && !equals) {
        continue;
      }
      if (isUrl(receiver) && arg instanceof Value.Const c && c.value() instanceof String s) {
        result.add(new Comparison(startsWith ? Test.STARTS_WITH : Test.EQUALS, s));
      } else if (isUrl(arg) && receiver instanceof Value.Const c && c.value() instanceof String s) {
        result.add(new Comparison(startsWith ? Test.PREFIX_OF : Test.EQUALS, s));
      }
    }
    return result;
  }

  private static boolean isUrl(Value v) {
    return v instanceof Value.Param p && p.index() == 0;
  }

  /** Every project driver, in class order. */
  public List<Driver> all() {
    return List.copyOf(byType.values());
  }

  /** The driver whose class this is (internal name), if it is one. */
  public Optional<Driver> byType(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  /** Whether some project driver accepts the URL. */
  public boolean anyAccepts(String url) {
    for (Driver d : byType.values()) {
      if (d.accepts(url).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the call runs a driver's {@code connect} with its first argument as the URL. */
  public static boolean connects(Sites.Call call) {
    return switch (call.owner()) {
      case "java/sql/DriverManager" ->
          call.name().equals("getConnection") || call.name().equals("getDriver");
      case "java/sql/Driver" ->
          call.name().equals("connect") && call.descriptor().equals(CONNECT_DESCRIPTOR);
      default -> false;
    };
  }
}
