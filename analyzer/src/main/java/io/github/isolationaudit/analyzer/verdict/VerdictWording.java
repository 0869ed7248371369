package io.github.isolationaudit.analyzer.verdict;

import io.github.isolationaudit.analyzer.verdict.Judgement.AsItIs;
import io.github.isolationaudit.analyzer.verdict.Judgement.CoveredByEnclosing;
import io.github.isolationaudit.analyzer.verdict.Judgement.Dead;
import io.github.isolationaudit.analyzer.verdict.Judgement.DoesNotKeepApart;
import io.github.isolationaudit.analyzer.verdict.Judgement.FixAt;
import io.github.isolationaudit.analyzer.verdict.Judgement.FreshContext;
import io.github.isolationaudit.analyzer.verdict.Judgement.Guards;
import io.github.isolationaudit.analyzer.verdict.Judgement.HeldBySetup;
import io.github.isolationaudit.analyzer.verdict.Judgement.IgnoredByEngine;
import io.github.isolationaudit.analyzer.verdict.Judgement.IsolatedWithoutKey;
import io.github.isolationaudit.analyzer.verdict.Judgement.JcipIgnored;
import io.github.isolationaudit.analyzer.verdict.Judgement.Keep;
import io.github.isolationaudit.analyzer.verdict.Judgement.KeptApartWithoutIt;
import io.github.isolationaudit.analyzer.verdict.Judgement.NamesUntouched;
import io.github.isolationaudit.analyzer.verdict.Judgement.NarrowTo;
import io.github.isolationaudit.analyzer.verdict.Judgement.NoConflict;
import io.github.isolationaudit.analyzer.verdict.Judgement.NoTests;
import io.github.isolationaudit.analyzer.verdict.Judgement.NotHonoured;
import io.github.isolationaudit.analyzer.verdict.Judgement.NotInEffect;
import io.github.isolationaudit.analyzer.verdict.Judgement.OneThreadAlready;
import io.github.isolationaudit.analyzer.verdict.Judgement.OnlyDisabled;
import io.github.isolationaudit.analyzer.verdict.Judgement.PartnersKeepApart;
import io.github.isolationaudit.analyzer.verdict.Judgement.Rekey;
import io.github.isolationaudit.analyzer.verdict.Judgement.SetsUpInput;
import io.github.isolationaudit.analyzer.verdict.Judgement.SharedInstanceChanged;
import io.github.isolationaudit.analyzer.verdict.Judgement.TagNotRunApart;
import io.github.isolationaudit.analyzer.verdict.Judgement.Unordered;
import io.github.isolationaudit.analyzer.verdict.Judgement.UnreadLocksNameNothing;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.Marker;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.TestId;
import io.github.isolationaudit.model.Tristate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one place that writes the English of marker verdicts and findings: a {@link Judgement} in,
 * the reason, confidence note and recommendation out (and a finding's reason and lock advice from
 * its conflict). The engine decides; this class only words what it decided, so a sentence never
 * carries a decision of its own.
 */
final class VerdictWording {
  /** How many tests a sentence names before it says "and N more". */
  static final int SAMPLE = 5;

  private VerdictWording() {}

  /** What people read of a verdict. */
  record Words(String reason, String note, String recommendation) {}

