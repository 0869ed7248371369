package io.github.isolationaudit.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the bundled signature lists of de.thetaphi:forbiddenapis (copied into our resources at
 * build time), grouped by their {@code @defaultMessage}. The format is forbiddenapis' own: one
 * signature a line, {@code #} comments, {@code @includeBundled} and {@code @defaultMessage}.
 */
final class ForbiddenApisSignatures {
  private static final String ROOT = "/io/github/isolationaudit/rules/forbiddenapis/";

  private ForbiddenApisSignatures() {}

  private static boolean nameChar(int c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.';
  }

  /** Signatures of the named bundle and the bundles it includes, by message. */
  static Map<String, List<String>> byMessage(String bundle) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    read(bundle, result, new HashSet<>());
    return result;
  }

  private static void read(String bundle, Map<String, List<String>> result, Set<String> seen) {
    if (!seen.add(bundle)) {
      return;
    }
    // A bundle is named like jdk-unsafe-17: nothing that could reach outside the bundles' folder.
    if (bundle == null
        || bundle.isEmpty()
        || bundle.contains("..")
        || !bundle.chars().allMatch(ForbiddenApisSignatures::nameChar)) {
      throw new IllegalArgumentException("no such forbiddenapis signature bundle");
    }
    String resource = ROOT + bundle + ".txt";
    try (InputStream in = ForbiddenApisSignatures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no such forbiddenapis signature bundle");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String message = "";
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        if (s.startsWith("@includeBundled")) {
          read(s.substring("@includeBundled".length()).strip(), result, seen);
        } else if (s.startsWith("@defaultMessage")) {
          message = s.substring("@defaultMessage".length()).strip();
        } else if (!s.startsWith("@")) {
          int at = s.indexOf(" @ ");
          String signature = at < 0 ? s : s.substring(0, at).strip();
          String own = at < 0 ? message : s.substring(at + 3).strip();
          if (signature.indexOf('#') > 0) {
            result.computeIfAbsent(own, k -> new ArrayList<>()).add(signature);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
