package io.github.isolationaudit.rules;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.LockMode;
import io.github.isolationaudit.model.MarkerEffect;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the user's YAML files (catalogs, the project configuration) strictly, and says every
 * mistake in our own words at its line and column.
 *
 * <p>Strict means: a file is a regular file of at most {@value #MAX_BYTES} bytes of UTF-8 text; a
 * key appears once per mapping; an unknown key, a value of the wrong kind ({@code 5} where {@code
 * true} or {@code false} belongs, text where a number belongs, a number where a choice belongs) and
 * an empty list item are mistakes. Nothing is coerced.
 *
 * <p>Messages never quote the file: not a value, not a key, not a line of it. They say what is
 * wrong and what is expected, and the position says where. A file named by mistake ({@code
 * /etc/passwd} as a catalog) then shows nothing of itself in a log.
 */
final class StrictYaml {
  /**
   * The largest configuration or catalog file read (256 KiB; the built-in catalog's largest file is
   * 12 KB). The YAML parser reads a few hundred kilobytes a second on a busy machine, so the cap is
   * what keeps a huge file from holding up the command.
   */
  static final int MAX_BYTES = 256 << 10;

  /** The deepest nesting of lists and mappings: catalogs need five levels. */
  private static final int MAX_DEPTH = 64;

  private static final YAMLFactory FACTORY = factory(true);

  /** The same without duplicate detection, to find where the first of two keys is. */
  private static final YAMLFactory LENIENT = factory(false);

  private static final ObjectMapper MAPPER = mapper();

  private StrictYaml() {}

  private static YAMLFactory factory(boolean strict) {
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(MAX_BYTES);
    loader.setNestingDepthLimit(MAX_DEPTH);
    loader.setMaxAliasesForCollections(50);
    loader.setAllowDuplicateKeys(false);
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(MAX_BYTES)
                .maxNestingDepth(MAX_DEPTH)
                .maxDocumentLength(MAX_BYTES)
                .build())
        .configure(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION, strict)
        .build();
  }

  private static ObjectMapper mapper() {
    ObjectMapper m =
        JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    // No list may hold an empty item: `- ` alone is a mistake, not a null that fails later.
    m.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    m.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    // A number is no truth value, and a truth value or a fraction no number.
    m.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Collection)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    return m;
  }

  /**
   * The bytes of a user's file: a regular file (a link to one is followed) of at most {@value
   * #MAX_BYTES} bytes.
   *
   * @param shown how messages name the file
   */
  static byte[] readFile(Path path, String shown) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new CatalogException(shown, 0, 0, "no such file", e);
    } catch (IOException e) {
      throw new CatalogException(shown, 0, 0, "cannot be read (" + reason(e) + ")", e);
    }
    if (!attributes.isRegularFile()) {
      throw new CatalogException(
          shown,
          0,
          0,
          attributes.isDirectory() ? "is a directory, not a file" : "is not a regular file",
          null);
    }
    if (attributes.size() > MAX_BYTES) {
      throw tooLarge(shown, attributes.size());
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw tooLarge(shown, bytes.length);
      }
      return bytes;
    } catch (IOException e) {
      throw new CatalogException(shown, 0, 0, "cannot be read (" + reason(e) + ")", e);
    }
  }

  private static CatalogException tooLarge(String shown, long size) {
    return new CatalogException(
        shown,
        0,
        0,
        "is "
            + size
            + " bytes; configuration and catalog files are read up to "
            + MAX_BYTES
            + " bytes (256 KiB)",
        null);
  }

  /** Why a file could not be read, without the platform's class names. */
  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemLoopException) {
      return "a loop of links";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return "an input/output error";
  }

  /**
   * The text of a user's YAML file: UTF-8 (a byte-order mark is skipped); a byte that is not UTF-8
   * is a mistake at its own line and column.
   */
  static String decode(String shown, byte[] bytes) {
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      out.flip();
      int line = 1;
      int column = 1;
      for (int i = 0; i < out.length(); i++) {
        if (out.charAt(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      throw new CatalogException(
          shown,
          line,
          column,
          "not UTF-8 text here: configuration and catalog files are read as UTF-8",
          null);
    }
    out.flip();
    return out.toString();
  }

  /**
   * Reads one YAML document into {@code type} and validates it; every mistake becomes a {@link
   * CatalogException} with the line and column of the key, entry or value at fault.
   *
   * @return null for an empty document
   */
  static <T> T read(String shown, String text, Class<T> type, Consumer<T> validation) {
    if (!checkShape(shown, text)) {
      return null;
    }
    T value;
    try {
      value = MAPPER.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw mistake(shown, text, e);
    } catch (IOException e) {
      // Reading a string fails only where the parser does; said in our words all the same.
      throw new CatalogException(shown, 0, 0, "cannot be read as YAML", e);
    }
    if (value == null) {
      return null;
    }
    try {
      validation.accept(value);
    } catch (CatalogFile.EntryException e) {
      throw at(shown, text, e.pointer, e.getMessage());
    }
    return value;
  }

  /** A mistake at the value or key a JSON pointer names (the file itself when not found). */
  static CatalogException at(String shown, String text, String pointer, String message) {
    JsonLocation at = locate(text, pointer);
    return new CatalogException(
        shown, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), message, null);
  }

  /**
   * Checks what binding cannot place precisely: two equal keys in one mapping (the second is the
   * mistake, and the message names the line of the first) and an empty list item ({@code -} with
   * nothing after it, which would otherwise surface as a missing value somewhere else).
   *
   * @return whether the file holds a document at all (not only comments)
   */
  private static boolean checkShape(String shown, String text) {
    // Per open container: the keys seen in a mapping, or LIST for a list.
    Deque<Map<String, JsonLocation>> open = new ArrayDeque<>();
    int documents = 0;
    try (JsonParser p = LENIENT.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (open.isEmpty() && ++documents > 1) {
          JsonLocation here = p.currentTokenLocation();
          throw new CatalogException(
              shown,
              here.getLineNr(),
              here.getColumnNr(),
              "a second YAML document (after '---'): a configuration or catalog file holds one",
              null);
        }
        switch (t) {
          case START_OBJECT -> open.push(new HashMap<>());
          case START_ARRAY -> open.push(LIST);
          case END_OBJECT, END_ARRAY -> open.pop();
          case FIELD_NAME -> {
            JsonLocation here = p.currentTokenLocation();
            JsonLocation first = open.peek().putIfAbsent(p.currentName(), here);
            if (first != null) {
              throw new CatalogException(
                  shown,
                  here.getLineNr(),
                  here.getColumnNr(),
                  "duplicate key: this mapping has it already at line " + first.getLineNr(),
                  null);
            }
          }
          case VALUE_NULL, VALUE_STRING -> {
            // No list of ours holds a blank item; a bare '-' reads as nothing or as empty text.
            if (open.peek() == LIST && (t == JsonToken.VALUE_NULL || p.getText().isBlank())) {
              JsonLocation here = p.currentTokenLocation();
              throw new CatalogException(
                  shown,
                  here.getLineNr(),
                  here.getColumnNr(),
                  "an empty list item: write a value or remove the '-'",
                  null);
            }
          }
          default -> {}
        }
      }
      return documents > 0;
    } catch (JsonProcessingException e) {
      throw mistake(shown, text, e);
    } catch (IOException e) {
      throw new CatalogException(shown, 0, 0, "cannot be read as YAML", e);
    }
  }

  /** Marks an open list in {@link #checkShape} (compared by identity). */
  private static final Map<String, JsonLocation> LIST = new HashMap<>();

  /** Where the value at a JSON pointer starts, or its key for a member of a mapping. */
  static JsonLocation locate(String text, String pointer) {
    Found f = find(text, pointer);
    return f == null ? null : f.location();
  }

  private record Found(JsonLocation location, JsonToken token) {}

  private static Found find(String text, String pointer) {
    if (pointer == null) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      Found key = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        String here = p.getParsingContext().pathAsPointer().toString();
        if (!here.equals(pointer)) {
          continue;
        }
        if (t == JsonToken.FIELD_NAME) {
          key = new Found(p.currentTokenLocation(), t);
        } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY || t.isScalarValue()) {
          // A member is shown at its key; the token is what its value is.
          return new Found(key != null ? key.location() : p.currentTokenLocation(), t);
        }
      }
      return key;
    } catch (IOException e) {
      return null;
    }
  }

  /** A Jackson or YAML parser failure, in our own words. */
  private static CatalogException mistake(String shown, String text, JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 0 : loc.getLineNr();
    int column = loc == null ? 0 : loc.getColumnNr();
    String message;
    if (e instanceof MarkedYAMLException y) {
      if (y.getProblemMark() != null) {
        line = y.getProblemMark().getLine() + 1;
        column = y.getProblemMark().getColumn() + 1;
      }
      message = "not valid YAML" + problem(y.getProblem());
    } else if (e instanceof com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException) {
      message = "not valid YAML" + problem(e.getOriginalMessage());
    } else if (e instanceof StreamConstraintsException) {
      message =
          "beyond the limits of a configuration file (at most "
              + MAX_BYTES
              + " characters in a value, "
              + MAX_DEPTH
              + " levels of nesting)";
    } else if (e instanceof JsonMappingException m) {
      String pointer = pointerOf(m);
      Found f = find(text, pointer);
      if (f != null && !pointer.isEmpty()) {
        line = f.location().getLineNr();
        column = f.location().getColumnNr();
      }
      message = mapping(m, f == null ? null : f.token());
    } else if (e.getOriginalMessage() != null
        && e.getOriginalMessage().startsWith("Duplicate field")) {
      message = "duplicate key: this mapping has it already";
    } else {
      message = "not valid YAML";
    }
    return new CatalogException(shown, line, column, message, e);
  }

  /**
   * The YAML parser's description of a syntax error, said in our words. Its own text is only
   * matched, never shown: it may quote the file.
   */
  static String problem(String problem) {
    if (problem == null) {
      return "";
    }
    String p = problem.toLowerCase(Locale.ROOT);
    if (p.contains("\\t") || p.contains("\t") || p.contains("tab")) {
      return ": a tab; YAML indents with spaces";
    }
    if (p.contains("mapping values are not allowed")) {
      return ": a ':' where no key can start (check the indentation, or quote the text)";
    }
    if (p.contains("expected ',' or ']'")) {
      return ": a list in [ ] that is not closed where it should be";
    }
    if (p.contains("expected ',' or '}'")) {
      return ": a mapping in { } that is not closed where it should be";
    }
    if (p.contains("could not find expected ':'")) {
      return ": a key without ':'";
    }
    if (p.contains("end of stream")) {
      return ": the file ends inside quotes or brackets";
    }
    if (p.contains("undefined alias")) {
      return ": an alias (*name) without an anchor (&name) before it";
    }
    if (p.contains("special characters") || p.contains("unacceptable code point")) {
      return ": a control character, which YAML does not allow";
    }
    if (p.contains("block end") || p.contains("indentation") || p.contains("block mapping")) {
      return ": the indentation does not line up";
    }
    return "";
  }

  private static String mapping(JsonMappingException m, JsonToken found) {
    if (m instanceof ValueInstantiationException
        || m.getCause() instanceof IllegalArgumentException) {
      Throwable c = m.getCause();
      if (c instanceof IllegalArgumentException iae && iae.getMessage() != null) {
        return iae.getMessage();
      }
      return "this entry cannot be used";
    }
    if (m instanceof UnrecognizedPropertyException u) {
      List<String> known = new ArrayList<>();
      Collection<Object> ids = u.getKnownPropertyIds();
      if (ids != null) {
        ids.forEach(o -> known.add(String.valueOf(o)));
      }
      known.sort(null);
      String guess = Suggestion.closest(u.getPropertyName(), known);
      return "unknown key"
          + (guess == null ? "" : "; did you mean '" + guess + "'?")
          + (known.isEmpty() ? "" : " (the keys here: " + String.join(", ", known) + ")");
    }
    if (m instanceof InvalidNullException) {
      List<JsonMappingException.Reference> path = m.getPath();
      boolean item = !path.isEmpty() && path.get(path.size() - 1).getIndex() >= 0;
      return item ? "an empty list item: write a value or remove the '-'" : "an empty value";
    }
    Class<?> target = m instanceof MismatchedInputException mi ? mi.getTargetType() : null;
    if (m instanceof InvalidFormatException f
        && target != null
        && target.isEnum()
        && f.getValue() != null) {
      List<String> names = new ArrayList<>();
      for (Object c : target.getEnumConstants()) {
        names.add(((Enum<?>) c).name());
      }
      String guess = Suggestion.closest(String.valueOf(f.getValue()), names);
      return "not "
          + article(kindOf(target))
          + (guess == null ? "" : "; did you mean " + guess + "?")
          + " (one of "
          + String.join(", ", names)
          + ")";
    }
    String expected = target == null ? null : expected(target);
    if (expected != null) {
      return "expected " + expected + (found == null ? "" : ", found " + describe(found));
    }
    return "this value cannot be used here"
        + (found == null ? "" : ": " + describe(found))
        + "DEBUG "
        + m;
  }

  /** What a type is called in messages, in our words. */
  private static final Map<Class<?>, String> KINDS =
      Map.of(
          ResourceKind.class, "resource kind",
          MarkerEffect.class, "marker effect",
          AccessMode.class, "access mode",
          LockMode.class, "lock mode",
          Scope.class, "scope",
          Sensitivity.class, "sensitivity");

  private static String kindOf(Class<?> type) {
    return KINDS.getOrDefault(type, "choice");
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private static String expected(Class<?> target) {
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (target == Integer.class || target == int.class) {
      return "a whole number";
    }
    if (target == String.class) {
      return "text";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "a list";
    }
    if (target.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : target.getEnumConstants()) {
        names.add(((Enum<?>) c).name());
      }
      return article(kindOf(target)) + " (one of " + String.join(", ", names) + ")";
    }
    if (Map.class.isAssignableFrom(target) || target.isRecord()) {
      return "a mapping of keys to values";
    }
    return null;
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "a list";
      case START_OBJECT -> "a mapping";
      case VALUE_STRING -> "text";
      case VALUE_NUMBER_INT -> "a whole number";
      case VALUE_NUMBER_FLOAT -> "a number with a fraction";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "nothing";
      default -> "something else";
    };
  }

  private static String pointerOf(JsonMappingException m) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      sb.append('/')
          .append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
    }
    return sb.toString();
  }

  /** Keys and choices a near miss may have meant. */
  static final class Suggestion {
    private Suggestion() {}

    /**
     * The closest candidate within a third of its length (at least 2) edits, or null. Case is
     * ignored.
     */
    static String closest(String written, Collection<String> candidates) {
      if (written == null || written.length() > 200) {
        return null;
      }
      String w = written.toLowerCase(Locale.ROOT);
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (String c : candidates) {
        if (c.isEmpty()) {
          continue;
        }
        int d = distance(w, c.toLowerCase(Locale.ROOT));
        if (d < bestDistance) {
          best = c;
          bestDistance = d;
        }
      }
      if (best != null && bestDistance <= Math.max(2, best.length() / 3)) {
        return best;
      }
      // A word cut short (SERIAL for SERIAL_GROUP) is a near miss too.
      for (String c : candidates) {
        if (w.length() >= 3 && c.toLowerCase(Locale.ROOT).startsWith(w)) {
          return c;
        }
      }
      return null;
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
      int[] previous = new int[b.length() + 1];
      int[] current = new int[b.length() + 1];
      for (int j = 0; j <= b.length(); j++) {
        previous[j] = j;
      }
      for (int i = 1; i <= a.length(); i++) {
        current[0] = i;
        for (int j = 1; j <= b.length(); j++) {
          int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
          current[j] =
              Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        }
        int[] swap = previous;
        previous = current;
        current = swap;
      }
      return previous[b.length()];
    }
  }
}
