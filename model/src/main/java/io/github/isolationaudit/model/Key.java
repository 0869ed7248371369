package io.github.isolationaudit.model;

import java.util.Objects;

/**
 * The key of an access within its resource kind: an exact value, a pattern with {@code *} for the
 * parts the analysis could not recover, or unknown. A key may name one entry of what its value
 * names (one key of the map a static field holds): {@code entry} is then that entry's own key
 * (exact, or not fully known), and null when the access touches the whole resource. The value stays
 * the resource's name, so locks, edits and exports name the resource, once.
 *
 * @param entry the entry of the resource this key names, or null for the whole resource
 */
public record Key(Kind kind, String value, Key entry) {

  /** How much of the key is known. */
  public enum Kind {
    EXACT,
    PATTERN,
    /** Every key of the resource at once, such as {@code System.setProperties}. */
    ALL,
    UNKNOWN
  }

  private static final Key UNKNOWN_KEY = new Key(Kind.UNKNOWN, "?");
  private static final Key ALL_KEY = new Key(Kind.ALL, "*");

  public Key {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (kind == Kind.UNKNOWN && !value.equals("?")) {
      throw new IllegalArgumentException("an unknown key has the value ?");
    }
    if (entry != null && (kind != Kind.EXACT || entry.entry != null)) {
      throw new IllegalArgumentException("only an exact key has entries, one level deep");
    }
  }

  /** A key of the whole resource. */
  public Key(Kind kind, String value) {
    this(kind, value, null);
  }

  /**
   * One entry of the resource named {@code value}: {@code entry} exact for a known entry, unknown
   * (or a pattern) for an entry the analysis could not name.
   */
  public static Key entry(String value, Key entry) {
    return new Key(Kind.EXACT, value, Objects.requireNonNull(entry, "entry"));
  }

  /** Whether this key names one entry of its resource, not all of it. */
  public boolean isEntry() {
    return entry != null;
  }

  /** The key of the whole resource this key names an entry of (itself when it is whole). */
  public Key whole() {
    return entry == null ? this : new Key(kind, value);
  }

  public static Key exact(String value) {
    return new Key(Kind.EXACT, value);
  }

  /** A pattern; one without {@code *} is exact, and one that is only {@code *} is unknown. */
  public static Key pattern(String value) {
    if (!value.contains("*")) {
      return exact(value);
    }
    if (value.chars().allMatch(c -> c == '*')) {
      return UNKNOWN_KEY;
    }
    return new Key(Kind.PATTERN, value);
  }

  public static Key unknown() {
    return UNKNOWN_KEY;
  }

  /** Every key of the resource. */
  public static Key all() {
    return ALL_KEY;
  }

  public boolean isExact() {
    return kind == Kind.EXACT;
  }

  /**
   * Whether some concrete key can match both this key and the other. Unknown keys overlap
   * everything; patterns overlap where their literal prefix and suffix agree.
   */
  public boolean overlaps(Key other) {
    if (kind == Kind.EXACT && other.kind == Kind.EXACT && value.equals(other.value)) {
      // The whole resource holds every entry; two entries meet where their own keys do.
      return entry == null || other.entry == null || entry.overlaps(other.entry);
    }
    if (kind == Kind.UNKNOWN
        || other.kind == Kind.UNKNOWN
        || kind == Kind.ALL
        || other.kind == Kind.ALL) {
      return true;
    }
    if (kind == Kind.EXACT && other.kind == Kind.EXACT) {
      return value.equals(other.value);
    }
    String a = value;
    String b = other.value;
    String prefixA = a.substring(0, a.indexOf('*') < 0 ? a.length() : a.indexOf('*'));
    String prefixB = b.substring(0, b.indexOf('*') < 0 ? b.length() : b.indexOf('*'));
    String suffixA = a.substring(a.lastIndexOf('*') + 1);
    String suffixB = b.substring(b.lastIndexOf('*') + 1);
    boolean prefixes = prefixA.startsWith(prefixB) || prefixB.startsWith(prefixA);
    boolean suffixes = suffixA.endsWith(suffixB) || suffixB.endsWith(suffixA);
    if (kind == Kind.EXACT) {
      return globMatches(b, a);
    }
    if (other.kind == Kind.EXACT) {
      return globMatches(a, b);
    }
    return prefixes && suffixes;
  }

  /**
   * Whether a pattern with {@code *} for any run of characters (and nothing else special) matches.
   */
  public static boolean globMatches(String glob, String text) {
    // Iterative matcher for '*' only; no regular expression, so keys never need escaping.
    int g = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (g < glob.length() && glob.charAt(g) != '*' && glob.charAt(g) == text.charAt(t)) {
        g++;
        t++;
      } else if (g < glob.length() && glob.charAt(g) == '*') {
        star = g++;
        mark = t;
      } else if (star >= 0) {
        g = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }

  @Override
  public String toString() {
    return entry == null ? value : value + "[" + entry + "]";
  }
}
