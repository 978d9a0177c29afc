package io.celestialnexus.app.node;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.celestialnexus.app.CommandLineRun;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.testing.ScriptedTask;
import io.celestialnexus.engine.testing.TestSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile input against a real node (H2, chaos on, an admin key): a few hundred seeded random requests built from
 * the node's own OpenAPI document (bad JSON, {@code null}, wrong types, huge numbers, odd paths, methods, queries and
 * content types) never get a 5xx other than a documented 503, and every error is the JSON {@code {error, detail}}
 * shape. Then one regression test per finding of issue 12: a {@code null} body on each POST that takes JSON, a
 * malformed quoted CSV field (API and CLI, with and without {@code --skip-invalid}), and the requests pekko-http
 * answers before any route (unknown method, bad request line, bad version, huge headers) in the same JSON shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

  private static final String KEY = "hostile-admin-key";
  private static final long SEED = Long.getLong("hostile.seed", 20261205L);
  private static final int REQUESTS = Integer.getInteger("hostile.requests", 400);
  private static final String CSV_HEADER = "issue,date,r1,r2,r3,r4,r5,r6,blue\n";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Path dir;
  private Path conf;
  private NexusNode node;
  private String base;

  @BeforeAll
  void startNode() throws Exception {
    dir = Files.createTempDirectory("hostile-input");
    conf = Files.writeString(dir.resolve("n.conf"),
        "nexus.data.dir = \"" + dir.resolve("data") + "\"\nnexus.logs.dir = \"" + dir.resolve("logs") + "\"\n"
            + "nexus.http.api.port = 0\nnexus.chaos.enabled = on\nnexus.engine.state.import-bundled-history = false\n"
            + "nexus.http.api-key = \"" + KEY + "\"\n");
    Task steady = new ScriptedTask("steady", TestSettings.every(ofSeconds(30)), (n, context) -> Map.of("round", n));
    node = NexusNode.start(NodeSettings.fromConfig(NodeConfig.load(Optional.of(conf))), List.of(steady), "test");
    base = "http://127.0.0.1:" + node.apiAddress().getPort();
    // the CLI finds the running node through the conf's port
    Files.writeString(conf, "nexus.http.api.port = " + node.apiAddress().getPort() + "\n", java.nio.file.StandardOpenOption.APPEND);
  }

  @AfterAll
  void stopNode() {
    node.close();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // the fuzzer

  /** One path of the OpenAPI document with its methods. */
  private record Operation(String template, List<String> methods) {}

  private List<Operation> operations() throws Exception {
    HttpResponse<String> spec = send("GET", "/api/openapi.yaml", null, null);
    assertEquals(200, spec.statusCode());
    JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(spec.body()).get("paths");
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : paths.properties()) {
      List<String> methods = new ArrayList<>();
      entry.getValue().fieldNames().forEachRemaining(name -> {
        if (List.of("get", "post", "put", "delete", "patch").contains(name)) {
          methods.add(name.toUpperCase(java.util.Locale.ROOT));
        }
      });
      operations.add(new Operation(entry.getKey(), methods));
    }
    assertTrue(operations.size() > 20, "the document lists the API: " + operations);
    return operations;
  }

  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "FOO", "PROPFIND"};
  private static final String[] SEGMENTS = {
    "steady", "nope", "0", "-1", "2026001", "2147483648", "99999999999999999999", "1e9", "..", "%2e%2e", "a%2Fb", "%00",
    "%0d%0aX-Injected:%201", "%E2%80%A8", "%C3%BC", "%FF", "run", "pause", "resume", "restart", "explode", "x.png", "%20",
    "emulator-5554", "'%3B--", "%7B%7D", "latest", "import"
  };
  private static final String[] QUERY_NAMES = {"offset", "limit", "since", "from", "window", "format", "skipInvalid", "issue", "x"};
  private static final String[] QUERY_VALUES = {
    "-1", "0", "1", "500", "501", "2147483648", "-9223372036854775809", "99999999999999999999", "abc", "", "NaN", "1e3",
    "0x10", "true", "md", "json", "\u0000", "\n", "🙂", "%"
  };
  private static final String[] FIELDS = {
    "issue", "date", "reds", "blue", "assault", "count", "latencyMs", "chat", "text", "key", "version", "reason", "name"
  };
  private static final String[] VALUES = {
    "null", "0", "-1", "1", "7", "2147483648", "-2147483649", "9223372036854775808", "1e308", "-1e308", "1.5", "\"\"",
    "\"x\"", "\"2026-02-30\"", "\"2026-08-20\"", "\"9999-99-99\"", "\"\\u0000\"", "\"\\n\"", "\"exception\"", "\"hang\"",
    "\"latency\"", "\"status\"", "[]", "[null]", "[1,2,3,4,5,6]", "[1,1,1,1,1,1]", "[34,2,3,4,5,6]", "[\"a\",2,3,4,5,6]",
    "{}", "{\"a\":null}", "true", "2026097"
  };
  private static final String[] CONTENT_TYPES = {
    "application/json", "application/json", "application/json", "text/csv; charset=UTF-8", "text/plain",
    "application/x-www-form-urlencoded", "application/json; charset=ISO-8859-1", "application/octet-stream", null
  };

  private static <T> T pick(Random random, T[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String body(Random random) {
    return switch (random.nextInt(14)) {
      case 0 -> "null";
      case 1 -> "";
      case 2 -> pick(random, new String[] {"{", "}", "[", "{\"issue\":", "{'issue': 1}", "nul", "{\"a\":1,}", "\uFEFF{}"});
      case 3 -> pick(random, VALUES);
      case 4 -> "[".repeat(2_000) + "]".repeat(2_000);
      case 5 -> "{\"issue\":" + "9".repeat(2_000) + "}";
      case 6 -> "{\"text\":\"" + "x".repeat(100_000) + "\"}";
      case 7 -> CSV_HEADER + csvLine(random) + "\n" + csvLine(random) + "\n";
      case 8 -> "{\"issue\":2026097,\"date\":\"2026-08-20\",\"reds\":[1,5,9,14,22,30],\"blue\":7}";
      default -> {
        StringJoiner object = new StringJoiner(",", "{", "}");
        for (int i = random.nextInt(6); i > 0; i--) {
          object.add("\"" + pick(random, FIELDS) + "\":" + pick(random, VALUES));
        }
        yield object.toString();
      }
    };
  }

  private static String csvLine(Random random) {
    return pick(random, new String[] {
      "2026101,2026-09-01,1,2,3,4,5,6,7", "2026102,\"2026-09-03\"x,1,2,3,4,5,6,7", "\"2026103,2026-09-05,1,2,3,4,5,6,7",
      "2026104,2026-09-07,1,2,3", "\"\"\"\",,,,,,,,", "2026105,2026-13-40,1,2,3,4,5,6,7", "a\u0000b", "2026106,2026-09-09,34,2,3,4,5,6,99"
    });
  }

  private static String path(Random random, Operation operation) {
    if (random.nextInt(10) == 0) {
      return pick(random, new String[] {
        "/", "//", "/api", "/api/", "/api//draws", "/api/draws/", "/status/", "/health/live/x", "/%25", "/api/draws/2026001/extra",
        "/api/charts/..%2F..%2Fetc%2Fpasswd.png", "/docs/..%2F..%2Fweb%2Fdocs.properties", "/api/tasks/steady/events/x",
        "/" + "a".repeat(3_000), "/api/devices/" + "s".repeat(1_500) + "/messages"
      });
    }
    StringBuilder path = new StringBuilder();
    for (String part : operation.template().substring(1).split("/")) {
      path.append('/');
      if (part.startsWith("{")) {
        // {name}.png keeps its suffix
        path.append(pick(random, SEGMENTS)).append(part.substring(part.indexOf('}') + 1));
      } else {
        path.append(part);
      }
    }
    if (random.nextBoolean()) {
      StringJoiner query = new StringJoiner("&", "?", "");
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        query.add(pick(random, QUERY_NAMES) + "=" + URLEncoder.encode(pick(random, QUERY_VALUES), StandardCharsets.UTF_8));
      }
      path.append(query);
    }
    return path.toString();
  }

  @Test
  void aFewHundredSeededHostileRequestsGetNo5xxAndEveryErrorIsJson() throws Exception {
    List<Operation> operations = operations();
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    int errors = 0;
    for (int i = 0; i < REQUESTS; i++) {
      Operation operation = operations.get(random.nextInt(operations.size()));
      String method = random.nextInt(4) == 0 ? pick(random, METHODS) : operation.methods().get(random.nextInt(operation.methods().size()));
      String path = path(random, operation);
      boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || random.nextInt(8) == 0;
      String body = withBody ? body(random) : null;
      String contentType = withBody ? pick(random, CONTENT_TYPES) : null;
      String what = "#" + i + " " + method + " " + abbreviate(path) + (body == null ? "" : " [" + contentType + "] " + abbreviate(body));
      HttpResponse<String> response;
      try {
        response = send(method, path, body, contentType);
      } catch (IOException e) {
        failures.add(what + " -> no answer: " + e);
        continue;
      }
      int status = response.statusCode();
      // 503: a port this node does not serve (no phones, no prediction loop), documented; 501: a method HTTP does not know
      boolean unknownMethod = status == 501 && List.of("FOO", "PROPFIND").contains(method);
      if (status >= 500 && status != 503 && !unknownMethod) {
        failures.add(what + " -> " + status + " " + abbreviate(response.body()));
      }
      if (status >= 400) {
        errors++;
        if (!method.equals("HEAD")) {
          jsonError(response).ifPresent(problem -> failures.add(what + " -> " + status + ": " + problem));
        }
      }
    }
    assertTrue(failures.isEmpty(), "seed " + SEED + ", " + failures.size() + " bad answers:\n" + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
    assertTrue(errors > REQUESTS / 2, "most hostile requests are refused: " + errors + " of " + REQUESTS);
  }

  /**
   * Why the answer is not the {@code {"error": "...", "detail": "..."}} shape, or empty when it is. The one other
   * error body is documented: an import's 422 is its report, listing every rejected row as {@code line N: reason}.
   */
  private static Optional<String> jsonError(HttpResponse<String> response) {
    if (response.statusCode() == 422 && response.uri().getPath().equals("/api/draws/import")) {
      try {
        return StatusJson.mapper().readTree(response.body()).path("rejected").isArray()
            ? Optional.empty() : Optional.of("an import's 422 without its report: " + abbreviate(response.body()));
      } catch (IOException e) {
        return Optional.of("not JSON: " + abbreviate(response.body()));
      }
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("application/json")) {
      return Optional.of("content type '" + type + "', body " + abbreviate(response.body()));
    }
    try {
      JsonNode json = StatusJson.mapper().readTree(response.body());
      if (json == null || !json.path("error").isTextual() || !json.path("detail").isTextual()) {
        return Optional.of("not {error, detail}: " + abbreviate(response.body()));
      }
      if (json.path("detail").asText().contains("Exception") || json.path("detail").asText().contains("io.celestialnexus")) {
        return Optional.of("names internals: " + abbreviate(response.body()));
      }
    } catch (IOException e) {
      return Optional.of("not JSON: " + abbreviate(response.body()));
    }
    return Optional.empty();
  }

  private static String abbreviate(String text) {
    String flat = text.replace("\n", "\\n").replace("\u0000", "\\0");
    return flat.length() > 160 ? flat.substring(0, 160) + "...(" + flat.length() + " chars)" : flat;
  }

  private HttpResponse<String> send(String method, String path, String body, String contentType) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(ofSeconds(20)).header("Authorization", "Bearer " + KEY)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // one regression test per finding

  private static void assertJsonError(HttpResponse<String> response, int status, String detailPart) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(Optional.empty(), jsonError(response));
    assertTrue(response.body().contains(detailPart), response.body());
  }

  @Test
  void aNullBodyOnEveryPostThatTakesJsonIsA400NotANullPointerException() throws Exception {
    for (String path : List.of("/api/draws", "/api/chaos/tasks/steady", "/api/devices/emulator-5554/messages", "/api/weights/rollback")) {
      assertJsonError(send("POST", path, "null", "application/json"), 400, "not null");
      assertJsonError(send("POST", path, " null\n", "application/json"), 400, "not null");
    }
  }

  @Test
  void wrongTypesAndHugeNumbersAre400sNamingTheField() throws Exception {
    assertJsonError(
        send("POST", "/api/draws", "{\"issue\":99999999999999999999,\"date\":\"2026-08-20\",\"reds\":[1,2,3,4,5,6],\"blue\":7}", "application/json"),
        400, "'issue' is out of range");
    assertJsonError(
        send("POST", "/api/draws", "{\"issue\":2026097,\"date\":\"2026-08-20\",\"reds\":[1,\"x\",3,4,5,6],\"blue\":7}", "application/json"),
        400, "'reds[1]' has the wrong type");
    assertJsonError(send("POST", "/api/chaos/tasks/steady", "{\"assault\":\"hang\",\"count\":1e308}", "application/json"), 400, "count");
    assertJsonError(send("POST", "/api/draws", "{\"issue\":", "application/json"), 400, "not valid JSON");
  }

  @Test
  void aMalformedQuotedCsvFieldIsALineRejectionThroughTheApi() throws Exception {
    String csv = CSV_HEADER + "2026111,2026-10-01,1,2,3,4,5,6,7\n2026112,\"2026-10-03\"x,1,2,3,4,5,6,7\n2026113,2026-10-05,1,2,3,4,5,6,8\n";
    HttpResponse<String> refused = send("POST", "/api/draws/import", csv, "text/csv; charset=UTF-8");
    assertEquals(422, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("line 3: malformed quoted field"), refused.body());
    HttpResponse<String> skipped = send("POST", "/api/draws/import?skipInvalid=true", csv, "text/csv; charset=UTF-8");
    assertEquals(200, skipped.statusCode(), skipped.body());
    JsonNode report = StatusJson.mapper().readTree(skipped.body());
    assertEquals(3, report.get("rows").asInt(), skipped.body());
    assertEquals(2, report.get("added").asInt(), skipped.body());
  }

  @Test
  void theCliReportsAMalformedQuotedFieldAsLineNReasonThroughTheServiceAndDirectly() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.csv"),
        CSV_HEADER + "2026121,2026-11-01,1,2,3,4,5,6,7\n\"2026122,2026-11-03,1,2,3,4,5,6,7\n2026123,2026-11-05,1,2,3,4,5,6,8\n");
    CommandLineRun refused = CommandLineRun.of("import-history", "--config", conf.toString(), file.toString());
    assertEquals(1, refused.exitCode(), refused.out() + refused.err());
    assertTrue(refused.out().contains("line 3: malformed quoted field"), refused.out() + refused.err());
    assertTrue(!refused.err().contains("Exception"), refused.err());
    CommandLineRun skipped = CommandLineRun.of("import-history", "--config", conf.toString(), "--skip-invalid", file.toString());
    assertEquals(0, skipped.exitCode(), skipped.out() + skipped.err());
    assertTrue(skipped.out().contains("3 rows: 2 added, 0 already recorded, 1 rejected"), skipped.out());
    assertTrue(skipped.out().contains("line 3: malformed quoted field"), skipped.out());

    // with no service answering, the CLI opens a storage of its own: the same rule
    Path offline = Files.writeString(dir.resolve("offline.conf"),
        "nexus.data.dir = \"" + dir.resolve("offline") + "\"\nnexus.logs.dir = \"" + dir.resolve("logs") + "\"\n"
            + "nexus.engine.state.import-bundled-history = false\nnexus.http.api.port = " + closedPort() + "\n");
    CommandLineRun direct = CommandLineRun.of("import-history", "--config", offline.toString(), "--skip-invalid", file.toString());
    assertEquals(0, direct.exitCode(), direct.out() + direct.err());
    assertTrue(direct.out().contains("service not running"), direct.out());
    assertTrue(direct.out().contains("line 3: malformed quoted field"), direct.out());

    CommandLineRun evaluate = CommandLineRun.of("evaluate", "--config", conf.toString(), "--history", file.toString());
    assertTrue(evaluate.err().contains("line 3: malformed quoted field"), evaluate.out() + evaluate.err());
    assertTrue(!evaluate.err().contains("CSVException"), evaluate.err());
  }

  private static int closedPort() throws IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // requests pekko-http refuses before any route: raw bytes over a socket

  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.apiAddress().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      var answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
        answer.write(buffer, 0, read);
        String text = answer.toString(StandardCharsets.UTF_8);
        int headersEnd = text.indexOf("\r\n\r\n");
        if (headersEnd > 0 && text.contains("Content-Length: ")) {
          int length = Integer.parseInt(text.substring(text.indexOf("Content-Length: ") + 16, text.indexOf("\r\n", text.indexOf("Content-Length: "))).strip());
          if (answer.size() >= headersEnd + 4 + length) {
            break;
          }
        }
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static void assertRawJsonError(String answer, int status) throws IOException {
    assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
    String headers = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
    assertTrue(headers.contains("content-type: application/json"), answer);
    JsonNode json = StatusJson.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertTrue(json.path("error").isTextual() && json.path("detail").isTextual(), answer);
    assertTrue(!json.path("detail").asText().contains("Exception") && !json.path("detail").asText().contains("pekko"), answer);
  }

  @Test
  void anUnknownMethodIsA501InTheJsonShape() throws Exception {
    assertRawJsonError(raw("FOO /status HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\n\r\n"), 501);
  }

  @Test
  void anUnsupportedHttpVersionIsA505InTheJsonShape() throws Exception {
    assertRawJsonError(raw("GET /status HTTP/9.9\r\nHost: x\r\n\r\n"), 505);
  }

  @Test
  void malformedRequestLinesAndHeadersAre400Or505InTheJsonShape() throws Exception {
    // a request line whose parts do not split as "METHOD SP target SP version" reads as a version pekko does not know
    for (String request : List.of("GET /status\r\n\r\n", "GET  /status HTTP/1.1\r\nHost: x\r\n\r\n", "GET /st atus HTTP/1.1\r\nHost: x\r\n\r\n")) {
      assertRawJsonError(raw(request), 505);
    }
    for (String request : List.of(
        "GET /status HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n",
        "POST /api/draws HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        "POST /api/draws HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")) {
      assertRawJsonError(raw(request), 400);
    }
  }

  @Test
  void aBodyDeclaredOverTheLimitIsA413InTheJsonShape() throws Exception {
    for (String path : List.of("/api/draws/import", "/api/draws")) {
      String answer = raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: 9000000\r\n\r\n" + "x".repeat(10_000));
      assertRawJsonError(answer, 413);
    }
  }

  @Test
  void headersOverTheLimitAreA431InTheJsonShape() throws Exception {
    assertRawJsonError(raw("GET /status HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"), 431);
  }

  @Test
  void aUriOverTheLimitIsA414InTheJsonShape() throws Exception {
    assertRawJsonError(raw("GET /" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414);
  }
}
