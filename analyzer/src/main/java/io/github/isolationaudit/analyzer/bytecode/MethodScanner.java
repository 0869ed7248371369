package io.github.isolationaudit.analyzer.bytecode;

import io.github.isolationaudit.analyzer.program.AnnotationInfo;
import io.github.isolationaudit.analyzer.program.FailureMessages;
import io.github.isolationaudit.analyzer.program.MethodInfo;
import io.github.isolationaudit.analyzer.program.Sites;
import io.github.isolationaudit.analyzer.program.Value;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.rules.Catalog;
import io.github.isolationaudit.rules.CodeRules;
import io.github.isolationaudit.rules.KeySpec;
import io.github.isolationaudit.rules.PerTestSource;
import io.github.isolationaudit.rules.SinkRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads one method body in a single forward pass, simulating the operand stack and locals with
 * {@link Value}s, and records the sites the analysis follows. Values merge at jump targets (equal
 * values survive, others become unknown); loops are not iterated, which keeps the pass linear.
 */
final class MethodScanner extends MethodVisitor {
  private static final int API = Opcodes.ASM9;

  private final Catalog catalog;
  private final InheritedLibraryMethods inherited;
  private final String owner;
  private final String name;
  private final String descriptor;

  /** The types of the method's parameters, the receiver not counted. */
  private final Type[] parameterTypes;

  private final int access;
  private final Consumer<MethodInfo> done;

  private final List<AnnotationInfo> annotations = new ArrayList<>();
  private final List<List<String>> parameterAnnotations;
  private final List<Sites.Call> calls = new ArrayList<>();
  private final List<Sites.Sink> sinks = new ArrayList<>();
  private final List<Sites.StaticField> staticFields = new ArrayList<>();

  /**
   * Where each holder loaded by GETSTATIC was recorded as a GET, by the value pushed (identity).
   */
  private final java.util.Map<Value, Integer> gets = new java.util.IdentityHashMap<>();

  /** What the body does with System.out and System.err besides reading them (see StdioUses). */
  private final StdioUses stdio = new StdioUses();

  private final io.github.isolationaudit.analyzer.program.MemoizingFills fills;
  private final List<Sites.Lambda> lambdas = new ArrayList<>();
  private final List<Sites.New> news = new ArrayList<>();

  // The configuration guard of the method's first lines (see ConfigGuard): the key looked up, the
  // last conditional jump and the last call since, and whether anything else happened yet.
  private boolean prologue = true;
  private String guardCandidate;
  private int guardJump = -1;
  private String guardCall = "";
  private int guardMap = -1;
  private String configGuard = "";
  private int guardedConfig = -1;
  private final List<Sites.FieldStore> fieldStores = new ArrayList<>();
  private final List<Sites.InstanceField> instanceFields = new ArrayList<>();

  private final ArrayList<Value> stack = new ArrayList<>();
  private final FailureMessages.Flows flows = new FailureMessages.Flows();
  private final ResultHandoffs results = new ResultHandoffs();
  private final FailureMessages.Suppliers suppliers;
  private Value[] locals = new Value[16];
  private boolean dead;
  private int line;
  private int firstLine;
  private Value returned;
  private final Set<Label> handlers = new HashSet<>();
  private final Map<Label, Snapshot> pending = new HashMap<>();

  private record Snapshot(
      List<Value> stack,
      Value[] locals,
      Sites.Condition condition,
      List<Sites.LockToken> taken,
      List<Sites.LockToken> released) {}

  // The JVM-wide locks on the path being read (Sites.LockToken): taken on every path here, let go
  // on some path here. Merged where paths meet; a loop's way back is not seen (one pass).
  private List<Sites.LockToken> taken = List.of();
  private List<Sites.LockToken> released = List.of();
  private int lockEvents;
  private int lockCalls;
  private final Set<String> directTakes = new HashSet<>();
  private final Set<String> directReleases = new HashSet<>();
  private final Map<Integer, Sites.Held> heldLines = new java.util.TreeMap<>();
  private final java.util.BitSet freeLines = new java.util.BitSet();
  // The try blocks being read, by start and end label, and per handler the locks over its block.
  private final Map<Label, List<Label>> tryStarts = new HashMap<>();
  private final Map<Label, List<Label>> tryEnds = new HashMap<>();
  private final Map<Label, Integer> openTries = new HashMap<>();
  private final Map<Label, Snapshot> handlerLocks = new HashMap<>();
  // Try blocks opened since the last place noted: their first state is the one after a lock() that
  // starts them ({@code try { lock(); ... } finally { unlock(); }}); a lock() that throws takes no
  // lock, but only an Error makes it throw, and that fails the test anyway.
  private final Set<Label> deferredTries = new HashSet<>();
  private final Map<Label, Snapshot> tryStartLocks = new HashMap<>();

  /**
   * What the enum parameters are known to be on the path being read: set by the cases of an enum
   * switch and by {@code p == Enum.X}, merged where paths meet.
   */
  private Sites.Condition condition = Sites.Condition.NONE;

  /**
   * The value an {@code iaload} from a javac switch map pushed ({@code
   * $SwitchMap$pkg$Enum[p.ordinal()]}), told apart by identity, with the parameter and map it
   * stands for; null when the last such load was not of a parameter.
   */
  private SwitchKey switchKey;

  private record SwitchKey(Value pushed, int param, String switchMap) {}

  private final List<Sites.SwitchCase> switchCases = new ArrayList<>();

