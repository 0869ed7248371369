package io.github.isolationaudit.analyzer.program;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The log the scanned code's logging calls reach when the tests configure one of their own classes
 * as the logger: commons-logging's {@code commons-logging.properties} naming a project class as
 * {@code org.apache.commons.logging.Log} (commons-dbcp2's {@code StackMessageLog}, which keeps
 * every message in a static stack its tests assert on). A {@code log.warn(...)} in production code
 * then runs that class's code: library code in between (the factory makes the logger by
 * reflection), but a call into the project all the same, and what it writes is shared by every test
 * that logs.
 *
 * <p>A logger class that implements {@code Log} itself runs its own method of the call's name. One
 * that extends commons-logging's {@code SimpleLog} runs {@code SimpleLog}'s, which writes through
 * the overridable {@code log(int, Object, Throwable)} (and that through {@code
 * write(StringBuffer)}) only for the levels enabled: {@code info} and above unless a {@code
 * simplelog.properties} sets a lower default or a lower level for some logger. A {@code LogFactory}
 * other than commons-logging's own named in the same file (a Log4j or SLF4J bridge) decides itself,
 * and nothing is assumed.
 *
 * <p>Not modelled: the same configuration through System properties or a service file, and other
 * frameworks' capturing appenders (a Logback {@code ListAppender} named in {@code
 * logback-test.xml}).
 */
public final class ProjectLoggers {
  /** No logger of the project's own. */
  public static final ProjectLoggers NONE = new ProjectLoggers(null, null, null, Integer.MAX_VALUE);

  /** The resource names this model reads (at a class-path root). */
  public static final List<String> RESOURCES =
      List.of("commons-logging.properties", "simplelog.properties");

  private static final String LOG = "org/apache/commons/logging/Log";
  private static final String SIMPLE_LOG = "org/apache/commons/logging/impl/SimpleLog";
  private static final String LOG_HOOK = "(ILjava/lang/Object;Ljava/lang/Throwable;)V";
  private static final String WRITE_HOOK = "(Ljava/lang/StringBuffer;)V";
  private static final List<String> LEVELS =
      List.of("trace", "debug", "info", "warn", "error", "fatal");

  private final String type;
  private final Program program;
  private final String factory;
  private final int lowestLevel;

  private ProjectLoggers(Program program, String type, String factory, int lowestLevel) {
    this.program = program;
    this.type = type;
    this.factory = factory;
    this.lowestLevel = lowestLevel;
  }

  /**
   * The project's logger as the configuration files name it.
   *
   * @param resources the files of {@link #RESOURCES} found at a class-path root, by name (the first
   *     found of each name)
   */
  public static ProjectLoggers of(Program program, Map<String, byte[]> resources) {
    Properties logging = load(resources.get("commons-logging.properties"));
    if (logging == null) {
      return NONE;
    }
    String named = logging.getProperty("org.apache.commons.logging.Log");
    if (named == null) {
      return NONE;
    }
    String type = named.trim().replace('.', '/');
    ClassInfo c = program.get(type);
    if (c == null || c.library() || c.isInterface() || c.isAbstract()) {
      return NONE;
    }
    String factory = logging.getProperty("org.apache.commons.logging.LogFactory");
    if (factory != null
        && !factory.trim().equals("org.apache.commons.logging.impl.LogFactoryImpl")) {
      return NONE;
    }
    int lowest = LEVELS.indexOf("info");
    Properties simple = load(resources.get("simplelog.properties"));
    if (simple != null) {
      for (String key : simple.stringPropertyNames()) {
        if (key.equals("org.apache.commons.logging.simplelog.defaultlog")
            || key.startsWith("org.apache.commons.logging.simplelog.log.")) {
          lowest = Math.min(lowest, level(simple.getProperty(key)));
        }
      }
    }
    return new ProjectLoggers(program, type, factory, lowest);
  }

  /** The level a SimpleLog level name enables from ({@code all} is trace; unknown is info). */
  private static int level(String name) {
    String n = name.trim().toLowerCase(java.util.Locale.ROOT);
    if (n.equals("all")) {
      return 0;
    }
    if (n.equals("off")) {
      return LEVELS.size();
    }
    int i = LEVELS.indexOf(n);
    return i < 0 ? LEVELS.indexOf("info") : i;
  }

  private static Properties load(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    Properties p = new Properties();
    try {
      p.load(new ByteArrayInputStream(bytes));
    } catch (IOException | IllegalArgumentException e) {
      // A file the JVM could not read either configures nothing.
      return null;
    }
    return p;
  }

  /** The project logger's class (internal name), or null when there is none. */
  public String type() {
    return type;
  }

  /**
   * The project method a call on a commons-logging {@code Log} runs in the configured logger, or
   * null when the call reaches no project code (another type, a level not enabled, no logger).
   */
  public MethodInfo target(String owner, String name, String descriptor) {
    if (type == null || !owner.equals(LOG)) {
      return null;
    }
    int level = LEVELS.indexOf(name);
    if (level < 0) {
      return null;
    }
    MethodInfo own = program.resolveVirtual(type, name, descriptor);
    if (own != null && program.isProject(own.owner())) {
      return own;
    }
    if (level < lowestLevel || !extendsSimpleLog()) {
      return null;
    }
    MethodInfo log = program.resolveVirtual(type, "log", LOG_HOOK);
    if (log != null && program.isProject(log.owner())) {
      return log;
    }
    MethodInfo write = program.resolveVirtual(type, "write", WRITE_HOOK);
    return write != null && program.isProject(write.owner()) ? write : null;
  }

  /** Whether the logger's superclass chain reaches SimpleLog (a library class, known or not). */
  private boolean extendsSimpleLog() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String k = type; k != null && seen.add(k); ) {
      if (k.equals(SIMPLE_LOG)) {
        return true;
      }
      ClassInfo c = program.get(k);
      k = c == null ? null : c.superName();
    }
    return false;
  }

  @Override
  public String toString() {
    return type == null ? "no project logger" : type.replace('/', '.') + " via " + factory;
  }
}