  /** The words of a judgement. */
  static Words of(Judgement j) {
    Marker m = j.marker();
    String remove = "Remove " + m.display() + where(m);
    if (j instanceof NotInEffect n) {
      String dead = dead(n.dead());
      return new Words(dead, "", remove + ": " + dead + ".");
    }
    if (j instanceof HeldBySetup h) {
      return new Words(
          h.setup().display() + " sets up its tests' input and holds the same lock already",
          "",
          remove + ": " + h.setup().display() + " already holds its lock.");
    }
    if (j instanceof CoveredByEnclosing c) {
      return new Words(
          "Its tests conflict on "
              + what(c.first())
              + ", but "
              + c.enclosing().display()
              + " already covers all of them.",
          "",
          remove + ": " + c.enclosing().display() + " already covers it.");
    }
    if (j instanceof NotHonoured n) {
      return new Words(
          capitalize(n.caveat()) + ".",
          "",
          m.effect() == MarkerEffect.LOCKS
              ? "Drop target = CHILDREN from "
                  + m.display()
                  + where(m)
                  + " (JUnit accepts it on"
                  + " classes only), or move the lock to the class."
              : remove + ": nothing here reads it.");
    }
    if (j instanceof SetsUpInput s) {
      return setsUpInput(s);
    }
    if (j instanceof Guards g) {
      String reason =
          "It keeps "
              + what(g.first())
              + (g.more() > 0 ? " (and " + g.more() + " more)" : "")
              + " from racing"
              + partnersText(g.partners())
              + (m.statedReason().isEmpty() ? "" : "; stated reason: '" + m.statedReason() + "'")
              + ".";
      if (!g.fixes().isEmpty()) {
        return new Words(
            reason,
            "",
            String.join(" ", fixes(g.fixes(), false))
                + " Then remove "
                + m.display()
                + where(m)
                + ".");
      }
      return new Words(reason, "", keep(g.keep(), g));
    }
    if (j instanceof NoConflict n) {
      String stated =
          m.statedReason().isEmpty() ? "" : "; its stated reason was '" + m.statedReason() + "'";
      if (n.unseen() != null) {
        return new Words(
            "Nothing in its scope ("
                + tests(n.tests())
                + ") conflicts with another test, as far as the input shows"
                + stated
                + ".",
            "its tests call into code that was not given as input (such as "
                + n.unseen()
                + "); scan that jar too to follow it",
            remove + " once a scan that includes the code under test agrees.");
      }
      return new Words(
          "Nothing in its scope ("
              + tests(n.tests())
              + ") conflicts with another test"
              + stated
              + ".",
          n.uncertain()
              ? "some accesses in its scope have unknown keys or were found only through class hierarchy"
              : "",
          remove + ".");
    }
    if (j instanceof SharedInstanceChanged s) {
      return new Words(
          "Nothing in its scope ("
              + tests(s.tests())
              + ") conflicts with another test today, but its tests change fields of the one"
              + " test instance TestNG shares between them (a @BeforeMethod's set-up, say).",
          "",
          "Keep "
              + m.display()
              + where(m)
              + ": a second test, or TestNG running this class's methods in parallel, would race"
              + " on that state.");
    }
    if (j instanceof KeptApartWithoutIt k) {
      return new Words(
          "Its tests conflict on "
              + what(k.first())
              + ", but they never overlap even without it"
              + " (same thread, engine or class order).",
          "protected by the execution model, not by a marker",
          remove + ".");
    }
    if (j instanceof OneThreadAlready o) {
      return new Words(
          "Its tests conflict on "
              + what(o.first())
              + " only among themselves, and "
              + o.oneThread().display()
              + " already runs them on one thread.",
          "",
          remove + ", or keep it only if " + o.oneThread().display() + " may go.");
    }
    if (j instanceof PartnersKeepApart p) {
      String reason =
          "Its tests conflict on "
              + what(p.first())
              + "; the partners' markers keep them apart today, so"
              + " this one alone could go.";
      if (!p.fixes().isEmpty()) {
        return new Words(
            reason,
            "",
            String.join(" ", fixes(p.fixes(), true))
                + " Then remove "
                + m.display()
                + where(m)
                + " and the partners' markers.");
      }
      return new Words(
          reason,
          "kept apart by the partners' markers",
          remove + " only if the partners keep theirs.");
    }
    if (j instanceof DoesNotKeepApart d) {
      return new Words(
          "Its tests conflict on "
              + what(d.first())
              + ", and it does not keep them apart: "
              + shortfall(m)
              + ".",
          "it protects nothing as written; see the INSUFFICIENT finding",
          "Do not just remove it: the conflict is real. "
              + capitalize(lockAdvice(d.first(), d.fix()))
              + ".");
    }
    if (j instanceof FreshContext f) {
      return new Words(
          "It keeps no tests apart in time: it closes the Spring application context, and the next"
              + " test that needs one starts it again. Nothing the scan sees in its scope needs"
              + " that.",
          "the scan does not see state held in the application context's beans (caches, in-memory"
              + " stores, mocks), which is what it resets"
              + (f.caveat().isEmpty() ? "" : "; " + f.caveat()),
          "Keep "
              + m.display()
              + where(m)
              + " unless its tests leave the context's beans as they found them; then remove it"
              + " and save a context start. Spring does not support @DirtiesContext under"
              + " parallel execution: run these tests apart (a serial lane or tag).");
    }
    if (j instanceof Unordered && asksForOrder(m.statedReason())) {
      return new Words(
          "It keeps no tests apart: under parallel execution TestNG starts prioritised methods"
              + " together (priority only sorts the methods free to run); its stated reason asks"
              + " for the order itself: '"
              + m.statedReason()
              + "'.",
          "why the order matters (compilation, warm-up, what the JVM has loaded) is not state a"
              + " footprint shows",
          "Keep "
              + m.display()
              + where(m)
              + " for the order its comment asks for; only a sequential run keeps it, so if that"
              + " order must hold under parallel execution, run this class in a serial lane.");
    }
    if (j instanceof Unordered) {
      return new Words(
          "It keeps no tests apart: under parallel execution TestNG starts prioritised methods"
              + " together (priority only sorts the methods free to run), and it names no"
              + " dependency among the tests scanned.",
          "a sequential run follows the order; tests that hand state to each other still need one",
          "If its tests hand state from one to the next, say so with dependsOnMethods (TestNG keeps"
              + " that order under parallel execution too); otherwise drop the ordering from "
              + m.display()
              + where(m)
              + ".");
    }
    if (j instanceof UnreadLocksNameNothing) {
      // The note is the caveat's, which the caller adds (caveatNote).
      return new Words(
          "Nothing the scan sees in its scope needs the locks it could read.",
          "",
          notOnThisScanAlone(m));
    }
    throw new IllegalArgumentException("no words for " + j);
  }

