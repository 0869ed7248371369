package io.github.isolationaudit.analyzer.footprint;

import java.util.List;

/**
 * Which database a JDBC URL names. The settings of an embedded database's URL are no part of its
 * name: H2's {@code jdbc:h2:mem:test;DB_CLOSE_DELAY=-1} and {@code jdbc:h2:mem:test} open the same
 * database (commons-dbcp2's tests use both), and so do HSQLDB's and Derby's URLs up to their first
 * {@code ;}. A server URL's query ({@code ?user=...}) is no part of it either. Two URLs that name
 * one database are one key, so the tests that use them conflict.
 *
 * <p>A nameless in-memory database ({@code jdbc:h2:mem:}, {@code jdbc:sqlite::memory:}) is private
 * to the connection that opens it: no other test can see it.
 */
final class DatabaseUrls {
  /** Embedded databases whose URL settings follow the name after a {@code ;}. */
  private static final List<String> SEMICOLON_SETTINGS =
      List.of("jdbc:h2:", "jdbc:hsqldb:", "jdbc:derby:");

  /** Server and file databases whose URL settings follow a {@code ?}. */
  private static final List<String> QUERY_SETTINGS =
      List.of(
          "jdbc:sqlite:",
          "jdbc:postgresql:",
          "jdbc:mysql:",
          "jdbc:mariadb:",
          "jdbc:tc:",
          "jdbc:clickhouse:");

  private DatabaseUrls() {}

  /** The URL as far as it names the database: its settings cut off. */
  static String database(String url) {
    for (String p : SEMICOLON_SETTINGS) {
      if (url.startsWith(p)) {
        int semicolon = url.indexOf(';');
        return semicolon < 0 ? url : url.substring(0, semicolon);
      }
    }
    for (String p : QUERY_SETTINGS) {
      if (url.startsWith(p)) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
      }
    }
    return url;
  }

  /** Whether the URL opens a database that only its own connection sees. */
  static boolean privateToConnection(String url) {
    String db = database(url);
    return db.equals("jdbc:h2:mem:")
        || db.equals("jdbc:sqlite::memory:")
        || db.equals("jdbc:sqlite:");
  }
}
