package io.github.isolationaudit.analyzer.bytecode;

import io.github.isolationaudit.analyzer.program.Value;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one method body does with System.out and System.err, beyond reading the field: whether a
 * read's stream is only printed to, and whether a replacement stream's text can be read by anyone.
 *
 * <p>A test that only prints ({@code System.err.println(x)}) is indifferent to which stream the
 * text goes to: another test's {@code System.setErr(...)} changes nothing it sees, unless that test
 * reads what it captured. A replacement whose bytes go to an in-memory buffer made right there and
 * kept nowhere ({@code System.setErr(new PrintStream(new ByteArrayOutputStream()))}), or to a null
 * stream, is read by no one; neither is the text of a replacement that puts back the stream read
 * from the field before. A writer made over the stream ({@code new PrintWriter(System.err)}) prints
 * to it too. Everything else a read's value meets (an argument, a store into a field, a return, a
 * call that does not print) makes it a use of the stream itself.
 *
 * <p>Values are followed by identity, as the scanner pushes them: a read's value through locals and
 * {@code dup}, a buffer until something else than a print stream's constructor takes it.
 */
final class StdioUses {
  /** What a print stream's methods that only write text are called. */
  private static final Set<String> PRINTING =
      Set.of("print", "println", "printf", "format", "write", "writeBytes", "append");

  /**
   * What a print stream's methods that write no text are called: a flush pushes out what the stream
   * holds (a test's own earlier text), which nobody else's text can change.
   */
  private static final Set<String> FLUSHING = Set.of("flush", "checkError");

  /** In-memory or null streams whose bytes only their holder can read. */
  private static final Set<String> HOLDER_ONLY_STREAMS =
      Set.of(
          "java/io/ByteArrayOutputStream",
          "org/apache/commons/io/output/NullOutputStream",
          "org/apache/commons/io/output/ByteArrayOutputStream");

  /** Streams over another stream, which hold it and write nothing anywhere else. */
  private static final Set<String> WRAPPERS =
      Set.of("java/io/PrintStream", "java/io/BufferedOutputStream");

  /**
   * Writers made over a stream, which only pass text on to it: making one over System.err is
   * printing to System.err through it.
   */
  private static final Set<String> TEXT_OVER_STREAM =
      Set.of(
          "java/io/PrintStream",
          "java/io/PrintWriter",
          "java/io/OutputStreamWriter",
          "java/io/BufferedOutputStream");

  /** A read of System.out or System.err: the value pushed, and its sink's index. */
  private Map<Value, Integer> reads = Map.of();

  private final BitSet printed = new BitSet(0);
  private final BitSet flushed = new BitSet(0);
  private final BitSet used = new BitSet(0);

  /** Buffers made here and not yet kept anywhere (a local, a field) or handed on. */
  private Set<Value> buffers = Set.of();

  /** Streams over such a buffer: what is written to them nobody can read. */
  private Set<Value> unread = Set.of();

  // Most bodies touch no standard stream: the sets are made on first use.

  private static Set<Value> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>(4));
  }

  /**
   * Whether the body has touched a standard stream or made a buffer or a stream over one: until
   * then no call's arguments matter here, and the scanner need not keep them apart from the ones it
   * converts.
   */
  boolean active() {
    return !reads.isEmpty() || !buffers.isEmpty() || !unread.isEmpty();
  }

  /** Notes that {@code pushed} is the value of a read of a standard stream, sink {@code index}. */
  void read(Value pushed, int index) {
    if (reads.isEmpty()) {
      reads = new IdentityHashMap<>(4);
    }
    reads.put(pushed, index);
  }

  /**
   * A call with these (unconverted) receiver and arguments. For a constructor, call {@link #made}
   * first, so that the buffer a print stream is made over counts before the call hands it on.
   */
  void call(String owner, String name, Value receiver, Value[] args) {
    if (!active()) {
      return;
    }
    Integer r = receiver == null ? null : reads.get(receiver);
    if (r != null) {
      boolean printStream = owner.equals("java/io/PrintStream");
      (printStream && PRINTING.contains(name)
              ? printed
              : printStream && FLUSHING.contains(name) ? flushed : used)
          .set(r);
    }
    int from = 0;
    if (name.equals("<init>")
        && TEXT_OVER_STREAM.contains(owner)
        && args.length > 0
        && args[0] != null) {
      Integer wrapped = reads.get(args[0]);
      if (wrapped != null) {
        printed.set(wrapped);
        from = 1;
      }
    }
    for (int i = from; i < args.length; i++) {
      escaped(args[i]);
    }
  }

  /** Whether this static call returns a new stream that writes nowhere. */
  static boolean makesNullStream(String owner, String name) {
    return owner.equals("java/io/OutputStream") && name.equals("nullOutputStream");
  }

  /**
   * A constructor of {@code type} has run (or a static factory of that owner returned), and the
   * code now holds the new object as {@code made}, a value no other object shares.
   */
  void made(String type, Value made, Value[] args) {
    if (HOLDER_ONLY_STREAMS.contains(type)
        || type.endsWith("/NullOutputStream")
        || type.equals("java/io/OutputStream")) {
      if (buffers.isEmpty()) {
        buffers = identitySet();
      }
      buffers.add(made);
    } else if (WRAPPERS.contains(type)
        && args.length > 0
        && args[0] != null
        && (buffers.contains(args[0]) || unread.contains(args[0]))) {
      if (unread.isEmpty()) {
        unread = identitySet();
      }
      unread.add(made);
    }
  }

  /** A value stored in a local: a buffer kept there can be read later. */
  void stored(Value v) {
    if (!buffers.isEmpty()) {
      buffers.remove(v);
    }
  }

  /** A value stored in a field, returned or handed to a call: whoever gets it may read it. */
  void escaped(Value v) {
    if (v == null || !active()) {
      return;
    }
    if (!buffers.isEmpty()) {
      buffers.remove(v);
    }
    Integer r = reads.get(v);
    if (r != null) {
      used.set(r);
    }
  }

  /**
   * Whether the stream handed to {@code System.setOut}/{@code setErr} is one nobody reads the text
   * of: a buffer made here and kept nowhere (behind print streams), or a standard stream read
   * before.
   */
  boolean unreadReplacement(Value stream) {
    return stream != null && (unread.contains(stream) || reads.containsKey(stream));
  }

  /** The sinks of reads whose stream was printed to (and maybe flushed), and nothing else. */
  BitSet printOnly() {
    BitSet only = (BitSet) printed.clone();
    only.andNot(used);
    return only;
  }

  /** The sinks of reads whose stream was only flushed. */
  BitSet flushOnly() {
    BitSet only = (BitSet) flushed.clone();
    only.andNot(printed);
    only.andNot(used);
    return only;
  }
}