  /**
   * Whether a reason written next to an ordering says the order is the point ("this test needs to
   * be run first", "the order of tests influences ..."): then dropping it defeats what it is for,
   * whatever the footprints say.
   */
  static boolean asksForOrder(String statedReason) {
    return ORDER_ASKED.matcher(statedReason).find();
  }

  private static final java.util.regex.Pattern ORDER_ASKED =
      java.util.regex.Pattern.compile(
          "(?i)\\b(?:run|runs|ran|be run|executed?|go(?:es)?|come)\\s+(?:first|last|before|after)\\b"
              + "|\\border of (?:the )?(?:tests|methods|execution)\\b"
              + "|\\b(?:execution )?order(?:ing)? (?:matters|is important|is required)\\b");

  /** The manual edit that replaces a {@code target = CHILDREN} lock JUnit rejects on a method. */
  static String dropChildrenTarget() {
    return "Drop target = CHILDREN (JUnit accepts it on classes only), or move the lock"
        + " to the class.";
  }

  /** The confidence note of a verdict whose marker has a caveat, beside the note it had. */
  static String caveatNote(String caveat, String note) {
    return caveat + (note.isEmpty() ? "" : "; " + note);
  }

  /** The advice on a DEFENSIVE marker whose locks could not all be read. */
  static String notOnThisScanAlone(Marker m) {
    return "Do not remove "
        + m.display()
        + where(m)
        + " on this scan alone: scan the provider's classes too, or give the locks constant keys.";
  }

