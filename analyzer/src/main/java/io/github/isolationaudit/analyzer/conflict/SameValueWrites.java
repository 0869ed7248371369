package io.github.isolationaudit.analyzer.conflict;

import io.github.isolationaudit.analyzer.footprint.ConstantWrites;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.rules.CodeRules;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes that race with readers only, by what they write or when.
 *
 * <p><b>Same-value writes.</b> Where every write of a key in the program sets one constant ({@link
 * ConstantWrites}) and no test restores, clears or otherwise sets it (a set-up annotation such as
 * {@code @RestoreSystemProperties}, {@code System.setProperties}, a write of an unknown key of that
 * kind), two writers leave the same value whoever writes last: they race with no one but the
 * readers. A reader whose own test writes the constant first does not race either: what it reads is
 * the constant, whoever else writes. "First" is read off the evidence: the write's chain starts in
 * a method that runs earlier around the test ({@code @BeforeAll} before {@code @BeforeEach} before
 * the test), or both chains start in the same method and the write's line comes first where they
 * part. A reader of every key ({@code System.getProperties()} walked) is only a possible partner of
 * such a key.
 *
 * <p>"One constant" includes a fresh equivalent object of a field: every write stores a new object
 * built the same way from constants (a set-up's {@code new RequestData().setGroupId("g")}, {@code
 * Collections.singletonList(new Entry(ID))}), and no code changes the object afterwards or compares
 * its identity. Identity changes with each write, but nobody can tell: a reader gets an equal
 * object whichever set-up wrote last, so writers and readers whose own set-up wrote first do not
 * race, as with a constant.
 *
 * <p><b>A reset to one constant, and a few tests that set another value.</b> Where every write of a
 * key outside test methods sets one constant (a set-up's {@code time = Time.SYSTEM}, a tear-down's
 * {@code System.clearProperty(k)} or its restore of the value it saved: the value the key had
 * before any test, see {@link ConstantWrites#onlyInitial}) and only some test methods themselves
 * set another value ({@code time = new MockTime()}), the tests that write only the constant leave
 * the same value whoever writes last: their writes race with no one but the tests that set the
 * other value, which stay writers. Such a write counts as a read: a reader meets the writers, not
 * the other readers, which is what the reset meets too, and a plain reader no more races with a
 * reset than with nothing (what it reads is what the reset leaves, unless a test sets the other
 * value, and that test is its partner already). For a field that takes a plain reader that does not
 * write it: a set-up may reset the field to another value than the one it starts with, so there the
 * rule holds only where every reader writes it too. A key whose every write puts back the value it
 * had before any test never changes: none of its accesses count.
 *
 * <p><b>Stores into a static field no code reads.</b> A plain store is atomic: two tests that store
 * into a static field that no project code reads (and no annotation hands to a framework) cannot
 * see each other's value, and no one else sees either.
 *
 * <p><b>Lifecycle writes of a shared instance field.</b> A field of a shared test instance that a
 * before- or after-method assigns (the per-test set-up of a TestNG class) changes what the class's
 * tests see only for the tests that read the field: two tests whose set-ups assign it and that
 * never read it do not race. A field that code reads through another object (an inner class's
 * {@code Outer.this.field}) keeps its conflicts: who reads it is not known.
 */
final class SameValueWrites {
  private static final Set<String> PLAIN_WRITES =
      Set.of(
          "jdk.system-property-write",
          "jdk.locale-write",
          "jdk.timezone-write",
          CodeRules.STATIC_FIELD_WRITE.id(),
          CodeRules.INSTANCE_FIELD_WRITE.id());

  private final ConstantWrites constants;
  private final Set<String> spoiled = new HashSet<>();
  private final Set<ResourceKind> spoiledKinds = EnumSet.noneOf(ResourceKind.class);

  /**
   * Keys (by {@link #id}) read by a test that does not write them: no reset rule there, unless the
   * reset is to the value the key had before any test (a System property's), which the reader saw
   * before any reset too. A field a set-up resets may start as another value than the reset.
   */
  private final Set<String> readWithoutWrite = new HashSet<>();

  /** Keys (by {@link #id}) to the test methods that set them to another value than the reset. */
  private final java.util.Map<String, Set<String>> otherValueTests = new java.util.HashMap<>();

  /**
   * @param constants the program's constant writes, or null to treat no write as same-value
   */
  SameValueWrites(ConstantWrites constants, List<Footprint> footprints) {
    this.constants = constants;
    if (constants == null) {
      return;
    }
    for (Footprint f : footprints) {
      for (Access a : f.accesses()) {
        if (a.key().kind() != Key.Kind.EXACT) {
          // A write of an unknown key or of all keys may set any key to anything; so may a
          // restore of all keys (@RestoreSystemProperties, an access of all keys that is not a
          // JDK read).
          if (a.mode() == AccessMode.WRITE || !a.sinkId().startsWith("jdk.")) {
            spoiledKinds.add(a.resource());
          }
        } else if (a.mode() == AccessMode.WRITE && !PLAIN_WRITES.contains(a.sinkId())) {
          spoiled.add(id(a.resource(), a.key()));
        }
      }
      Set<String> written = new HashSet<>();
      for (Access a : f.accesses()) {
        if (a.mode() == AccessMode.WRITE && a.key().kind() == Key.Kind.EXACT) {
          written.add(id(a.resource(), a.key()));
        }
      }
      for (Access a : f.accesses()) {
        if (a.mode() == AccessMode.READ
            && a.key().kind() == Key.Kind.EXACT
            && !written.contains(id(a.resource(), a.key()))) {
          readWithoutWrite.add(id(a.resource(), a.key()));
        }
      }
    }
  }

  /**
   * Whether this write of a test only resets the key to the constant that every write outside test
   * methods sets, where some test methods set another value (see the class comment): such a write
   * counts as a read.
   */
  boolean onlyResets(Access write, Footprint test) {
    if (constants == null
        || write.mode() != AccessMode.WRITE
        || !PLAIN_WRITES.contains(write.sinkId())
        || write.key().kind() != Key.Kind.EXACT
        || write.resource() == ResourceKind.INSTANCE_FIELD) {
      return false;
    }
    String id = id(write.resource(), write.key());
    if (spoiledKinds.contains(write.resource())
        || spoiled.contains(id)
        || readWithoutWrite.contains(id)
            && !constants.resetsToInitial(write.resource(), write.key())) {
      return false;
    }
    Set<String> others =
        otherValueTests.computeIfAbsent(
            id, k -> constants.otherValueTests(write.resource(), write.key()));
    if (others.isEmpty()) {
      return false;
    }
    io.github.isolationaudit.model.TestId t = test.test().id();
    String declared = t.declaringClass() == null ? t.className() : t.declaringClass();
    return !others.contains(declared + "#" + t.methodName())
        && !others.contains(t.className() + "#" + t.methodName());
  }

  private static String id(ResourceKind resource, Key key) {
    return resource + "\u0000" + key.value();
  }

  /**
   * Whether the key never changes: a System property whose every write puts back the value it had
   * before any test ran ({@link ConstantWrites#onlyInitial}), with nothing else setting it. Its
   * reads see that value and its writes change nothing, whoever runs beside them.
   */
  boolean neverChanges(Access a) {
    return constants != null
        && a.key().kind() == Key.Kind.EXACT
        && !spoiledKinds.contains(a.resource())
        && !spoiled.contains(id(a.resource(), a.key()))
        && constants.onlyInitial(a.resource(), a.key());
  }

  /** Whether every write of this key sets one constant and nothing else changes it. */
  boolean constant(ResourceKind resource, Key key) {
    return constants != null
        && !spoiledKinds.contains(resource)
        && !spoiled.contains(id(resource, key))
        && constants.constant(resource, key);
  }

  /** Whether this write races only with readers: a same-value write or a lifecycle field write. */
  boolean racesOnlyWithReaders(Access write) {
    if (constants == null || write.mode() != AccessMode.WRITE) {
      return false;
    }
    if (PLAIN_WRITES.contains(write.sinkId()) && constant(write.resource(), write.key())) {
      return true;
    }
    if (write.sinkId().equals(CodeRules.STATIC_FIELD_WRITE.id())
        && constants.neverRead(write.key())) {
      // A field nobody reads: stores into it race with no one.
      return true;
    }
    if (write.resource() == ResourceKind.INSTANCE_FIELD
        && write.sinkId().equals(CodeRules.INSTANCE_FIELD_WRITE.id())) {
      ConstantWrites.Phase p = constants.phase(write.evidence().step());
      return p != null
          && p != ConstantWrites.Phase.TEST
          && !constants.readThroughAnotherObject(write.key());
    }
    return false;
  }

  /** Whether this read sees only the constant its own test wrote before it. */
  boolean readsOwnWrite(Access read, Footprint test) {
    if (read.mode() != AccessMode.READ || !constant(read.resource(), read.key())) {
      return false;
    }
    for (Access w : test.accesses()) {
      if (w.mode() == AccessMode.WRITE
          && w.resource() == read.resource()
          && w.key().equals(read.key())
          && PLAIN_WRITES.contains(w.sinkId())
          && writesFirst(w.evidence(), read.evidence())) {
        return true;
      }
    }
    return false;
  }

  private boolean writesFirst(Evidence write, Evidence read) {
    ConstantWrites.Phase pw = constants.phase(write.step());
    ConstantWrites.Phase pr = constants.phase(read.step());
    if (pw == null || pr == null) {
      return false;
    }
    if (pw != pr) {
      return pw.compareTo(pr) < 0;
    }
    Evidence w = write;
    Evidence r = read;
    while (w != null && r != null) {
      EvidenceStep a = w.step();
      EvidenceStep b = r.step();
      if (!a.className().equals(b.className()) || !a.methodName().equals(b.methodName())) {
        return false;
      }
      if (a.line() != b.line()) {
        return a.line() > 0 && a.line() < b.line();
      }
      w = w.next();
      r = r.next();
    }
    return false;
  }
}
