package io.github.isolationaudit.analyzer.callgraph;

import io.github.isolationaudit.analyzer.program.ClassInfo;
import io.github.isolationaudit.analyzer.program.Heap;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Program;
import io.github.isolationaudit.analyzer.program.ProjectDrivers;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.analyzer.program.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The calls between project methods that tests can reach. A node is a method together with the
 * concrete class of {@code this} when that is known (a test's own class and its superclasses), so
 * that calls on {@code this} resolve against the class under test and not against every subclass of
 * the declaring class. Elsewhere virtual calls resolve by class-hierarchy analysis; edges to
 * classes that no code instantiates are marked low confidence. The graph is built on demand from
 * the roots, iteratively: depth never costs stack.
 */
public final class CallGraph {

  /** How much an edge can be trusted. */
  public enum EdgeKind {
    /** A direct, static or {@code this}-resolved call. */
    CERTAIN,
    /** A method of a project object handed to library code, assumed called where it is made. */
    CALLBACK,
    /**
     * A method of an exception made here that only code reporting a failure calls: its message, its
     * text, its stack trace ({@link #REPORTING}). What it reads matters only once the exception is
     * reported, where the test fails anyway (or the code logs it), so it is as unsure as a call
     * resolved by class hierarchy alone.
     */
    REPORT,
    /**
     * A virtual call on an object of a type that some code creates: it runs only where that code
     * ran first, which a test's search may check.
     */
    DISPATCH,
    /** Found only by class-hierarchy analysis: no code creates an object that runs it. */
    HIERARCHY_ONLY
  }

  private static final int FAN_OUT_LIMIT = 24;

  /**
   * How many made implementations an unnarrowed virtual call may have and still be trusted: a
   * production class and a test double are two.
   */
  static final int FEW_MADE = 3;

  /** {@code EdgeKind.values()} once: the call copies the array, and edges are read in hot loops. */
  private static final EdgeKind[] EDGE_KINDS = EdgeKind.values();

  private final Program program;
  private final Map<NodeKey, Integer> ids = new HashMap<>();
  private final List<MethodInfo> methods = new ArrayList<>();
  private final List<String> contexts = new ArrayList<>();
  private final List<int[]> targets = new ArrayList<>();
  private final List<int[]> lines = new ArrayList<>();
  private final List<byte[]> kinds = new ArrayList<>();
  private final List<List<Value>[]> arguments = new ArrayList<>();
  private final List<Value[]> receivers = new ArrayList<>();
  private final List<Sites.Condition[]> conditions = new ArrayList<>();
  private final List<int[]> callSites = new ArrayList<>();
  private final List<String> outside = new ArrayList<>();
  private final Map<String, Boolean> contextCache = new HashMap<>();
  private final Map<String, List<MethodInfo>> callbackCache = new HashMap<>();
  private final Map<MethodInfo, MethodInfo[]> sinkNodes = new java.util.IdentityHashMap<>();
  private final java.util.Set<MethodInfo> sinkMethods =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private int expanded;

  private record NodeKey(MethodInfo method, String context) {
    @Override
    public boolean equals(Object o) {
      return o instanceof NodeKey k && k.method == method && Objects.equals(k.context, context);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(method) * 31 + Objects.hashCode(context);
    }
  }

  public CallGraph(Program program) {
    this.program = program;
  }

  private Heap heap() {
    return program.heap();
  }

  /** The node of a method run with {@code this} of class {@code context} (null: unknown). */
  public int node(MethodInfo method, String context) {
    String ctx =
        context == null || method.isStatic() || !inHierarchy(context, method.owner())
            ? null
            : context;
    NodeKey key = new NodeKey(method, ctx);
    Integer id = ids.get(key);
    if (id == null) {
      id = methods.size();
      ids.put(key, id);
      methods.add(method);
      contexts.add(ctx);
      targets.add(null);
      lines.add(null);
      kinds.add(null);
      arguments.add(null);
      receivers.add(null);
      conditions.add(null);
      callSites.add(null);
      outside.add(null);
    }
    return id;
  }

  private boolean inHierarchy(String context, String owner) {
    return contextCache.computeIfAbsent(
        context + ' ' + owner, k -> program.isSubtype(context, owner));
  }

  public int size() {
    return methods.size();
  }

  /**
   * Whether a node stands for one conditional sink of its method ({@link Sites.Sink#condition}):
   * reached from the method's own node by an edge with the sink's condition, holding that sink
   * alone. Its method has the real method's name and no calls; evidence leaves out the edge into
   * it, whose line is the sink's own.
   */
  public boolean conditionalSink(int node) {
    return sinkMethods.contains(methods.get(node));
  }

  /**
   * An edge with the sink's condition into a node of each conditional sink of the method, so that
   * the sink runs only in the tests whose values meet the condition, as a call under it does: the
   * method's own sites leave such sinks out ({@code FootprintAnalysis}). The edge hands on every
   * parameter and {@code this} unchanged.
   */
  private void conditionalSinks(MethodInfo m, String ctx, Edges edges) {
    List<Sites.Sink> sinks = m.sinks();
    MethodInfo[] made = null;
    for (int i = 0; i < sinks.size(); i++) {
      Sites.Sink sink = sinks.get(i);
      if (sink.condition().isNone()) {
        continue;
      }
      if (made == null) {
        made = sinkNodes.computeIfAbsent(m, k -> new MethodInfo[sinks.size()]);
      }
      if (made[i] == null) {
        made[i] = sinkOnly(m, sink);
        sinkMethods.add(made[i]);
      }
      List<Value> identity = new ArrayList<>();
      int count = MethodInfo.parameterCount(m.descriptor());
      for (int p = 0; p < count; p++) {
        identity.add(new Value.Param(p));
      }
      edges.call = -1;
      edges.args = identity;
      edges.receiver = m.isStatic() ? null : Value.THIS;
      edges.condition = sink.condition();
      edges.add(node(made[i], ctx), sink.line(), EdgeKind.CERTAIN);
    }
    edges.condition = null;
  }

  private static MethodInfo sinkOnly(MethodInfo m, Sites.Sink sink) {
    return m.withSinks(
        List.of(
            new Sites.Sink(
                sink.rule(), sink.key(), sink.line(), sink.written(), Sites.Condition.NONE)),
        true);
  }

  public MethodInfo method(int node) {
    return methods.get(node);
  }

  public String context(int node) {
    return contexts.get(node);
  }

  public int[] targets(int node) {
    return targets.get(node);
  }

  public int[] lines(int node) {
    return lines.get(node);
  }

  /** The indexes of a node's edges into the nodes marked in {@code into}, in edge order. */
  public int[] edgesInto(int node, boolean[] into) {
    int[] t = targets.get(node);
    int count = 0;
    for (int target : t) {
      if (into[target]) {
        count++;
      }
    }
    int[] result = new int[count];
    int k = 0;
    for (int e = 0; e < t.length && k < count; e++) {
      if (into[t[e]]) {
        result[k++] = e;
      }
    }
    return result;
  }

  /** The argument values the call of an edge passes (empty when none is known). */
  public List<Value> arguments(int node, int edge) {
    List<Value> a = arguments.get(node)[edge];
    return a == null ? List.of() : a;
  }

  /**
   * The receiver the call of an edge is made on, where the scanner follows it ({@code this}, a
   * parameter, a field, an object made with {@code new} ...), else null: not known.
   */
  public Value receiver(int node, int edge) {
    return receivers.get(node)[edge];
  }

  /**
   * What the calling method's enum parameters must be for the call or allocation of an edge to run
   * ({@link Sites.Condition#NONE} for most edges).
   */
  public Sites.Condition condition(int node, int edge) {
    Sites.Condition[] c = conditions.get(node);
    return c.length == 0 || c[edge] == null ? Sites.Condition.NONE : c[edge];
  }

  /**
   * The index among the calling method's {@link MethodInfo#calls} of the call that made an edge, or
   * -1 for an edge of a lambda or of an object's callbacks.
   */
  public int callSite(int node, int edge) {
    return callSites.get(node)[edge];
  }

  public EdgeKind kind(int node, int edge) {
    return EDGE_KINDS[kinds.get(node)[edge]];
  }

  /**
   * A class this method calls that is neither project code nor the JDK nor a test library whose
   * effects are known (assertions, mocks, the engines): its code was not given as input, so what it
   * touches is unknown. Null when there is none.
   */
  public String callsOutside(int node) {
    return outside.get(node);
  }

  private static final List<String> KNOWN_LIBRARIES =
      List.of(
          "java/",
          "javax/",
          "jdk/",
          "sun/",
          "com/sun/",
          "kotlin/",
          "scala/",
          "org/junit/",
          "junit/",
          "org/testng/",
          "org/assertj/",
          "org/hamcrest/",
          "org/mockito/",
          "org/opentest4j/",
          "org/apiguardian/",
          "com/google/common/",
          "org/apache/commons/lang3/",
          "org/slf4j/");

  private boolean isOutside(String owner) {
    if (program.isProject(owner) || owner.startsWith("[")) {
      return false;
    }
    for (String prefix : KNOWN_LIBRARIES) {
      if (owner.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }

  /** Builds the edges of every node reachable from the nodes created so far. */
  public void expandAll() {
    while (expanded < methods.size()) {
      int n = expanded++;
      expand(n);
    }
  }

  private void expand(int n) {
    MethodInfo m = methods.get(n);
    String ctx = contexts.get(n);
    Edges edges = new Edges();
    List<Sites.Call> calls = m.calls();
    for (int i = 0; i < calls.size(); i++) {
      Sites.Call call = calls.get(i);
      edges.call = i;
      edges.args = call.args();
      edges.receiver = call.receiver();
      edges.condition = call.condition();
      resolveCall(call, ctx, edges);
      if (outside.get(n) == null && isOutside(call.owner())) {
        outside.set(n, call.owner().replace('/', '.'));
      }
    }
    edges.call = -1;
    edges.args = null;
    edges.condition = null;
    for (Sites.Lambda lambda : m.lambdas()) {
      MethodInfo impl = program.resolve(lambda.owner(), lambda.name(), lambda.descriptor());
      if (impl != null && program.isProject(impl.owner())) {
        edges.receiver = lambda.onThis() ? Value.THIS : null;
        edges.add(node(impl, lambda.isStatic() ? null : ctx), lambda.line(), EdgeKind.CERTAIN);
      }
    }
    for (Sites.New created : m.news()) {
      if (created.named()) {
        // Made by reflection where a configuration is read, not here.
        continue;
      }
      // An object of exactly this class, made by a constructor this edge does not tell.
      edges.receiver = new Value.Allocated(created.type(), null, List.of());
      edges.condition = created.condition();
      List<MethodInfo> callbacks = callbacks(created.type());
      // Asked only where there are callbacks: most objects made have none.
      boolean throwable = !callbacks.isEmpty() && isThrowable(created.type());
      for (MethodInfo callback : callbacks) {
        edges.add(
            node(callback, created.type()),
            created.line(),
            throwable && REPORTING.contains(callback.name() + callback.descriptor())
                ? EdgeKind.REPORT
                : EdgeKind.CALLBACK);
      }
    }
    conditionalSinks(m, ctx, edges);
    targets.set(n, Arrays.copyOf(edges.targets, edges.size));
    lines.set(n, Arrays.copyOf(edges.lines, edges.size));
    kinds.set(n, Arrays.copyOf(edges.kinds, edges.size));
    arguments.set(n, Arrays.copyOf(edges.argList, edges.size));
    receivers.set(n, Arrays.copyOf(edges.receiverList, edges.size));
    callSites.set(n, Arrays.copyOf(edges.callList, edges.size));
    conditions.set(
        n, edges.anyCondition ? Arrays.copyOf(edges.conditionList, edges.size) : NO_CONDITIONS);
  }

  private void resolveCall(Sites.Call call, String ctx, Edges edges) {
    if (ProjectDrivers.connects(call)) {
      driverEdges(call, edges);
      return;
    }
    switch (call.dispatch()) {
      case STATIC -> {
        MethodInfo t = program.resolve(call.owner(), call.name(), call.descriptor());
        if (t != null && program.isProject(t.owner())) {
          edges.add(node(t, null), call.line(), EdgeKind.CERTAIN);
        }
      }
      case SPECIAL -> {
        MethodInfo t = program.resolve(call.owner(), call.name(), call.descriptor());
        if (t != null && program.isProject(t.owner())) {
          // super(...), this(...) and private calls keep this; "new X()" makes an X.
          String tctx = call.onThis() ? ctx : t.isConstructor() ? call.owner() : null;
          edges.add(node(t, tctx), call.line(), EdgeKind.CERTAIN);
        }
      }
      case VIRTUAL, INTERFACE -> {
        if (call.onThis() && ctx != null) {
          MethodInfo t = program.resolveVirtual(ctx, call.name(), call.descriptor());
          if (t != null && program.isProject(t.owner())) {
            edges.add(node(t, ctx), call.line(), EdgeKind.CERTAIN);
          }
          return;
        }
        if (!program.isProject(call.owner())
            && call.receiver() instanceof Value.Allocated made
            && program.isProject(made.type())
            && program.isSubtype(made.type(), call.owner())) {
          // A project object made right here and called through a library interface it
          // implements (an ObjectFactory's getObjectInstance): its own method runs, with these
          // arguments.
          MethodInfo t = program.resolveVirtual(made.type(), call.name(), call.descriptor());
          if (t != null && t.isSynthetic() && t.calls().size() == 1) {
            // An accessibility bridge javac adds to a public subclass of a package-private class
            // only hands the call on to the inherited method: the edge goes there, as the
            // callbacks' edges do, so that both ways are of one length.
            Sites.Call on = t.calls().get(0);
            MethodInfo inherited =
                on.dispatch() == Sites.Dispatch.SPECIAL && on.name().equals(call.name())
                    ? program.resolve(on.owner(), on.name(), on.descriptor())
                    : null;
            t = inherited != null ? inherited : t;
          }
          if (t != null && program.isProject(t.owner())) {
            edges.add(node(t, made.type()), call.line(), EdgeKind.CERTAIN);
            return;
          }
        }
        if (!program.isProject(call.owner())) {
          // A call on a library type reaches project code only through objects handed to the
          // library; those count as called where they are made (see callbacks), and the logger
          // a logging configuration names, which the library makes by reflection.
          MethodInfo logged =
              program.loggers().target(call.owner(), call.name(), call.descriptor());
          if (logged != null) {
            String type = program.loggers().type();
            Value receiver = edges.receiver;
            edges.receiver = new Value.Allocated(type, null, List.of());
            edges.add(node(logged, type), call.line(), EdgeKind.CERTAIN);
            edges.receiver = receiver;
          }
          return;
        }
        Set<String> types =
            call.receiver() == null ? null : heap().exactTypes(call.receiver(), ctx);
        if (types != null && !types.isEmpty()) {
          // A class that is no subtype of the call's owner never arrives here: a cast in between
          // ((ManagedConnection) ds.getConnection()) would have failed.
          Set<String> fitting = new java.util.LinkedHashSet<>();
          for (String type : types) {
            if (program.isSubtype(type, call.owner())) {
              fitting.add(type);
            }
          }
          types = fitting.isEmpty() ? null : fitting;
        }
        if (types != null && !types.isEmpty()) {
          // The receiver's classes are known: the call runs their methods only. An object made
          // right here is certain; one read from a field is any the code ever stores there.
          EdgeKind kind =
              call.receiver() instanceof Value.Allocated ? EdgeKind.CERTAIN : EdgeKind.DISPATCH;
          for (String type : types) {
            MethodInfo t = program.resolveVirtual(type, call.name(), call.descriptor());
            if (t != null && program.isProject(t.owner())) {
              edges.add(node(t, type), call.line(), kind);
            }
          }
          return;
        }
        Hierarchy h = hierarchy(call, types != null);
        for (int i = 0; i < h.targets().length; i++) {
          edges.add(node(h.targets()[i], null), call.line(), h.kinds()[i]);
        }
      }
    }
  }

  /** The targets of a virtual call that nothing narrows, and their edges' kinds. */
  private record Hierarchy(MethodInfo[] targets, EdgeKind[] kinds) {}

  /**
   * Per call (by identity), what class hierarchy analysis gives it, with and without a field no
   * code stores into: the same in every context the call's method is reached in, made once.
   */
  private final Map<Sites.Call, Hierarchy[]> hierarchies = new java.util.IdentityHashMap<>();

  private Hierarchy hierarchy(Sites.Call call, boolean unstored) {
    Hierarchy[] known = hierarchies.computeIfAbsent(call, c -> new Hierarchy[2]);
    int slot = unstored ? 1 : 0;
    if (known[slot] == null) {
      known[slot] = hierarchyOf(call, unstored);
    }
    return known[slot];
  }

  private Hierarchy hierarchyOf(Sites.Call call, boolean unstored) {
    List<MethodInfo> impls = program.implementations(call.owner(), call.name(), call.descriptor());
    // Nothing narrows the receiver: every implementation class hierarchy analysis finds. A
    // field no code stores into (injected, mocked) holds an object made where no code shows,
    // so none of its overrides is more likely than another: all of them at low confidence.
    boolean unseen = unstored && impls.size() > 1;
    boolean many = impls.size() > FAN_OUT_LIMIT;
    // Where many classes that some code makes implement the call, that they are made somewhere
    // says little about which one arrives here (an object made by reflection, a plugin named
    // in a configuration): each of them is only a guess, at low confidence.
    long madeCount =
        impls.stream()
            .filter(t -> program.isProject(t.owner()) && program.isInstantiated(t.owner()))
            .count();
    boolean guess = madeCount > FEW_MADE;
    List<MethodInfo> targets = new ArrayList<>();
    List<EdgeKind> kinds = new ArrayList<>();
    for (MethodInfo t : impls) {
      if (!program.isProject(t.owner())) {
        continue;
      }
      boolean made = program.isInstantiated(t.owner()) || impls.size() == 1;
      if (many && !made) {
        continue;
      }
      targets.add(t);
      kinds.add(made && !unseen && !guess ? EdgeKind.DISPATCH : EdgeKind.HIERARCHY_ONLY);
    }
    return new Hierarchy(targets.toArray(new MethodInfo[0]), kinds.toArray(new EdgeKind[0]));
  }

  /**
   * {@code DriverManager.getConnection(url)}, {@code getDriver(url)} and {@code driver.connect(url,
   * info)} run the {@code connect} of the project's drivers that accept the URL. A constant URL
   * reaches only the drivers whose {@code acceptsURL} accepts it (certain), or any whose {@code
   * acceptsURL} cannot be read (a guess); a URL not known here reaches every project driver, which
   * each test's footprint then narrows to the drivers that accept the URLs the test names.
   */
  private void driverEdges(Sites.Call call, Edges edges) {
    List<ProjectDrivers.Driver> drivers = program.drivers().all();
    if (drivers.isEmpty()) {
      return;
    }
    Value url = call.args().isEmpty() ? Value.UNKNOWN : call.args().get(0);
    String constant = url instanceof Value.Const c && c.value() instanceof String s ? s : null;
    List<Value> args = edges.args;
    Value receiver = edges.receiver;
    edges.args = List.of(url, Value.UNKNOWN);
    for (ProjectDrivers.Driver d : drivers) {
      Optional<Boolean> accepts = constant == null ? Optional.empty() : d.accepts(constant);
      if (accepts.isPresent() && !accepts.get()) {
        continue;
      }
      EdgeKind kind;
      if (constant != null) {
        kind = accepts.isPresent() ? EdgeKind.CERTAIN : EdgeKind.HIERARCHY_ONLY;
      } else {
        kind = d.acceptanceKnown() ? EdgeKind.DISPATCH : EdgeKind.HIERARCHY_ONLY;
      }
      edges.receiver = new Value.Allocated(d.type(), null, List.of());
      edges.add(node(d.connect(), d.type()), call.line(), kind);
    }
    edges.args = args;
    edges.receiver = receiver;
  }

  /**
   * The methods of a project class that library code may call on its objects: those declared in the
   * class and its project superclasses when some supertype is a library type (a Runnable, a JUnit
   * rule or extension, a collection interface).
   */
  /**
   * The methods of {@link Throwable} that only code reporting it calls: JUnit and the assertion
   * libraries print a failure's message and stack trace, a logger renders them. A test that wants
   * the message calls {@code getMessage()} itself, a call this kind of edge does not stand for.
   */
  static final java.util.Set<String> REPORTING =
      java.util.Set.of(
          "getMessage()Ljava/lang/String;",
          "getLocalizedMessage()Ljava/lang/String;",
          "toString()Ljava/lang/String;",
          "printStackTrace()V",
          "printStackTrace(Ljava/io/PrintStream;)V",
          "printStackTrace(Ljava/io/PrintWriter;)V",
          "getStackTrace()[Ljava/lang/StackTraceElement;");

  /**
   * Whether a project type is an exception: {@code java/lang/Throwable} among its known
   * superclasses, or, where the chain leaves the known classes, a supertype named like one.
   */
  private boolean isThrowable(String type) {
    String last = type;
    for (ClassInfo k : program.superclasses(type)) {
      if (k.name().equals("java/lang/Throwable")) {
        return true;
      }
      last = k.name();
    }
    ClassInfo end = program.get(last);
    String beyond = end == null ? last : end.superName();
    return beyond != null
        && (beyond.equals("java/lang/Throwable")
            || io.github.isolationaudit.analyzer.program.FailureMessages.throwableName(beyond));
  }

  private List<MethodInfo> callbacks(String type) {
    return callbackCache.computeIfAbsent(
        type,
        t -> {
          ClassInfo c = program.get(t);
          if (c == null || c.library()) {
            return List.of();
          }
          List<ClassInfo> chain = new ArrayList<>();
          chain.add(c);
          chain.addAll(program.superclasses(t));
          // The methods library code knows of: those of the library supertypes. When a library
          // supertype's methods are unknown (not on --classpath), every method may be called.
          java.util.Set<String> known = new java.util.HashSet<>();
          boolean anyLibrary = false;
          boolean unknownLibrary = false;
          List<ClassInfo> projectChain = new ArrayList<>();
          List<String> librarySupertypes = new ArrayList<>();
          for (ClassInfo k : chain) {
            if (k.library()) {
              librarySupertypes.add(k.name());
              break;
            }
            projectChain.add(k);
            for (String i : k.interfaces()) {
              if (!program.isProject(i)) {
                librarySupertypes.add(i);
              }
            }
            for (ClassInfo i : program.selfAndSupertypes(k.name())) {
              if (i.isInterface() && !i.library()) {
                for (String ii : i.interfaces()) {
                  if (!program.isProject(ii)) {
                    librarySupertypes.add(ii);
                  }
                }
              }
            }
            if (k.superName() != null
                && !program.isProject(k.superName())
                && program.get(k.superName()) == null) {
              librarySupertypes.add(k.superName());
            }
          }
          for (String lib : librarySupertypes) {
            if (lib.equals("java/lang/Object")) {
              continue;
            }
            anyLibrary = true;
            java.util.Set<String> methods = program.libraryMethods(lib);
            if (methods == null) {
              unknownLibrary = true;
            } else {
              known.addAll(methods);
            }
          }
          if (!anyLibrary) {
            return List.of();
          }
          List<MethodInfo> result = new ArrayList<>();
          java.util.Set<String> seen = new java.util.HashSet<>();
          for (ClassInfo k : projectChain) {
            for (MethodInfo m : k.methods()) {
              if (m.isStatic()
                  || m.isConstructor()
                  || m.isPrivate()
                  || m.isAbstract()
                  || m.name().equals("<clinit>")
                  || m.isSynthetic()) {
                continue;
              }
              String sig = m.name() + m.descriptor();
              if ((unknownLibrary || known.contains(sig)) && seen.add(sig)) {
                result.add(m);
              }
            }
          }
          return List.copyOf(result);
        });
  }

  private static final Sites.Condition[] NO_CONDITIONS = new Sites.Condition[0];

  private static final class Edges {
    int[] targets = new int[8];
    int[] lines = new int[8];
    byte[] kinds = new byte[8];

    @SuppressWarnings("unchecked")
    List<Value>[] argList = new List[8];

    Value[] receiverList = new Value[8];
    int[] callList = new int[8];
    Sites.Condition[] conditionList = new Sites.Condition[8];
    boolean anyCondition;
    Sites.Condition condition;

    List<Value> args;
    Value receiver;
    int call = -1;
    int size;

    void add(int target, int line, EdgeKind kind) {
      if (size == targets.length) {
        targets = Arrays.copyOf(targets, size * 2);
        lines = Arrays.copyOf(lines, size * 2);
        kinds = Arrays.copyOf(kinds, size * 2);
        argList = Arrays.copyOf(argList, size * 2);
        receiverList = Arrays.copyOf(receiverList, size * 2);
        callList = Arrays.copyOf(callList, size * 2);
        conditionList = Arrays.copyOf(conditionList, size * 2);
      }
      boolean conditional = condition != null && !condition.isNone();
      conditionList[size] = conditional ? condition : null;
      anyCondition |= conditional;
      argList[size] = args == null || args.isEmpty() ? null : args;
      receiverList[size] = receiver;
      callList[size] = call;
      targets[size] = target;
      lines[size] = line;
      kinds[size] = (byte) kind.ordinal();
      size++;
    }
  }
}