  private static String dead(Dead d) {
    if (d instanceof IgnoredByEngine) {
      return "the engine ignores it (TestNG's sequential attribute is deprecated; use singleThreaded)";
    }
    if (d instanceof JcipIgnored) {
      return "JUnit Jupiter and TestNG ignore jcip's @NotThreadSafe; only Surefire's JUnit 4 provider honours it";
    }
    if (d instanceof NoTests) {
      return "it sits on a class that runs no test";
    }
    if (d instanceof OnlyDisabled) {
      return "it sits only on disabled tests";
    }
    if (d instanceof TagNotRunApart t) {
      return "the build configuration found ("
          + String.join(", ", t.sources())
          + ") runs no group apart for the tag '"
          + t.tag()
          + "'";
    }
    if (d instanceof NamesUntouched n) {
      return "it names " + n.named() + ", which its tests no longer touch";
    }
    throw new IllegalArgumentException("no words for " + d);
  }

  private static Words setsUpInput(SetsUpInput s) {
    String sets =
        s.setups().stream()
            .map(x -> x.resource() + " " + x.key().value())
            .distinct()
            .reduce((a, b) -> a + ", " + b)
            .orElse("");
    String head =
        "It sets its tests' input ("
            + sets
            + ") and restores it after"
            + (s.marker().onClass() ? " the class" : " the test");
    if (s.partners().isEmpty()) {
      return new Words(
          head + "; no other test touches it today, so its lock costs nothing.",
          "",
          "Keep it: the tests depend on what it sets.");
    }
    return new Words(
        head
            + "; its lock keeps "
            + what(s.first())
            + (s.touched() > 1 ? " (and " + (s.touched() - 1) + " more)" : "")
            + " apart from"
            + partnersText(s.partners()).replaceFirst("^ against", "")
            + (s.exposed() ? ", where they hold the same lock" : "")
            + ".",
        "",
        s.exposed()
            ? "Keep it: the tests depend on what it sets. The partners that hold no lock race with"
                + " it: see the finding."
            : "Keep it: the tests depend on what it sets.");
  }

  private static String keep(Keep k, Guards g) {
    if (k instanceof IsolatedWithoutKey i) {
      return "Keep it: it guards " + what(i.first()) + ".";
    }
    if (k instanceof NarrowTo n) {
      return "Keep it, or narrow it to "
          + n.keys().stream().map(key -> "@ResourceLock(\"" + key + "\")").toList()
          + " — then every partner needs the same lock (READ where it only reads)"
          + partnersText(n.partners())
          + ", because @Isolated also kept out partners that carry no marker.";
    }
    if (k instanceof Rekey r) {
      return "Keep it; its key "
          + r.keys()
          + " does not name "
          + what(r.first())
          + ", which it protects only because the partner holds the same key: lock \""
          + r.right()
          + "\" instead, on both sides.";
    }
    if (k instanceof AsItIs) {
      return "Keep it.";
    }
    throw new IllegalArgumentException("no words for " + k + " of " + g);
  }

  /** The words of fixes: the first three, or the first three distinct ones. */
  private static List<String> fixes(List<FixAt> fixes, boolean distinct) {
    List<String> words = new ArrayList<>();
    for (FixAt f : fixes) {
      String w = fix(f);
      if (words.size() < 3 && !(distinct && words.contains(w))) {
        words.add(w);
      }
    }
    return words;
  }

  private static String fix(FixAt f) {
    return f.fix().at(f.place());
  }

  /**
   * The reason of a finding: tests of a conflict that can overlap, unprotected or beside a marker
   * that does not cover it (INSUFFICIENT), and whether they race today.
   *
   * @param shortMarker the marker aimed at the conflict that does not cover it, or null
   */
  static String findingReason(Conflict c, int exposed, Marker shortMarker, Tristate parallel) {
    String when =
        parallel == Tristate.TRUE
            ? "they run in parallel today"
            : parallel == Tristate.FALSE
                ? "they would race once parallel execution is on"
                : "the parallel configuration is unknown";
    return shortMarker == null
        ? exposed + " tests conflict on " + what(c) + " and nothing keeps them apart; " + when + "."
        : shortMarker.display()
            + " sits on a conflict on "
            + what(c)
            + " that it does not cover: "
            + shortfall(shortMarker)
            + "; "
            + when
            + ".";
  }

