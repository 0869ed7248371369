package io.github.isolationaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code isolation-audit github-comment}: creates or updates the one pull-request comment that
 * carries the report, through GitHub's REST API. The comment is the one whose first line is the
 * hidden {@value #MARKER} (the Markdown report starts with it); every other comment is left alone.
 *
 * <p>A read-only token (a pull request from a fork gets one) cannot comment: GitHub answers 403.
 * Then the command says so and exits 0, so the workflow goes on with its job summary. Hidden from
 * the help: the GitHub Action runs it.
 */
@Command(
    name = "github-comment",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {
      "Creates or updates the pull request's isolation-audit comment (the one that starts with"
          + " the line "
          + GithubCommentCommand.MARKER
          + ") with the body of a file, through the GitHub REST API. The token comes from"
          + " GITHUB_TOKEN, the API from GITHUB_API_URL (default https://api.github.com).",
    },
    exitCodeOnInvalidInput = ExitCodes.USAGE)
final class GithubCommentCommand implements Callable<Integer> {

  /** The hidden line that identifies our comment. */
  static final String MARKER = "<!-- isolation-audit -->";

  /** GitHub's limit on a comment's body. */
  static final int MAX_BODY = 65_536;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  private static final int PER_PAGE = 100;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "OWNER/NAME",
      description = "The repository.")
  String repo;

  @Option(
      names = "--pr",
      required = true,
      paramLabel = "N",
      description = "The pull request number.")
  int pr;

  @Option(
      names = "--body",
      required = true,
      paramLabel = "FILE",
      description = "The comment's body (Markdown).")
  Path body;

  private final Map<String, String> env;

  GithubCommentCommand() {
    this(System.getenv());
  }

  /** With this environment instead of the process's (tests). */
  GithubCommentCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** A response GitHub gave that the command cannot go on from. */
  private static final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    String token = env.getOrDefault("GITHUB_TOKEN", "");
    if (token.isBlank()) {
      err.println("isolation-audit github-comment: GITHUB_TOKEN is not set");
      return ExitCodes.USAGE;
    }
    if (!repo.matches("[\\w.-]+/[\\w.-]+") || pr <= 0) {
      err.println(
          "isolation-audit github-comment: --repo is OWNER/NAME and --pr a pull request number");
      return ExitCodes.USAGE;
    }
    String text;
    try {
      text = commentBody(Files.readString(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      err.println("isolation-audit github-comment: cannot read " + body + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    String api = env.getOrDefault("GITHUB_API_URL", "https://api.github.com").replaceAll("/+$", "");
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    Api github = new Api(client, api, token);
    try {
      Optional<Long> existing =
          findComment(
              github, api + "/repos/" + repo + "/issues/" + pr + "/comments?per_page=" + PER_PAGE);
      String json = MAPPER.writeValueAsString(Map.of("body", text));
      if (existing.isPresent()) {
        github.send("PATCH", api + "/repos/" + repo + "/issues/comments/" + existing.get(), json);
        err.println(
            "isolation-audit: updated comment " + existing.get() + " on " + repo + "#" + pr);
      } else {
        JsonNode created =
            github.send("POST", api + "/repos/" + repo + "/issues/" + pr + "/comments", json).body;
        err.println(
            "isolation-audit: created comment "
                + created.path("id").asLong()
                + " on "
                + repo
                + "#"
                + pr);
      }
      return ExitCodes.CLEAN;
    } catch (ApiException e) {
      if (e.status == 403) {
        // A fork's pull request runs with a read-only token: the job summary has the report.
        err.println(
            "::warning::isolation-audit: the token may not comment on "
                + repo
                + "#"
                + pr
                + " (read-only, as for a pull request from a fork): the report is in the job"
                + " summary only. "
                + e.getMessage());
        return ExitCodes.CLEAN;
      }
      err.println("isolation-audit github-comment: " + e.getMessage());
      return ExitCodes.INTERNAL_ERROR;
    }
  }

  /** The body with the marker as its first line, cut to GitHub's limit with a note. */
  static String commentBody(String markdown) {
    String text = markdown.startsWith(MARKER) ? markdown : MARKER + "\n" + markdown;
    if (text.length() <= MAX_BODY) {
      return text;
    }
    String note =
        "\n\n_The report was cut to fit a comment; the job summary and the SARIF have it all._\n";
    int end = MAX_BODY - note.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + note;
  }

  /** The id of the first comment that starts with the marker, looking through every page. */
  private static Optional<Long> findComment(Api github, String firstPage)
      throws IOException, InterruptedException, ApiException {
    String url = firstPage;
    while (url != null) {
      Response page = github.send("GET", url, null);
      for (JsonNode comment : page.body) {
        String text = comment.path("body").asText("");
        if (text.startsWith(MARKER)) {
          return Optional.of(comment.path("id").asLong());
        }
      }
      url = page.next;
    }
    return Optional.empty();
  }

  private record Response(JsonNode body, String next) {}

  /** GitHub's REST API over the JDK's HTTP client. */
  private record Api(HttpClient client, String base, String token) {
    Response send(String method, String url, String json)
        throws IOException, InterruptedException, ApiException {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(60))
              .header("Accept", "application/vnd.github+json")
              .header("Authorization", "Bearer " + token)
              .header("X-GitHub-Api-Version", "2022-11-28")
              .header("User-Agent", "isolation-audit");
      if (json == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
      }
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 != 2) {
        String message = "";
        try {
          message = MAPPER.readTree(response.body()).path("message").asText("");
        } catch (IOException e) {
          // not JSON: the status says enough
        }
        throw new ApiException(
            response.statusCode(),
            method
                + " "
                + URI.create(url).getPath()
                + ": HTTP "
                + response.statusCode()
                + (message.isEmpty() ? "" : " " + message));
      }
      String next = null;
      Optional<String> link = response.headers().firstValue("Link");
      if (link.isPresent()) {
        Matcher m = NEXT.matcher(link.get());
        if (m.find()) {
          next = m.group(1);
          // Only follow pages of the same API: a Link elsewhere would carry the token away.
          if (!next.startsWith(base + "/")) {
            throw new ApiException(0, "the next page is outside " + base + ": " + next);
          }
        }
      }
      String text = response.body();
      return new Response(
          text == null || text.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(text), next);
    }
  }
}
