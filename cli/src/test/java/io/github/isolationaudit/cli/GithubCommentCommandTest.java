package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The sticky pull-request comment, against a stand-in for GitHub's REST API on 127.0.0.1: it pages
 * through the comments, updates the marked one, creates one when there is none, never touches
 * another, and takes a read-only token's 403 calmly.
 */
class GithubCommentCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String COMMENTS = "/repos/acme/shop/issues/7/comments";

  /** The stand-in: comments of pull request 7 in acme/shop, and every request it was sent. */
  private HttpServer server;

  private final Map<Long, String> comments = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private volatile int postStatus = 201;
  private volatile int pageSize = 2;
  private long nextId = 1000;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String api() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3";
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath().substring("/api/v3".length());
    String query = exchange.getRequestURI().getRawQuery();
    requests.add(method + " " + path + (query == null ? "" : "?" + query));
    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] in = exchange.getRequestBody().readAllBytes();
    if (method.equals("GET") && path.equals(COMMENTS)) {
      int page = 1;
      for (String parameter : query == null ? new String[0] : query.split("&")) {
        if (parameter.startsWith("page=")) {
          page = Integer.parseInt(parameter.substring("page=".length()));
        }
      }
      List<Map.Entry<Long, String>> all = new ArrayList<>(comments.entrySet());
      int from = (page - 1) * pageSize;
      ArrayNode body = MAPPER.createArrayNode();
      for (int i = from; i < Math.min(all.size(), from + pageSize); i++) {
        body.addObject().put("id", all.get(i).getKey()).put("body", all.get(i).getValue());
      }
      if (from + pageSize < all.size()) {
        exchange
            .getResponseHeaders()
            .add(
                "Link",
                "<"
                    + api()
                    + COMMENTS
                    + "?per_page=100&page="
                    + (page + 1)
                    + ">; rel=\"next\", <"
                    + api()
                    + COMMENTS
                    + "?page=9>; rel=\"last\"");
      }
      reply(exchange, 200, body.toString());
    } else if (method.equals("POST") && path.equals(COMMENTS)) {
      if (postStatus != 201) {
        reply(exchange, postStatus, "{\"message\":\"Resource not accessible by integration\"}");
        return;
      }
      long id = nextId++;
      comments.put(id, MAPPER.readTree(in).get("body").asText());
      reply(exchange, 201, "{\"id\":" + id + "}");
    } else if (method.equals("PATCH") && path.startsWith("/repos/acme/shop/issues/comments/")) {
      long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
      if (!comments.containsKey(id)) {
        reply(exchange, 404, "{\"message\":\"Not Found\"}");
        return;
      }
      comments.put(id, MAPPER.readTree(in).get("body").asText());
      reply(exchange, 200, "{\"id\":" + id + "}");
    } else {
      reply(exchange, 404, "{\"message\":\"Not Found\"}");
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private record Run(int exit, String err) {}

  private Run comment(Path body, Map<String, String> env) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GithubCommentCommand(env));
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    int exit = cli.execute("--repo", "acme/shop", "--pr", "7", "--body", body.toString());
    return new Run(exit, err.toString());
  }

  private Run comment(Path body) {
    return comment(body, Map.of("GITHUB_TOKEN", "t0ken", "GITHUB_API_URL", api() + "/"));
  }

  private static Path report(Path dir, String text) throws IOException {
    return Files.writeString(dir.resolve("comment.md"), text);
  }

  @Test
  void createsTheCommentWhenNoneIsMarkedAfterReadingEveryPage(@TempDir Path dir)
      throws IOException {
    comments.put(1L, "LGTM");
    comments.put(2L, "mentions <!-- isolation-audit --> but not on its first line");
    comments.put(3L, "another bot");

    Run r = comment(report(dir, "<!-- isolation-audit -->\n## isolation-audit\n2 findings\n"));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(requests)
        .containsExactly(
            "GET " + COMMENTS + "?per_page=100",
            "GET " + COMMENTS + "?per_page=100&page=2",
            "POST " + COMMENTS);
    assertThat(comments).hasSize(4);
    assertThat(comments.get(1000L))
        .isEqualTo("<!-- isolation-audit -->\n## isolation-audit\n2 findings\n");
    assertThat(comments.get(1L)).isEqualTo("LGTM");
    assertThat(comments.get(2L)).startsWith("mentions");
    assertThat(authorizations).allMatch("Bearer t0ken"::equals);
    assertThat(r.err()).contains("created comment 1000 on acme/shop#7");
  }

  @Test
  void updatesTheMarkedCommentOnALaterPageAndTouchesNoOther(@TempDir Path dir) throws IOException {
    comments.put(1L, "LGTM");
    comments.put(2L, "please fix");
    comments.put(3L, "nit");
    comments.put(4L, "<!-- isolation-audit -->\nold report");
    comments.put(5L, "<!-- isolation-audit -->\na second marked one is left alone");

    Run r = comment(report(dir, "<!-- isolation-audit -->\nnew report\n"));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(requests)
        .containsExactly(
            "GET " + COMMENTS + "?per_page=100",
            "GET " + COMMENTS + "?per_page=100&page=2",
            "PATCH /repos/acme/shop/issues/comments/4");
    assertThat(comments)
        .containsExactly(
            Map.entry(1L, "LGTM"),
            Map.entry(2L, "please fix"),
            Map.entry(3L, "nit"),
            Map.entry(4L, "<!-- isolation-audit -->\nnew report\n"),
            Map.entry(5L, "<!-- isolation-audit -->\na second marked one is left alone"));
  }

  @Test
  void aBodyWithoutTheMarkerGetsItSoTheNextRunFindsTheComment(@TempDir Path dir)
      throws IOException {
    assertThat(comment(report(dir, "plain report\n")).exit()).isZero();
    assertThat(comments.get(1000L)).isEqualTo("<!-- isolation-audit -->\nplain report\n");

    assertThat(comment(report(dir, "second run\n")).exit()).isZero();
    assertThat(comments).containsOnlyKeys(1000L);
    assertThat(comments.get(1000L)).endsWith("second run\n");
  }

  @Test
  void aReadOnlyTokenLeavesTheJobSummaryAloneAndDoesNotFail(@TempDir Path dir) throws IOException {
    postStatus = 403;
    comments.put(1L, "LGTM");

    Run r = comment(report(dir, "<!-- isolation-audit -->\nreport\n"));

    assertThat(r.exit()).isZero();
    assertThat(r.err())
        .contains("::warning::")
        .contains("read-only")
        .contains("job summary")
        .contains("Resource not accessible by integration");
    assertThat(comments).containsOnlyKeys(1L);
  }

  @Test
  void otherFailuresAndAMissingTokenAreErrors(@TempDir Path dir) throws IOException {
    postStatus = 500;
    Run failed = comment(report(dir, "report\n"));
    assertThat(failed.exit()).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(failed.err()).contains("HTTP 500");

    Run noToken = comment(report(dir, "report\n"), Map.of("GITHUB_API_URL", api()));
    assertThat(noToken.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(noToken.err()).contains("GITHUB_TOKEN is not set");
  }

  @Test
  void aLongBodyIsCutToGithubsLimitWithANote() {
    String body = GithubCommentCommand.commentBody("x".repeat(100_000));
    assertThat(body).hasSizeLessThanOrEqualTo(GithubCommentCommand.MAX_BODY);
    assertThat(body).startsWith("<!-- isolation-audit -->\n").endsWith("it all._\n");
  }

  @Test
  void theCommandIsHiddenFromTheHelp() {
    StringWriter out = new StringWriter();
    Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--help");
    assertThat(out.toString()).contains("scan").doesNotContain("github-comment");
  }
}