  /** The recommendation of a finding that has no edits. */
  static String findingAdvice(Conflict c, FixAt fix) {
    return lockAdvice(c, fix) + ".";
  }

  /** The reason of a finding that stands for others with the same tests and edits. */
  static String mergedReason(Finding first, List<Finding> others) {
    List<String> named =
        others.stream().map(f -> f.resourceName() + " " + f.key().value()).toList();
    String which = named.size() == 1 ? "both" : "all " + (others.size() + 1);
    boolean sameEdits = others.stream().allMatch(f -> f.edits().equals(first.edits()));
    return first.reason()
        + " The same tests conflict on "
        + String.join(", ", named)
        + " too, and "
        + (sameEdits
            ? "the same edits fix " + which
            : "the same locks keep " + which + " apart (each has its own manual edit)")
        + ": merged.";
  }

  /** Why a marker aimed at a conflict does not keep it apart. */
  static String shortfall(Marker m) {
    return switch (m.effect()) {
      case SAME_THREAD, ORDERS -> "one thread per class does not keep other classes out";
      case LOCKS ->
          m.locks().stream().allMatch(l -> l.mode() == LockMode.READ)
              ? "a READ lock does not exclude other readers' writes, nor a write it makes itself"
              : "its partners do not hold the same lock";
      case ISOLATES ->
          "@Isolated keeps others out of this JVM only, and forks share the host's files and ports";
      case SERIAL_GROUP -> "the tag does not keep the other tests out";
      default -> "it does not protect this conflict";
    };
  }

  /** How to keep a conflict's tests apart: its mechanical fix if any, else locks or isolation. */
  static String lockAdvice(Conflict c, FixAt fixAt) {
    String fix = fixAt == null ? null : fix(fixAt);
    String key = c.junitKey();
    String lock = key != null ? key : c.key().value();
    String writers = names(c.writers());
    String readers = names(c.readers());
    String advice =
        "hold @ResourceLock(\""
            + lock
            + "\") on the writers ("
            + writers
            + ")"
            + (c.readers().isEmpty()
                ? ""
                : " and @ResourceLock(value = \""
                    + lock
                    + "\", mode = READ) on the readers ("
                    + readers
                    + ")");
    if (c.readers().size() > 20 && c.writers().size() <= 3) {
      // Locking thousands of readers is no advice: keep the few writers apart from everyone.
      advice =
          "mark the writer"
              + (c.writers().size() == 1 ? " " : "s ")
              + "("
              + writers
              + ") @Isolated, or make "
              + (c.writers().size() == 1 ? "it" : "them")
              + " stop changing "
              + what(c)
              + " (it is read by "
              + c.readers().size()
              + " tests)";
    }
    return fix != null ? fix.substring(0, fix.length() - 1) + ", or " + advice : advice;
  }

  private static String names(List<TestId> ids) {
    List<String> shown = ids.stream().limit(SAMPLE).map(TestId::display).toList();
    return String.join(", ", shown)
        + (ids.size() > SAMPLE ? " and " + (ids.size() - SAMPLE) + " more" : "");
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static String what(Conflict c) {
    return c.resourceName() + " " + c.key().value();
  }

  private static String partnersText(Collection<TestId> partners) {
    if (partners.isEmpty()) {
      return "";
    }
    List<String> shown = partners.stream().limit(SAMPLE).map(TestId::display).toList();
    return " against "
        + String.join(", ", shown)
        + (partners.size() > SAMPLE ? " and " + (partners.size() - SAMPLE) + " more" : "");
  }

  private static String tests(int n) {
    return n == 1 ? "1 test" : n + " tests";
  }

  /** Where a marker sits: its file and line, else its class (and method). */
  static String where(Marker m) {
    if (m.location() != null) {
      return " ("
          + m.location().file()
          + (m.location().line() > 0 ? ":" + m.location().line() : "")
          + ")";
    }
    return " (on " + m.className() + (m.onClass() ? "" : "#" + m.methodName()) + ")";
  }
}