  MethodScanner(
      Catalog catalog,
      InheritedLibraryMethods inherited,
      String owner,
      String name,
      String descriptor,
      int access,
      Consumer<MethodInfo> done,
      FailureMessages.Suppliers suppliers) {
    super(API);
    this.suppliers = suppliers;
    this.catalog = catalog;
    this.inherited = inherited;
    this.owner = owner;
    this.name = name;
    this.descriptor = descriptor;
    this.fills = new io.github.isolationaudit.analyzer.program.MemoizingFills(descriptor);
    this.access = access;
    this.done = done;
    Type[] params = Type.getArgumentTypes(descriptor);
    parameterTypes = params;
    parameterAnnotations = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      parameterAnnotations.add(new ArrayList<>());
    }
    int slot = 0;
    if ((access & Opcodes.ACC_STATIC) == 0) {
      store(slot++, Value.THIS);
    }
    for (int i = 0; i < params.length; i++) {
      store(slot, new Value.Param(i));
      slot += params[i].getSize();
    }
  }

  // ---- annotations -------------------------------------------------------------------------

  @Override
  public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
    return AnnotationReader.reading(desc, annotations::add);
  }

  @Override
  public AnnotationVisitor visitParameterAnnotation(int parameter, String desc, boolean visible) {
    if (parameter < parameterAnnotations.size()) {
      parameterAnnotations.get(parameter).add(Type.getType(desc).getInternalName());
      if (catalog.perTestAnnotations().contains(Type.getType(desc).getInternalName())) {
        int slot = parameterSlot(parameter);
        store(slot, new Value.Temp("@TempDir parameter", Scope.PER_TEST, null));
      }
    }
    return null;
  }

  private int parameterSlot(int parameter) {
    int slot = (access & Opcodes.ACC_STATIC) == 0 ? 1 : 0;
    Type[] params = Type.getArgumentTypes(descriptor);
    for (int i = 0; i < parameter; i++) {
      slot += params[i].getSize();
    }
    return slot;
  }

  // ---- frame helpers -----------------------------------------------------------------------

  private void push(Value v) {
    stack.add(v);
  }

  private void push(Value v, int size) {
    stack.add(v);
    if (size == 2) {
      stack.add(Value.TOP);
    }
  }

  private Value pop() {
    Value v = stack.isEmpty() ? Value.UNKNOWN : stack.remove(stack.size() - 1);
    if (!flows.idle()) {
      flows.popped(v);
    }
    if (!results.idle()) {
      results.popped(v);
    }
    return v;
  }

  /** Before each instruction: the values the last one took and did not account for are used. */
  private void settle() {
    flows.settle();
    results.settle();
  }

  /** The values just taken off the stack were moved, not used (a store, a dup, a pop). */
  private void moved() {
    flows.moved();
    results.moved();
  }

  /** A value as it leaves the scanner (into a site, a field store, the returned value). */
  private Value plain(Value v) {
    return results.plain(flows.plain(v));
  }

  private void pop(int n) {
    for (int i = 0; i < n; i++) {
      pop();
    }
  }

  /** Pops a value of the given size and returns it (the first slot for longs and doubles). */
  private Value popValue(int size) {
    if (size == 2) {
      pop();
    }
    return pop();
  }

  private Value peek(int depth) {
    int i = stack.size() - 1 - depth;
    return i >= 0 ? stack.get(i) : Value.UNKNOWN;
  }

  private Value load(int slot) {
    return slot < locals.length && locals[slot] != null ? locals[slot] : Value.UNKNOWN;
  }

  private void store(int slot, Value v) {
    if (slot >= locals.length) {
      locals = Arrays.copyOf(locals, Math.max(slot + 8, locals.length * 2));
    }
    locals[slot] = v;
  }

  private void replaceEverywhere(Value old, Value now) {
    for (int i = 0; i < stack.size(); i++) {
      if (stack.get(i) == old) {
        stack.set(i, now);
      }
    }
    for (int i = 0; i < locals.length; i++) {
      if (locals[i] == old) {
        locals[i] = now;
      }
    }
  }

  private void replaceBuilder(Object id, Value now) {
    for (int i = 0; i < stack.size(); i++) {
      if (stack.get(i) instanceof Value.Builder b && b.id() == id) {
        stack.set(i, now);
      }
    }
    for (int i = 0; i < locals.length; i++) {
      if (locals[i] instanceof Value.Builder b && b.id() == id) {
        locals[i] = now;
      }
    }
  }

  private void jumpTo(Label target) {
    jumpTo(target, condition);
  }

  private void jumpTo(Label target, Sites.Condition onJump) {
    Snapshot here = new Snapshot(new ArrayList<>(stack), locals.clone(), onJump, taken, released);
    Snapshot there = pending.get(target);
    pending.put(target, there == null ? here : merged(there, here));
  }

  /** Two paths met: {@link #merge}, with the results followed carried on (ResultHandoffs). */
  private Snapshot merged(Snapshot a, Snapshot b) {
    Snapshot m = merge(a, b);
    if (results.idle()) {
      return m;
    }
    if (a.stack().size() == b.stack().size()) {
      for (int i = 0; i < m.stack().size(); i++) {
        m.stack().set(i, results.merged(a.stack().get(i), b.stack().get(i), m.stack().get(i)));
      }
    } else {
      results.lost(a.stack());
      results.lost(b.stack());
    }
    Value[] l = m.locals();
    for (int i = 0; i < l.length; i++) {
      Value x = i < a.locals().length ? a.locals()[i] : null;
      Value y = i < b.locals().length ? b.locals()[i] : null;
      l[i] = results.merged(x, y, l[i]);
    }
    return m;
  }

  private static Snapshot merge(Snapshot a, Snapshot b) {
    List<Value> s = new ArrayList<>(a.stack());
    if (s.size() != b.stack().size()) {
      List<Value> unknown = new ArrayList<>();
      for (int i = 0; i < Math.max(s.size(), b.stack().size()); i++) {
        unknown.add(Value.UNKNOWN);
      }
      s = unknown;
    } else {
      for (int i = 0; i < s.size(); i++) {
        s.set(i, Value.either(s.get(i), b.stack().get(i)));
      }
    }
    int n = Math.max(a.locals().length, b.locals().length);
    Value[] l = new Value[n];
    for (int i = 0; i < n; i++) {
      Value x = i < a.locals().length ? a.locals()[i] : null;
      Value y = i < b.locals().length ? b.locals()[i] : null;
      l[i] = x == null || y == null ? null : Value.either(x, y);
    }
    return new Snapshot(
        s,
        l,
        a.condition().or(b.condition()),
        both(a.taken(), b.taken()),
        either(a.released(), b.released()));
  }

  private static List<Sites.LockToken> both(List<Sites.LockToken> a, List<Sites.LockToken> b) {
    if (a == b || a.equals(b)) {
      return a;
    }
    List<Sites.LockToken> kept = new ArrayList<>(a);
    kept.retainAll(b);
    return List.copyOf(kept);
  }

  private static List<Sites.LockToken> either(List<Sites.LockToken> a, List<Sites.LockToken> b) {
    if (a == b || a.equals(b)) {
      return a;
    }
    Set<Sites.LockToken> all = new java.util.LinkedHashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  /** Notes the locks at the current line, where the analysis records a place. */
  private void noteHeld() {
    noteHeld(false);
  }

  private void noteHeld(boolean taking) {
    if (dead) {
      return;
    }
    if (!taking && !deferredTries.isEmpty()) {
      for (Label h : deferredTries) {
        intersect(h);
      }
      deferredTries.clear();
    }
    if (taken.isEmpty()) {
      freeLines.set(line);
      return;
    }
    Sites.Held h = heldLines.get(line);
    if (h == null) {
      heldLines.put(line, new Sites.Held(line, taken, released));
    } else if (!h.taken().equals(taken) || !h.released().equals(released)) {
      heldLines.put(
          line, new Sites.Held(line, both(h.taken(), taken), either(h.released(), released)));
    }
  }

  /** Takes ({@code take}) or lets go of a lock on the path being read. */
  private void lockEvent(String lock, boolean call, boolean take) {
    Sites.LockToken t = new Sites.LockToken(lock, call, lockEvents++);
    if (take || call) {
      taken = append(taken, t);
    }
    if (!take || call) {
      released = append(released, t);
    }
    // What a handler sees is what holds anywhere in its try block.
    for (Label h : openTries.keySet()) {
      intersect(h);
    }
    deferredTries.clear();
  }

  /** Merges the locks on the path being read into what a handler sees. */
  private void intersect(Label handler) {
    Snapshot s = handlerLocks.get(handler);
    handlerLocks.put(
        handler,
        s == null
            ? new Snapshot(List.of(), locals, null, taken, released)
            : new Snapshot(
                List.of(), locals, null, both(s.taken(), taken), either(s.released(), released)));
  }

  private static List<Sites.LockToken> append(List<Sites.LockToken> list, Sites.LockToken t) {
    List<Sites.LockToken> more = new ArrayList<>(list);
    more.add(t);
    return List.copyOf(more);
  }

  /** The static lock a value names: a static field, or a class literal for its class's monitor. */
  private static String lockOf(Value v) {
    if (v instanceof Value.FieldValue f && f.isStatic()) {
      return f.owner() + "." + f.name();
    }
    if (v instanceof Value.ClassConst c) {
      return c.internalName() + ".class";
    }
    return null;
  }

  private static final Set<String> LOCK_TYPES =
      Set.of(
          "java/util/concurrent/locks/Lock",
          "java/util/concurrent/locks/ReentrantLock",
          "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock");

  // ---- visiting ----------------------------------------------------------------------------

  @Override
  public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
    handlers.add(handler);
    if (type != null) {
      handlerTypes.computeIfAbsent(handler, k -> new HashSet<>()).add(type);
    }
    tryStarts.computeIfAbsent(start, k -> new ArrayList<>()).add(handler);
    tryEnds.computeIfAbsent(end, k -> new ArrayList<>()).add(handler);
  }

  // Per handler, the types it catches (a finally block's handler catches none by name).
  private final Map<Label, Set<String>> handlerTypes = new HashMap<>();
  // Per handler: whether its code throws (again), or calls anything but a logging API or string
  // building, before it leaves by a jump or a return. A handler that only logs ignores the failure;
  // what its log call writes is followed like any other call (commons-dbcp2 logs a name already
  // taken to a log its tests read, StackMessageLog, through commons-logging's configuration: see
  // ProjectLoggers), so the registration itself races only with look-ups.
  private final Map<Label, Boolean> handlerThrows = new HashMap<>();
  private Label inHandler;
  // MBean registrations made inside a try block, by index in sinks, with the handlers around them.
  private final Map<Integer, List<Label>> registrationsInTry = new HashMap<>();

  /** Types whose handler catches what {@code registerMBean}/{@code unregisterMBean} throw. */
  private static final Set<String> REGISTRATION_FAILURES =
      Set.of(
          "java/lang/Throwable",
          "java/lang/Exception",
          "javax/management/JMException",
          "javax/management/OperationsException",
          "javax/management/InstanceAlreadyExistsException",
          "javax/management/InstanceNotFoundException");

  /**
   * The types a handler may call and still only report a failure: logging APIs, and what builds the
   * message.
   */
  private static final Set<String> REPORTING_TYPES =
      Set.of(
          "org/apache/commons/logging/Log",
          "org/slf4j/Logger",
          "java/util/logging/Logger",
          "java/lang/System$Logger",
          "org/apache/logging/log4j/Logger",
          "org/apache/log4j/Logger",
          "org/apache/log4j/Category",
          "java/lang/StringBuilder",
          "java/lang/StringBuffer",
          "java/lang/String");

  private static boolean onlyReports(String callOwner) {
    return REPORTING_TYPES.contains(callOwner);
  }

  /** Notes the start of a handler's code, which runs until it jumps, returns or throws. */
  private void trackHandler(Label label) {
    if (handlers.contains(label)) {
      inHandler = label;
      handlerThrows.putIfAbsent(label, false);
    }
  }

  /** The handlers around the current instruction that catch a failed registration. */
  private List<Label> registrationHandlers() {
    List<Label> found = new ArrayList<>();
    for (Label h : openTries.keySet()) {
      Set<String> caught = handlerTypes.getOrDefault(h, Set.of());
      if (caught.stream().anyMatch(REGISTRATION_FAILURES::contains)) {
        found.add(h);
      }
    }
    return found;
  }

  /**
   * The MBean registrations made inside a try block whose handler catches their failure and leaves
   * without throwing: quiet ones ({@link CodeRules#QUIET_MBEAN_REGISTRATION}).
   */
  private void quietRegistrations() {
    Set<Value> quietKeys = new HashSet<>();
    for (Map.Entry<Integer, List<Label>> e : registrationsInTry.entrySet()) {
      boolean quiet = false;
      for (Label h : e.getValue()) {
        quiet |= Boolean.FALSE.equals(handlerThrows.get(h));
      }
      if (quiet) {
        Sites.Sink sink = sinks.get(e.getKey());
        sinks.set(e.getKey(), sink.withRule(CodeRules.quietly(sink.rule())));
        quietKeys.add(sink.key());
      }
    }
    if (quietKeys.isEmpty()) {
      return;
    }
    // A look-up of the same name in the same method (if (isRegistered(name)) unregisterMBean(name),
    // as dbcp2's ObjectNameWrapper does) only decides whether to make the quiet change: what it
    // sees matters to no test.
    for (int i = 0; i < sinks.size(); i++) {
      Sites.Sink sink = sinks.get(i);
      if (sink.rule().id().equals("jdk.mbean-lookup") && quietKeys.contains(sink.key())) {
        sinks.set(
            i,
            sink.withRule(
                sink.rule().withSensitivity(io.github.isolationaudit.model.Sensitivity.LOW)));
      }
    }
  }

  @Override
  public void visitLabel(Label label) {
    trackHandler(label);
    Snapshot incoming = pending.remove(label);
    for (Label h : tryEnds.getOrDefault(label, List.of())) {
      openTries.merge(h, -1, Integer::sum);
      openTries.remove(h, 0);
    }
    if (handlers.contains(label)) {
      stack.clear();
      push(Value.UNKNOWN);
      condition = Sites.Condition.NONE;
      Snapshot locks = handlerLocks.getOrDefault(label, tryStartLocks.get(label));
      taken = locks == null ? List.of() : locks.taken();
      released = locks == null ? List.of() : locks.released();
      dead = false;
      openTries(label);
      return;
    }
    if (incoming != null) {
      Snapshot merged =
          dead
              ? incoming
              : merged(incoming, new Snapshot(stack, locals, condition, taken, released));
      if (!flows.idle()) {
        flows.lost(
            frame(incoming.stack(), incoming.locals()), frame(merged.stack(), merged.locals()));
        if (!dead) {
          flows.lost(frame(stack, locals), frame(merged.stack(), merged.locals()));
        }
      }
      stack.clear();
      stack.addAll(merged.stack());
      locals = merged.locals();
      condition = merged.condition();
      taken = merged.taken();
      released = merged.released();
    } else if (dead) {
      stack.clear();
    }
    dead = false;
    openTries(label);
  }

  private static List<Value> frame(List<Value> stack, Value[] locals) {
    List<Value> all = new ArrayList<>(stack);
    for (Value v : locals) {
      if (v != null) {
        all.add(v);
      }
    }
    return all;
  }

  /** Opens the try blocks that start at a label, with the locks held where they start. */
  private void openTries(Label label) {
    for (Label h : tryStarts.getOrDefault(label, List.of())) {
      openTries.merge(h, 1, Integer::sum);
      if (dead) {
        continue;
      }
      tryStartLocks.putIfAbsent(h, new Snapshot(List.of(), locals, null, taken, released));
      deferredTries.add(h);
    }
  }

  @Override
  public void visitLineNumber(int lineNumber, Label start) {
    line = lineNumber;
    if (firstLine == 0) {
      firstLine = lineNumber;
    }
  }

  @Override
  public void visitInsn(int opcode) {
    settle();
    if (prologue
        && (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN || opcode == Opcodes.ATHROW)) {
      // The guard's return: nothing, or a constant, the same in every test.
      Value v = opcode == Opcodes.RETURN ? Value.NULL : peek(opcode == Opcodes.LRETURN ? 1 : 0);
      if (opcode != Opcodes.ATHROW && ConfigGuard.isConstant(v)) {
        configGuard = ConfigGuard.key(guardCandidate, guardJump, guardCall);
        guardedConfig = configGuard.isEmpty() ? -1 : guardMap;
      }
      prologue = false;
    }
    switch (opcode) {
      case Opcodes.NOP -> {}
      case Opcodes.ACONST_NULL -> push(Value.NULL);
      case Opcodes.ICONST_M1,
          Opcodes.ICONST_0,
          Opcodes.ICONST_1,
          Opcodes.ICONST_2,
          Opcodes.ICONST_3,
          Opcodes.ICONST_4,
          Opcodes.ICONST_5 ->
          push(new Value.Const(opcode - Opcodes.ICONST_0));
      case Opcodes.LCONST_0, Opcodes.LCONST_1 ->
          push(new Value.Const((long) (opcode - Opcodes.LCONST_0)), 2);
      case Opcodes.FCONST_0, Opcodes.FCONST_1, Opcodes.FCONST_2 -> push(Value.UNKNOWN);
      case Opcodes.DCONST_0, Opcodes.DCONST_1 -> push(Value.UNKNOWN, 2);
      case Opcodes.IALOAD -> {
        Value index = pop();
        Value array = pop();
        if (array instanceof Value.FieldValue map
            && isSwitchMap(map)
            && index instanceof Value.Returned r
            && isOrdinal(r)
            && r.receiver() instanceof Value.Param p) {
          // A fresh object, so that the switch reading it can tell it by identity.
          Value pushed = new Value.Unknown();
          switchKey = new SwitchKey(pushed, p.index(), map.owner() + "." + map.name());
          push(pushed);
        } else {
          push(Value.UNKNOWN);
        }
      }
      case Opcodes.FALOAD, Opcodes.BALOAD, Opcodes.CALOAD, Opcodes.SALOAD -> {
        pop(2);
        push(Value.UNKNOWN);
      }
      case Opcodes.AALOAD -> {
        Value index = pop();
        Value array = pop();
        if (array instanceof Value.ArrayValue a
            && index instanceof Value.Const c
            && c.value() instanceof Integer i
            && i >= 0
            && i < a.elements.length) {
          push(a.elements[i]);
        } else {
          push(Value.UNKNOWN);
        }
      }
      case Opcodes.LALOAD, Opcodes.DALOAD -> {
        pop(2);
        push(Value.UNKNOWN, 2);
      }
      case Opcodes.IASTORE,
          Opcodes.FASTORE,
          Opcodes.AASTORE,
          Opcodes.BASTORE,
          Opcodes.CASTORE,
          Opcodes.SASTORE,
          Opcodes.LASTORE,
          Opcodes.DASTORE -> {
        Value value = popValue(opcode == Opcodes.LASTORE || opcode == Opcodes.DASTORE ? 2 : 1);
        Value index = pop();
        Value array = pop();
        if (opcode == Opcodes.IASTORE
            && array instanceof Value.FieldValue map
            && isSwitchMap(map)
            && index instanceof Value.Returned r
            && isOrdinal(r)
            && r.receiver() instanceof Value.FieldValue constant
            && constant.isStatic()
            && value instanceof Value.Const c
            && c.value() instanceof Integer number) {
          switchCases.add(
              new Sites.SwitchCase(map.owner() + "." + map.name(), number, constant.name()));
        }
        if (array instanceof Value.ArrayValue a
            && index instanceof Value.Const c
            && c.value() instanceof Integer i
            && i >= 0
            && i < a.elements.length) {
          if (flows.tagged(value)) {
            flows.into(a, value);
            flows.accounted();
          }
          a.elements[i] = plain(value);
        } else if (array instanceof Value.FieldValue f && f.isStatic()) {
          staticFields.add(
              new Sites.StaticField(
                  f.owner(), f.name(), f.descriptor(), Sites.FieldOp.ARRAY_STORE, "", "", line));
        }
      }
      case Opcodes.POP -> {
        pop();
        moved();
      }
      case Opcodes.POP2 -> {
        pop(2);
        moved();
      }
      case Opcodes.DUP -> push(peek(0));
      case Opcodes.DUP_X1 -> {
        Value v1 = pop();
        Value v2 = pop();
        push(v1);
        push(v2);
        push(v1);
        moved();
      }
      case Opcodes.DUP_X2 -> {
        Value v1 = pop();
        Value v2 = pop();
        Value v3 = pop();
        push(v1);
        push(v3);
        push(v2);
        push(v1);
        moved();
      }
      case Opcodes.DUP2 -> {
        Value v1 = peek(0);
        Value v2 = peek(1);
        push(v2);
        push(v1);
      }
      case Opcodes.DUP2_X1 -> {
        Value v1 = pop();
        Value v2 = pop();
        Value v3 = pop();
        push(v2);
        push(v1);
        push(v3);
        push(v2);
        push(v1);
        moved();
      }
      case Opcodes.DUP2_X2 -> {
        Value v1 = pop();
        Value v2 = pop();
        Value v3 = pop();
        Value v4 = pop();
        push(v2);
        push(v1);
        push(v4);
        push(v3);
        push(v2);
        push(v1);
        moved();
      }
      case Opcodes.SWAP -> {
        Value v1 = pop();
        Value v2 = pop();
        push(v1);
        push(v2);
        moved();
      }
      case Opcodes.IADD,
          Opcodes.ISUB,
          Opcodes.IMUL,
          Opcodes.IDIV,
          Opcodes.IREM,
          Opcodes.ISHL,
          Opcodes.ISHR,
          Opcodes.IUSHR,
          Opcodes.IAND,
          Opcodes.IOR,
          Opcodes.IXOR,
          Opcodes.FADD,
          Opcodes.FSUB,
          Opcodes.FMUL,
          Opcodes.FDIV,
          Opcodes.FREM,
          Opcodes.FCMPL,
          Opcodes.FCMPG -> {
        pop(2);
        push(Value.UNKNOWN);
      }
      case Opcodes.LADD,
          Opcodes.LSUB,
          Opcodes.LMUL,
          Opcodes.LDIV,
          Opcodes.LREM,
          Opcodes.LAND,
          Opcodes.LOR,
          Opcodes.LXOR,
          Opcodes.DADD,
          Opcodes.DSUB,
          Opcodes.DMUL,
          Opcodes.DDIV,
          Opcodes.DREM -> {
        pop(4);
        push(Value.UNKNOWN, 2);
      }
      case Opcodes.LSHL, Opcodes.LSHR, Opcodes.LUSHR -> {
        pop(3);
        push(Value.UNKNOWN, 2);
      }
      case Opcodes.LCMP, Opcodes.DCMPL, Opcodes.DCMPG -> {
        pop(4);
        push(Value.UNKNOWN);
      }
      case Opcodes.INEG, Opcodes.FNEG, Opcodes.I2F, Opcodes.F2I, Opcodes.ARRAYLENGTH -> {
        pop();
        push(Value.UNKNOWN);
      }
      case Opcodes.I2B, Opcodes.I2C, Opcodes.I2S -> {}
      case Opcodes.LNEG, Opcodes.DNEG, Opcodes.L2D, Opcodes.D2L -> {
        pop(2);
        push(Value.UNKNOWN, 2);
      }
      case Opcodes.I2L, Opcodes.I2D, Opcodes.F2L, Opcodes.F2D -> {
        Value v = pop();
        push(opcode == Opcodes.I2L ? v : Value.UNKNOWN, 2);
      }
      case Opcodes.L2I, Opcodes.L2F, Opcodes.D2I, Opcodes.D2F -> {
        pop(2);
        push(Value.UNKNOWN);
      }
      case Opcodes.ARETURN -> {
        Value v = pop();
        stdio.escaped(v);
        if (v == Value.NULL) {
          // A path that returns null returns no key: callers use what the other paths return.
          stack.clear();
        } else {
          // Paths that return different values return one of them (a few, else unknown).
          v = plain(v);
          returned = returned == null ? v : Value.either(returned, v);
        }
        dead = true;
      }
      case Opcodes.IRETURN,
          Opcodes.FRETURN,
          Opcodes.LRETURN,
          Opcodes.DRETURN,
          Opcodes.RETURN,
          Opcodes.ATHROW -> {
        if (inHandler != null) {
          if (opcode == Opcodes.ATHROW) {
            handlerThrows.put(inHandler, true);
          }
          inHandler = null;
        }
        stack.clear();
        dead = true;
      }
      case Opcodes.MONITORENTER, Opcodes.MONITOREXIT -> {
        // A static field loaded only to lock on what it holds (synchronized (MAP) {...}) touches
        // none of its contents: the load is marked, so a map reached only by key stays keyed.
        Value monitor = pop();
        String lock = lockOf(monitor);
        if (lock != null) {
          noteHeld();
          lockEvent(lock, false, opcode == Opcodes.MONITORENTER);
        }
        Integer get = gets.get(monitor);
        if (get != null) {
          Sites.StaticField loaded = staticFields.get(get);
          if (loaded.op() == Sites.FieldOp.GET) {
            staticFields.set(
                get,
                new Sites.StaticField(
                    loaded.owner(),
                    loaded.name(),
                    loaded.descriptor(),
                    loaded.op(),
                    Sites.StaticField.MONITOR,
                    loaded.receiverType(),
                    loaded.line()));
          }
        }
      }
      default -> {}
    }
  }

  @Override
  public void visitIntInsn(int opcode, int operand) {
    settle();
    switch (opcode) {
      case Opcodes.BIPUSH, Opcodes.SIPUSH -> push(new Value.Const(operand));
      case Opcodes.NEWARRAY -> {
        pop();
        push(Value.UNKNOWN);
      }
      default -> {}
    }
  }

  @Override
  public void visitVarInsn(int opcode, int varIndex) {
    settle();
    switch (opcode) {
      case Opcodes.ILOAD, Opcodes.FLOAD, Opcodes.ALOAD -> push(load(varIndex));
      case Opcodes.LLOAD, Opcodes.DLOAD -> push(load(varIndex), 2);
      case Opcodes.ISTORE, Opcodes.FSTORE, Opcodes.ASTORE -> {
        Value v = pop();
        stdio.stored(v);
        store(varIndex, v);
      }
      case Opcodes.LSTORE, Opcodes.DSTORE -> store(varIndex, popValue(2));
      default -> {}
    }
    moved();
  }

  @Override
  public void visitIincInsn(int varIndex, int increment) {
    settle();
    store(varIndex, Value.UNKNOWN);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    settle();
    if (opcode != Opcodes.CHECKCAST) {
      prologue = false;
    }
    switch (opcode) {
      case Opcodes.NEW -> {
        push(new Value.NewObject(type));
        news.add(new Sites.New(type, line, false, condition));
      }
      case Opcodes.ANEWARRAY -> {
        Value size = pop();
        push(
            size instanceof Value.Const c && c.value() instanceof Integer n
                ? new Value.ArrayValue(n)
                : Value.UNKNOWN);
      }
      case Opcodes.INSTANCEOF -> {
        pop();
        push(Value.UNKNOWN);
      }
      default -> {}
    }
  }

  @Override
  public void visitFieldInsn(int opcode, String fieldOwner, String fieldName, String desc) {
    settle();
    prologue = false;
    noteHeld();
    int size = desc.equals("J") || desc.equals("D") ? 2 : 1;
    switch (opcode) {
      case Opcodes.GETSTATIC -> {
        Value.FieldValue held = new Value.FieldValue(fieldOwner, fieldName, desc, true);
        for (SinkRule rule : catalog.sinksForField(fieldOwner, fieldName)) {
          if (CodeRules.printing(rule) != rule) {
            stdio.read(held, sinks.size());
          }
          sinks.add(new Sites.Sink(rule, keyValue(rule.key(), null, new Value[0]), line));
        }
        if (!isJdk(fieldOwner)) {
          gets.put(held, staticFields.size());
          staticFields.add(
              new Sites.StaticField(fieldOwner, fieldName, desc, Sites.FieldOp.GET, "", "", line));
        }
        push(held, size);
      }
      case Opcodes.PUTSTATIC -> {
        Value v = popValue(size);
        stdio.escaped(v);
        wholeProperties |= isSystemProperties(v);
        if (!isJdk(fieldOwner)) {
          staticFields.add(
              new Sites.StaticField(fieldOwner, fieldName, desc, Sites.FieldOp.PUT, "", "", line));
          fieldStores.add(new Sites.FieldStore(fieldOwner, fieldName, plain(v), false));
        }
      }
      case Opcodes.GETFIELD -> {
        Value receiver = pop();
        if (receiver == Value.THIS && !name.equals("<init>")) {
          instanceFields.add(new Sites.InstanceField(fieldOwner, fieldName, false, line));
        }
        Value v;
        if (receiver == Value.THIS) {
          v = new Value.FieldValue(fieldOwner, fieldName, desc, false);
        } else if (isJdk(fieldOwner)) {
          v = Value.UNKNOWN;
        } else {
          // Another object's field: followed through that object where it is known, else through
          // every store into the field.
          Value object = followed(receiver);
          v =
              new Value.ObjectField(
                  object == null ? Value.UNKNOWN : object, fieldOwner, fieldName, desc);
        }
        push(v, size);
      }
      case Opcodes.PUTFIELD -> {
        Value v = popValue(size);
        stdio.escaped(v);
        wholeProperties |= isSystemProperties(v);
        Value receiver = pop();
        v = plain(v);
        if (receiver == Value.THIS) {
          fieldStores.add(new Sites.FieldStore(fieldOwner, fieldName, v, true));
          instanceFields.add(new Sites.InstanceField(fieldOwner, fieldName, true, line));
        } else if (!isJdk(fieldOwner)) {
          fieldStores.add(new Sites.FieldStore(fieldOwner, fieldName, v, false));
        }
      }
      default -> {}
    }
  }

  /** Slot sizes of a descriptor's arguments and of its return value (0 for void). */
  record Shape(int[] argSizes, int returnSize, boolean firstArgIsInt) {}

  private static final java.util.concurrent.ConcurrentHashMap<String, Shape> SHAPES =
      new java.util.concurrent.ConcurrentHashMap<>();

  static Shape shape(String desc) {
    Shape s = SHAPES.get(desc);
    if (s == null) {
      Type[] args = Type.getArgumentTypes(desc);
      int[] sizes = new int[args.length];
      for (int i = 0; i < args.length; i++) {
        sizes[i] = args[i].getSize();
      }
      Type ret = Type.getReturnType(desc);
      s =
          new Shape(
              sizes,
              ret.getSort() == Type.VOID ? 0 : ret.getSize(),
              args.length > 0 && args[0].getSort() == Type.INT);
      if (SHAPES.size() < 100_000) {
        SHAPES.put(desc, s);
      }
    }
    return s;
  }

  /** Library owners that take a class literal for what it names, never to make its objects. */
  private static final List<String> NAMING_ONLY =
      List.of(
          "org/junit/",
          "junit/",
          "org/testng/",
          "org/assertj/",
          "org/hamcrest/",
          "org/mockito/",
          "org/easymock/",
          "org/powermock/",
          "org/jmock/",
          "org/slf4j/",
          "org/apache/log4j/",
          "org/apache/logging/",
          "org/apache/commons/logging/",
          "java/util/logging/",
          "java/lang/reflect/Array",
          "java/lang/invoke/",
          "java/lang/Enum",
          "java/util/EnumSet",
          "java/util/EnumMap",
          "java/util/concurrent/atomic/");

  /** What a class literal is asked for when its objects are about to be made by reflection. */
  private static final Set<String> REFLECTIVE_MAKING =
      Set.of(
          "getName",
          "getCanonicalName",
          "getTypeName",
          "newInstance",
          "getConstructor",
          "getDeclaredConstructor",
          "getConstructors",
          "getDeclaredConstructors");

  /**
   * A class named by its literal where code hands it on (a plugin put into a configuration, {@code
   * conf.setClass(KEY, Impl.class, Api.class)}, {@code props.put(KEY, Impl.class.getName())}) is
   * made there, by reflection, for the code that reads the configuration: it counts as created at
   * this line. Literals given to assertions, mocks and loggers, and a class's literal of itself,
   * name a class without making one.
   */
  private void noteNamedClasses(String callOwner, String callName, Value receiver, Value[] args) {
    if (receiver instanceof Value.ClassConst c && REFLECTIVE_MAKING.contains(callName)) {
      named(c.internalName());
    }
    boolean namingOnly = false;
    for (String prefix : NAMING_ONLY) {
      namingOnly |= callOwner.startsWith(prefix);
    }
    if (namingOnly || callOwner.equals("java/lang/Class")) {
      return;
    }
    for (Value a : args) {
      if (a instanceof Value.ClassConst c) {
        named(c.internalName());
      }
    }
  }

  private void named(String type) {
    if (!type.equals(owner) && !isJdk(type)) {
      news.add(new Sites.New(type, line, true));
    }
  }

  @Override
  public void visitMethodInsn(int opcode, String named, String callName, String desc, boolean itf) {
    settle();
    // A call on a project class that runs a method it inherits from a library class, where the
    // catalog knows what that method does, is that library call (a Thread subclass's start()).
    // Other such calls keep the class they name: what the code knows of their results is kept
    // under it.
    String library =
        opcode == Opcodes.INVOKESTATIC ? null : inherited.libraryOwner(named, callName, desc);
    String callOwner =
        library != null
                && (catalog.handle(library, callName, desc) != null
                    || !catalog.sinksForCall(library, callName, desc).isEmpty())
            ? library
            : named;
    if (inHandler != null && !onlyReports(callOwner)) {
      handlerThrows.put(inHandler, true);
    }
    Shape shape = shape(desc);
    int[] argSizes = shape.argSizes();
    Value[] args = new Value[argSizes.length];
    for (int i = argSizes.length - 1; i >= 0; i--) {
      args[i] = popValue(argSizes[i]);
    }
    Value receiver = opcode == Opcodes.INVOKESTATIC ? null : pop();
    Value rawReceiver = receiver;
    // The arguments as popped, for StdioUses: the records below convert them in place.
    Value[] rawArgs = stdio.active() ? args.clone() : args;
    int callIndex = calls.size();
    if (!results.idle()) {
      // A followed result taken as an argument is handed on; taken as the receiver, it is used.
      results.handedTo(args, callIndex);
      for (int i = 0; i < args.length; i++) {
        args[i] = results.plain(args[i]);
      }
      receiver = results.plain(receiver);
    }
    BitSet carried =
        flows.idle()
            ? new BitSet()
            : messageFlow(opcode, callOwner, callName, desc, receiver, args);
    String lock =
        desc.equals("()V") && LOCK_TYPES.contains(callOwner) && lockOf(receiver) != null
            ? lockOf(receiver) + Sites.LockToken.LOCK_OBJECT
            : null;
    noteHeld(
        lock != null && !callName.equals("unlock")
            || desc.equals("()V") && opcode == Opcodes.INVOKESTATIC && !isJdk(callOwner));
    if (desc.equals("()V")) {
      if (lock != null && (callName.equals("lock") || callName.equals("lockInterruptibly"))) {
        lockCalls++;
        directTakes.add(lock);
        lockEvent(lock, false, true);
      } else if (lock != null && callName.equals("unlock")) {
        lockCalls++;
        directReleases.add(lock);
        lockEvent(lock, false, false);
      } else if (opcode == Opcodes.INVOKESTATIC && !isJdk(callOwner)) {
        lockEvent(callOwner + "." + callName, true, true);
      }
    }
    noteWholeProperties(receiver, callName, args);
    noteNamedClasses(callOwner, callName, receiver, args);
    if (prologue) {
      if (guardCandidate == null && ConfigGuard.isLookup(callName, desc, args)) {
        guardCandidate = (String) ((Value.Const) args[0]).value();
        guardMap = receiver instanceof Value.Param p ? p.index() : -1;
      } else if (guardCandidate != null && ConfigGuard.isCheck(callOwner, callName)) {
        guardCall = callName;
      } else if (guardCandidate == null
          || !ConfigGuard.makesConstant(
              opcode == Opcodes.INVOKESTATIC,
              args,
              LibraryValues.result(callOwner, callName, desc, null, List.of()))) {
        prologue = false;
      }
    }
    List<Value> argList = Arrays.asList(args);
    boolean onThis = receiver == Value.THIS;
    Sites.Dispatch dispatch =
        switch (opcode) {
          case Opcodes.INVOKESTATIC -> Sites.Dispatch.STATIC;
          case Opcodes.INVOKESPECIAL -> Sites.Dispatch.SPECIAL;
          case Opcodes.INVOKEINTERFACE -> Sites.Dispatch.INTERFACE;
          default -> Sites.Dispatch.VIRTUAL;
        };
    boolean anyKnown = false;
    for (Value a : args) {
      anyKnown |= a != Value.UNKNOWN;
    }
    List<Value> knownArgs = anyKnown ? argList : List.of();
    Value.Allocated allocated =
        callName.equals("<init>")
                && receiver instanceof Value.NewObject obj
                && obj.type.equals(callOwner)
                && !isJdk(callOwner)
            ? new Value.Allocated(callOwner, desc, knownArgs)
            : null;
    calls.add(
        new Sites.Call(
            dispatch,
            callOwner,
            callName,
            desc,
            line,
            onThis,
            knownArgs,
            allocated != null
                ? allocated
                : callOwner.equals("java/lang/String") && receiver instanceof Value.Const
                    // A JDBC driver's acceptsURL compares with a constant: PREFIX.startsWith(url).
                    ? receiver
                    : followed(receiver),
            condition));

    // Catalog sinks.
    int sinksBefore = sinks.size();
    if (catalog.mayBeSinkMethod(callName)) {
      boolean failureOnly =
          io.github.isolationaudit.analyzer.program.FailureMessages.buildingThrowable(stack);
      for (SinkRule rule : catalog.sinksForCall(callOwner, callName, desc)) {
        if (rule.receiverFrom() != null
            && !(receiver instanceof Value.LibraryResult r
                && rule.receiverFrom().matches(r.owner(), r.name(), r.descriptor()))) {
          continue;
        }
        SinkRule matched = lessSensitive(rule, callName, receiver, args);
        if (QUIET_CANDIDATES.contains(rule.id())) {
          List<Label> around = registrationHandlers();
          if (!around.isEmpty()) {
            registrationsInTry.put(sinks.size(), around);
          }
        }
        sinks.add(
            new Sites.Sink(
                failureOnly
                    ? io.github.isolationaudit.analyzer.program.FailureMessages.failureOnly(matched)
                    : matched,
                keyValue(rule.key(), receiver, args),
                line,
                writtenValue(matched, callName, args),
                condition));
      }
      for (int i = sinksBefore; i < sinks.size(); i++) {
        Sites.Sink s = sinks.get(i);
        if (rawArgs.length == 1
            && CodeRules.unreadReplacement(s.rule()) != s.rule()
            && stdio.unreadReplacement(rawArgs[0])) {
          sinks.set(i, s.withRule(CodeRules.unreadReplacement(s.rule())));
        }
      }
    }
    // Static state changed in place by a JDK method that takes it as an argument: an array or a
    // list a static field holds, sorted, filled or copied into.
    int changed =
        io.github.isolationaudit.analyzer.program.ArgumentMutators.changedArgument(
            callOwner, callName);
    if (changed >= 0
        && changed < args.length
        && args[changed] instanceof Value.FieldValue f
        && f.isStatic()
        && !isJdk(f.owner())) {
      staticFields.add(
          new Sites.StaticField(
              f.owner(),
              f.name(),
              f.descriptor(),
              Sites.FieldOp.MUTATE,
              callName,
              callOwner,
              line));
    }
    // Static state changed in place: a mutator called on an object a static field holds.
    boolean cachedValue = false;
    if (receiver instanceof Value.FieldValue f && f.isStatic() && !isJdk(f.owner())) {
      fills.noteCall(f, callName, argList);
      if (catalog.isMutator(callOwner, callName)) {
        boolean fill = fills.isFill(f, callName, argList);
        cachedValue =
            fill
                && io.github.isolationaudit.analyzer.program.MemoizingFills.returnsCachedValue(
                    callName);
        staticFields.add(
            new Sites.StaticField(
                f.owner(),
                f.name(),
                f.descriptor(),
                fill ? Sites.FieldOp.FILL : Sites.FieldOp.MUTATE,
                callName,
                callOwner,
                line));
        // A counter loaded only to draw from it (CLASS_ID.incrementAndGet() in a statement that
        // spans lines) is the draw, not a read of the counter besides it: its GET takes the draw's
        // line, where the holder's load is no read (a value drawn is the drawer's own).
        Integer get = gets.get(f);
        if (get != null
            && !fill
            && io.github.isolationaudit.analyzer.program.CounterDraws.draws(callName)) {
          Sites.StaticField loaded = staticFields.get(get);
          staticFields.set(
              get,
              new Sites.StaticField(
                  loaded.owner(),
                  loaded.name(),
                  loaded.descriptor(),
                  loaded.op(),
                  loaded.detail(),
                  loaded.receiverType(),
                  line));
        }
      }
    }
    // A JDBC URL flowing into a call is a connection to that database, unless the call is plain
    // JDK work on the string (startsWith, equals, a map key ...).
    boolean jdkStringWork =
        isJdk(callOwner)
            && !callOwner.startsWith("java/sql/")
            && !callOwner.startsWith("javax/sql/");
    if (!jdkStringWork) {
      for (Value a : args) {
        if (isJdbcUrl(a) && !isDatabaseSink(callOwner, callName, desc)) {
          sinks.add(new Sites.Sink(CodeRules.JDBC_URL_CONSTANT, a, line));
        }
      }
    }

    if (shape.returnSize() != 0 || callName.equals("<init>")) {
      // What a read returns (or the object it makes) is followed until it ends in a failure
      // message or is used otherwise.
      for (int i = sinksBefore; i < sinks.size(); i++) {
        if (FailureMessages.lowers(sinks.get(i).rule())) {
          carried.set(i);
        }
      }
    }
    Value result = resultOf(opcode, callOwner, callName, desc, receiver, argList);
    if (callName.equals("<init>")) {
      if (receiver instanceof Value.NewObject obj) {
        Value made = result != null ? result : obj;
        if (allocated != null && (result == null || result instanceof Value.Returned)) {
          made = allocated;
        }
        if (callOwner.equals("java/lang/StringBuilder")
            || callOwner.equals("java/lang/StringBuffer")) {
          made =
              new Value.Builder(
                  obj, args.length == 1 && !shape.firstArgIsInt() ? List.of(args[0]) : List.of());
        }
        made = flows.tag(made, carried);
        replaceEverywhere(obj, made);
        if (made == obj) {
          // Only an object made here, never a value that stands for others too.
          stdio.made(callOwner, made, rawArgs);
        }
      }
      stdio.call(callOwner, callName, rawReceiver, rawArgs);
      return;
    }
    stdio.call(callOwner, callName, rawReceiver, rawArgs);
    if (cachedValue && result == null) {
      // The cached value stands for the cache: changing it (computeIfAbsent(k, ...).add(x))
      // changes what every user of the cache sees.
      result = receiver;
    }
    if (result == null && StdioUses.makesNullStream(callOwner, callName)) {
      // A new stream each call, which only this code holds.
      result = new Value.NewObject("java/io/OutputStream");
    }
    if (shape.returnSize() != 0) {
      Value pushed = flows.tag(result != null ? result : Value.UNKNOWN, carried);
      if (result instanceof Value.NewObject && pushed == result) {
        stdio.made(callOwner, pushed, rawArgs);
      }
      results.track(pushed, callIndex);
      push(pushed, shape.returnSize());
    }
  }

  /**
   * What a call does with the values followed for failure messages: message arguments and an
   * exception's constructor arguments end there, JDK string building carries them into its result
   * (returned), any other use is an escape. The arguments are made plain for the call's records.
   */
  private BitSet messageFlow(
      int opcode, String callOwner, String callName, String desc, Value receiver, Value[] args) {
    BitSet carried = new BitSet();
    BitSet message = FailureMessages.messageArguments(callOwner, callName, desc);
    boolean throwable =
        callName.equals("<init>")
            && receiver instanceof Value.NewObject n
            && FailureMessages.throwableName(n.type);
    boolean building = isJdk(callOwner) && buildsText(callOwner, callName, desc);
    for (int i = 0; i < args.length; i++) {
      if (message.get(i) || throwable) {
        flows.message(args[i]);
      } else if (building) {
        carried.or(flows.of(args[i]));
      } else {
        flows.escape(args[i]);
      }
      args[i] = plain(args[i]);
    }
    if (receiver != null) {
      if (building) {
        carried.or(flows.of(receiver));
      } else {
        flows.escape(receiver);
      }
    }
    flows.accounted();
    return carried;
  }

  /** Whether a JDK call makes text (a String, a builder) from its receiver and arguments. */
  private static boolean buildsText(String callOwner, String callName, String desc) {
    if (callName.equals("<init>")) {
      return callOwner.equals("java/lang/StringBuilder")
          || callOwner.equals("java/lang/StringBuffer");
    }
    String returns = desc.substring(desc.indexOf(')') + 1);
    return returns.equals("Ljava/lang/String;")
        || returns.equals("Ljava/lang/StringBuilder;")
        || returns.equals("Ljava/lang/StringBuffer;")
        || returns.equals("Ljava/lang/CharSequence;");
  }

  private Value resultOf(
      int opcode,
      String callOwner,
      String callName,
      String desc,
      Value receiver,
      List<Value> args) {
    if ((callOwner.equals("java/lang/StringBuilder") || callOwner.equals("java/lang/StringBuffer"))
        && receiver instanceof Value.Builder b) {
      if (callName.equals("append") && args.size() == 1) {
        Value longer = new Value.Builder(b.id(), append(b.parts(), args.get(0)));
        replaceBuilder(b.id(), longer);
        return longer;
      }
      if (callName.equals("toString")) {
        return Value.concat(b.parts());
      }
      return null;
    }
    if (callOwner.equals("java/util/Arrays")
        && callName.equals("asList")
        && args.size() == 1
        && args.get(0) instanceof Value.FieldValue f
        && f.isStatic()
        && f.descriptor().startsWith("[")) {
      // A list view of the array a static field holds: what changes the list changes the array
      // (commons-vfs2's FileObjectSortTest sorts Arrays.asList(unSortedArray) in place).
      return f;
    }
    PerTestSource source = catalog.perTestSource(callOwner, callName, desc);
    if (source != null) {
      Value.FieldValue holder = receiver instanceof Value.FieldValue f ? f : null;
      return new Value.Temp(source.id(), Scope.PER_TEST, holder);
    }
    io.github.isolationaudit.rules.Handle handle = catalog.handle(callOwner, callName, desc);
    if (handle != null) {
      return keyValue(handle.key(), receiver, args.toArray(new Value[0]));
    }
    if (receiver != null && receiver.isTemp() && !callName.equals("<init>")) {
      // A path made from a fresh directory stays fresh: resolve(), toFile(), getPath() ...
      Value r = LibraryValues.result(callOwner, callName, desc, receiver, args);
      if (r != null) {
        return r;
      }
    }
    Value known = LibraryValues.result(callOwner, callName, desc, receiver, args);
    if (known != null) {
      return known;
    }
    if (catalog.isReceiverSource(callOwner, callName, desc)
        || callOwner.equals("java/util/Collections") && callName.startsWith("synchronized")) {
      // A synchronized wrapper is kept for what a static field it is stored in holds: a map
      // whose entries two tests can change at once (FootprintAnalysis.threadSafeInitializer).
      return new Value.LibraryResult(callOwner, callName, desc);
    }
    if (!isJdk(callOwner) && opcode != Opcodes.INVOKEDYNAMIC) {
      Value object = followed(receiver);
      return new Value.Returned(
          object == null ? Value.UNKNOWN : object, callOwner, callName, desc, args);
    }
    return null;
  }

  /**
   * The one value a write sink sets: the value of {@code setProperty(key, value)}, the argument of
   * a one-argument setter ({@code Locale.setDefault(l)}); unknown for everything else, so that a
   * clear or a setter of more than one thing never counts as setting a known value.
   */
  private static Value writtenValue(SinkRule rule, String callName, Value[] args) {
    if (rule.mode() != io.github.isolationaudit.model.AccessMode.WRITE) {
      return Value.UNKNOWN;
    }
    if (callName.equals("setProperty") && args.length == 2
        || callName.startsWith("set") && args.length == 1) {
      return args[args.length - 1];
    }
    // System.clearProperty(k): no value (Value.NULL), which a reset can be told by.
    return callName.equals("clearProperty") && args.length == 1 ? Value.NULL : Value.UNKNOWN;
  }

  /**
   * The receiver of a call or field read where values of its fields and calls on it can be followed
   * ({@code this}, a parameter, a field, an object made with {@code new}, what a project method
   * returned), else null.
   */
  private static Value followed(Value receiver) {
    return receiver == Value.THIS
            || receiver instanceof Value.Param
            || receiver instanceof Value.FieldValue
            || receiver instanceof Value.ObjectField
            || receiver instanceof Value.Allocated
            || receiver instanceof Value.Returned
        ? receiver
        : null;
  }

  private static List<Value> append(List<Value> parts, Value v) {
    List<Value> more = new ArrayList<>(parts);
    more.add(v);
    return more;
  }

  /**
   * A format call whose constant pattern uses only conversions the default Locale cannot change
   * ({@code %s}, {@code %x}, {@code %n} ...) depends on the Locale as little as a case conversion:
   * its rule is the LOW-sensitivity one of the same entry. forbiddenapis lists every String.format,
   * but {@code String.format("%s/%s", a, b)} reads no locale-dependent digits.
   */
  private SinkRule lessSensitive(SinkRule rule, String callName, Value receiver, Value[] args) {
    if (rule.resource() != ResourceKind.LOCALE
        || rule.sensitivity() == io.github.isolationaudit.model.Sensitivity.LOW
        || !(callName.equals("format")
            || callName.equals("printf")
            || callName.equals("formatted"))) {
      return rule;
    }
    Value pattern = callName.equals("formatted") ? receiver : args.length > 0 ? args[0] : null;
    if (!(pattern instanceof Value.Const c)
        || !(c.value() instanceof String text)
        || !localeInsensitive(text)) {
      return rule;
    }
    for (SinkRule low : catalog.sinks()) {
      if (low.id().equals(rule.id())
          && low.resource() == rule.resource()
          && low.sensitivity() == io.github.isolationaudit.model.Sensitivity.LOW) {
        return low;
      }
    }
    return rule;
  }

  private static final java.util.regex.Pattern CONVERSION =
      java.util.regex.Pattern.compile("%(\\d+\\$)?([-#+ 0,(<]*)\\d*(\\.\\d+)?([a-zA-Z%])");

  /**
   * Whether every conversion of a format pattern is one the Locale does not change, or changes as
   * rarely as a case conversion: {@code %d} without the grouping flag differs only in the few
   * locales whose digits are not ASCII (as {@code toUpperCase} differs only in Turkish), while
   * {@code %,d}, {@code %f} and dates follow every locale's separators.
   */
  static boolean localeInsensitive(String pattern) {
    java.util.regex.Matcher m = CONVERSION.matcher(pattern);
    while (m.find()) {
      char conversion = m.group(4).charAt(0);
      boolean plainInteger = conversion == 'd' && m.group(2).indexOf(',') < 0;
      if ("sbhcxXon%".indexOf(conversion) < 0 && !plainInteger) {
        return false;
      }
    }
    return true;
  }

  private static Value keyValue(KeySpec spec, Value receiver, Value[] args) {
    if (spec instanceof KeySpec.Arg a) {
      return a.index() < args.length ? args[a.index()] : Value.UNKNOWN;
    }
    if (spec instanceof KeySpec.Receiver) {
      return receiver == null ? Value.UNKNOWN : receiver;
    }
    if (spec instanceof KeySpec.Constant c) {
      return new Value.Const(c.value());
    }
    if (spec instanceof KeySpec.Connected c && c.sqlArg() != KeySpec.Connected.NO_SQL) {
      // The SQL text: the key is the test's database, the text says whether it writes.
      return c.sqlArg() < args.length ? args[c.sqlArg()] : Value.UNKNOWN;
    }
    return Value.UNKNOWN;
  }

  private boolean isDatabaseSink(String callOwner, String callName, String desc) {
    for (SinkRule rule : catalog.sinksForCall(callOwner, callName, desc)) {
      if (rule.resource() == ResourceKind.DATABASE) {
        return true;
      }
    }
    return false;
  }

  /** A JDBC URL: {@code jdbc:}, a subprotocol, and something after it, not just a prefix. */
  private static boolean isJdbcUrl(Value v) {
    String text = null;
    if (v instanceof Value.Const c && c.value() instanceof String s) {
      text = s;
    } else if (v instanceof Value.Concat c
        && !c.parts().isEmpty()
        && c.parts().get(0) instanceof Value.Const first) {
      text = first.value() + "x";
    }
    return text != null && text.matches("jdbc:[A-Za-z0-9]+:.+");
  }

  static boolean isJdk(String internalName) {
    return internalName.startsWith("java/")
        || internalName.startsWith("javax/")
        || internalName.startsWith("jdk/")
        || internalName.startsWith("sun/")
        || internalName.startsWith("com/sun/");
  }

  @Override
  public void visitInvokeDynamicInsn(String indyName, String desc, Handle bsm, Object... bsmArgs) {
    settle();
    noteHeld();
    Type[] argTypes = Type.getArgumentTypes(desc);
    Value[] args = new Value[argTypes.length];
    for (int i = argTypes.length - 1; i >= 0; i--) {
      args[i] = popValue(argTypes[i].getSize());
    }
    noteWholeProperties(null, "", args);
    Value result = Value.UNKNOWN;
    if (bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory")) {
      for (Object a : bsmArgs) {
        if (a instanceof Handle h) {
          boolean isStatic = h.getTag() == Opcodes.H_INVOKESTATIC;
          boolean capturesThis = !isStatic && args.length > 0 && args[0] == Value.THIS;
          lambdas.add(
              new Sites.Lambda(
                  h.getOwner(), h.getName(), h.getDesc(), isStatic, line, capturesThis));
          if (h.getOwner().equals(owner) && h.getName().startsWith("lambda$")) {
            result = flows.lambda(FailureMessages.Suppliers.key(h.getName(), h.getDesc()));
          }
          break;
        }
      }
    } else if (bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")) {
      BitSet carried = new BitSet();
      for (int i = 0; i < args.length; i++) {
        carried.or(flows.of(args[i]));
        args[i] = plain(args[i]);
      }
      flows.accounted();
      result = flows.tag(concatenation(indyName, bsmArgs, args), carried);
    }
    Type returnType = Type.getReturnType(desc);
    if (returnType.getSort() != Type.VOID) {
      push(result, returnType.getSize());
    }
  }

  private static Value concatenation(String indyName, Object[] bsmArgs, Value[] args) {
    if (indyName.equals("makeConcatWithConstants")
        && bsmArgs.length > 0
        && bsmArgs[0] instanceof String recipe) {
      List<Value> parts = new ArrayList<>();
      int arg = 0;
      int constant = 1;
      StringBuilder literal = new StringBuilder();
      for (int i = 0; i < recipe.length(); i++) {
        char c = recipe.charAt(i);
        if (c == '\u0001' || c == '\u0002') {
          if (literal.length() > 0) {
            parts.add(new Value.Const(literal.toString()));
            literal.setLength(0);
          }
          if (c == '\u0001') {
            parts.add(arg < args.length ? args[arg++] : Value.UNKNOWN);
          } else {
            Object k = constant < bsmArgs.length ? bsmArgs[constant++] : null;
            parts.add(k == null ? Value.UNKNOWN : new Value.Const(String.valueOf(k)));
          }
        } else {
          literal.append(c);
        }
      }
      if (literal.length() > 0) {
        parts.add(new Value.Const(literal.toString()));
      }
      return Value.concat(parts);
    }
    return Value.concat(Arrays.asList(args));
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    settle();
    if (opcode == Opcodes.GOTO && inHandler != null) {
      // The handler leaves without throwing.
      inHandler = null;
    }
    if (prologue) {
      if (guardCandidate == null || opcode == Opcodes.GOTO || opcode == Opcodes.JSR) {
        prologue = false;
      } else {
        guardJump = opcode;
      }
    }
    if (opcode == Opcodes.IFEQ || opcode == Opcodes.IFNE) {
      Sites.Atom whenTrue = booleanParam(peek(0), true);
      if (whenTrue != null) {
        // if (flag) ...: javac jumps over the body on IFEQ (flag false) and over the else on
        // IFNE; each way runs only with the parameter's value it tested.
        pop();
        Sites.Atom whenFalse = new Sites.Atom(whenTrue.param(), "", Set.of("false"));
        Sites.Condition onTrue = condition.and(whenTrue);
        Sites.Condition onFalse = condition.and(whenFalse);
        jumpTo(label, opcode == Opcodes.IFNE ? onTrue : onFalse);
        condition = opcode == Opcodes.IFNE ? onFalse : onTrue;
        return;
      }
    }
    switch (opcode) {
      case Opcodes.IFEQ,
          Opcodes.IFNE,
          Opcodes.IFLT,
          Opcodes.IFGE,
          Opcodes.IFGT,
          Opcodes.IFLE,
          Opcodes.IFNULL,
          Opcodes.IFNONNULL ->
          pop();
      case Opcodes.IF_ICMPEQ,
          Opcodes.IF_ICMPNE,
          Opcodes.IF_ICMPLT,
          Opcodes.IF_ICMPGE,
          Opcodes.IF_ICMPGT,
          Opcodes.IF_ICMPLE ->
          pop(2);
      case Opcodes.IF_ACMPEQ, Opcodes.IF_ACMPNE -> {
        Value right = pop();
        Value left = pop();
        Sites.Atom same = sameConstant(left, right);
        if (same != null) {
          // p == Enum.X holds where the comparison says equal; the other side says nothing.
          Sites.Condition equal = condition.and(same);
          if (opcode == Opcodes.IF_ACMPEQ) {
            jumpTo(label, equal);
          } else {
            jumpTo(label);
            condition = equal;
          }
          return;
        }
      }
      case Opcodes.JSR -> push(Value.UNKNOWN);
      default -> {}
    }
    jumpTo(label);
    if (opcode == Opcodes.GOTO) {
      dead = true;
    }
  }

  @Override
  public void visitLdcInsn(Object value) {
    settle();
    if (value instanceof String || value instanceof Integer) {
      push(new Value.Const(value));
    } else if (value instanceof Long) {
      push(new Value.Const(value), 2);
    } else if (value instanceof Double) {
      push(Value.UNKNOWN, 2);
    } else if (value instanceof Type t && t.getSort() == Type.OBJECT) {
      push(new Value.ClassConst(t.getInternalName()));
    } else {
      push(Value.UNKNOWN);
    }
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    settle();
    int[] keys = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      keys[i] = min + i;
    }
    switchTo(dflt, keys, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    settle();
    switchTo(dflt, keys, labels);
  }

  /**
   * Jumps to every case of a switch. On an enum parameter's switch map, a case label is reached
   * only with the constants of its numbers (several numbers on one label: any of them); the default
   * label keeps the condition the switch had (it also takes constants the map did not know).
   */
  private void switchTo(Label dflt, int[] keys, Label[] labels) {
    Value key = pop();
    SwitchKey known = switchKey != null && switchKey.pushed() == key ? switchKey : null;
    switchKey = null;
    jumpTo(dflt);
    if (known == null) {
      for (Label l : labels) {
        jumpTo(l);
      }
    } else {
      Map<Label, Set<Object>> cases = new java.util.LinkedHashMap<>();
      for (int i = 0; i < labels.length; i++) {
        cases.computeIfAbsent(labels[i], k -> new HashSet<>()).add(keys[i]);
      }
      for (Map.Entry<Label, Set<Object>> c : cases.entrySet()) {
        jumpTo(
            c.getKey(),
            condition.and(new Sites.Atom(known.param(), known.switchMap(), c.getValue())));
      }
    }
    dead = true;
  }

  /** A javac switch map: a static int array of a synthetic class, {@code $SwitchMap$pkg$Enum}. */
  private static boolean isSwitchMap(Value.FieldValue f) {
    return f.isStatic() && f.name().startsWith("$SwitchMap$") && f.descriptor().equals("[I");
  }

  private static boolean isOrdinal(Value.Returned r) {
    return r.name().equals("ordinal") && r.descriptor().equals("()I");
  }

  /**
   * A {@code boolean} parameter as it was on entry, with the one value it has on a path: the atom
   * {@code param is value}; null for any other value.
   */
  private Sites.Atom booleanParam(Value v, boolean value) {
    // Sites.Atom names a boolean's two values as the strings "true" and "false".
    return v instanceof Value.Param p
            && p.index() < parameterTypes.length
            && parameterTypes[p.index()].getSort() == Type.BOOLEAN
        ? new Sites.Atom(p.index(), "", Set.of(Boolean.toString(value)))
        : null;
  }

  /**
   * {@code p == Enum.X} (either way round): a parameter compared with a static field of the field's
   * own type, as an enum constant is; else null.
   */
  private static Sites.Atom sameConstant(Value left, Value right) {
    Value.Param p = left instanceof Value.Param l ? l : right instanceof Value.Param r ? r : null;
    Value other = p == left ? right : left;
    if (p != null
        && other instanceof Value.FieldValue f
        && f.isStatic()
        && f.descriptor().equals("L" + f.owner() + ";")) {
      return new Sites.Atom(p.index(), "", Set.of(f.name()));
    }
    return null;
  }

  @Override
  public void visitMultiANewArrayInsn(String desc, int numDimensions) {
    settle();
    pop(numDimensions);
    push(Value.UNKNOWN);
  }

  private static final String WHOLE_PROPERTIES = "jdk.system-properties-read";
  private static final java.util.Set<String> ONE_KEY =
      java.util.Set.of("getProperty", "get", "containsKey", "setProperty", "put", "remove");
  // Whether this method uses the object System.getProperties() returns as a whole: iterates,
  // copies, lists or stores it, or hands it on.
  private boolean wholeProperties;

  private static boolean isSystemProperties(Value v) {
    return v instanceof Value.LibraryResult r
        && r.owner().equals("java/lang/System")
        && r.name().equals("getProperties");
  }

  private void noteWholeProperties(Value receiver, String callName, Value[] args) {
    if (isSystemProperties(receiver) && !ONE_KEY.contains(callName)) {
      wholeProperties = true;
    }
    for (Value a : args) {
      wholeProperties |= isSystemProperties(a);
    }
  }

  /**
   * {@code System.getProperties().getProperty(k)} reads {@code k}, not every key: where the method
   * only gets, sets or removes single keys of the object, its read of the whole set goes.
   */
  private void perKeyProperties() {
    boolean escapes =
        wholeProperties
            || isSystemProperties(returned)
            || fieldStores.stream().anyMatch(f -> isSystemProperties(f.value()));
    if (!escapes) {
      sinks.removeIf(s -> s.rule().id().equals(WHOLE_PROPERTIES));
    }
  }

  /** The catalog rule of a date format made in the default TimeZone. */
  static final String DATE_FORMAT_ZONE = "jdk.date-format-default-timezone";

  /**
   * A date format whose method sets its zone (a common {@code f.setTimeZone(UTC)} after {@code new
   * SimpleDateFormat(p)}) does not format in the default zone: that read is LOW.
   */
  private void zoneSetExplicitly() {
    boolean setsZone =
        calls.stream()
            .anyMatch(
                c ->
                    c.name().equals("setTimeZone")
                        && (c.owner().startsWith("java/text/")
                            || c.owner().equals("java/util/Calendar")
                            || c.owner().equals("java/util/GregorianCalendar")));
    if (!setsZone) {
      return;
    }
    sinks.replaceAll(
        s ->
            s.rule().id().equals(DATE_FORMAT_ZONE)
                    && s.rule().sensitivity() == io.github.isolationaudit.model.Sensitivity.HIGH
                ? s.withRule(lowered(s.rule()))
                : s);
  }

  private static SinkRule lowered(SinkRule r) {
    return r.withSensitivity(io.github.isolationaudit.model.Sensitivity.LOW);
  }

  /** The catalog rules whose failure, caught and only logged, leaves them quiet. */
  private static final Set<String> QUIET_CANDIDATES =
      Set.of("jdk.mbean-register", "jdk.mbean-unregister");

  @Override
  public void visitEnd() {
    if (results.anyHandoff()) {
      for (int i = 0; i < calls.size(); i++) {
        Sites.Handoff h = results.of(i);
        if (!h.isNone()) {
          calls.set(i, calls.get(i).withResult(h));
        }
      }
    }
    failureOnlyReads();
    printOnlyReads();
    flows.report(suppliers);
    quietRegistrations();
    zoneSetExplicitly();
    perKeyProperties();
    Value ret = returned == null ? Value.UNKNOWN : returned;
    // A returned parameter, this or field of this is kept: each caller binds it to its own
    // arguments and receiver. Objects still under construction or changed in place are not.
    if (ret instanceof Value.NewObject
        || ret instanceof Value.ArrayValue
        || ret instanceof Value.Builder) {
      ret = Value.UNKNOWN;
    }
    done.accept(
        new MethodInfo(
            owner,
            name,
            descriptor,
            access,
            annotations,
            parameterAnnotations,
            calls,
            sinks,
            staticFields,
            lambdas,
            news,
            fieldStores,
            instanceFields,
            ret,
            firstLine,
            configGuard,
            guardedConfig,
            switchCases,
            lockUse()));
  }

  /** Reads of System.out or System.err whose stream is only printed to or flushed (StdioUses). */
  private void printOnlyReads() {
    BitSet only = stdio.printOnly();
    for (int i = only.nextSetBit(0); i >= 0; i = only.nextSetBit(i + 1)) {
      Sites.Sink s = sinks.get(i);
      sinks.set(i, s.withRule(CodeRules.printing(s.rule())));
    }
    BitSet flushes = stdio.flushOnly();
    for (int i = flushes.nextSetBit(0); i >= 0; i = flushes.nextSetBit(i + 1)) {
      Sites.Sink s = sinks.get(i);
      sinks.set(i, s.withRule(CodeRules.flushing(s.rule())));
    }
  }

  /** Reads whose every value ends in failure messages are LOW ({@link FailureMessages.Flows}). */
  private void failureOnlyReads() {
    BitSet only = flows.failureOnly();
    for (int i = only.nextSetBit(0); i >= 0; i = only.nextSetBit(i + 1)) {
      Sites.Sink s = sinks.get(i);
      sinks.set(i, s.withRule(FailureMessages.failureOnly(s.rule())));
    }
  }

  /** What the body does with JVM-wide locks, or {@link Sites.LockUse#NONE}. */
  private Sites.LockUse lockUse() {
    List<Sites.Held> held = new ArrayList<>();
    for (Sites.Held h : heldLines.values()) {
      if (!freeLines.get(h.line())) {
        held.add(h);
      }
    }
    // A helper whose only effect is one lock's lock() or unlock(): no other call, sink or store.
    boolean onlyLocking =
        (access & Opcodes.ACC_STATIC) != 0
            && descriptor.equals("()V")
            && calls.size() == lockCalls
            && sinks.isEmpty()
            && news.isEmpty()
            && fieldStores.isEmpty()
            && lambdas.isEmpty()
            && staticFields.stream().allMatch(f -> f.op() == Sites.FieldOp.GET);
    String takes =
        onlyLocking && directReleases.isEmpty() && directTakes.size() == 1
            ? directTakes.iterator().next()
            : "";
    String releases =
        onlyLocking && directTakes.isEmpty() && directReleases.size() == 1
            ? directReleases.iterator().next()
            : "";
    if (held.isEmpty() && takes.isEmpty() && releases.isEmpty()) {
      return Sites.LockUse.NONE;
    }
    return new Sites.LockUse(held, takes, releases);
  }
}
