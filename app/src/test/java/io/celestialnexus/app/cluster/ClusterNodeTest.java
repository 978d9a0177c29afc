package io.celestialnexus.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.app.node.NodeConfig;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.persistence.testing.TestDatabase;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode on real nodes: members join through their seeds and each shows the cluster at {@code /api/cluster};
 * a node is not ready until it has joined; with H2 the start is refused. (Each node has a database of its own here:
 * the writers are not cluster singletons yet, so the writer's lease still admits one node per database.)
 */
class ClusterNodeTest {

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void clusterModeWithH2IsRefusedSayingWhy() throws Exception {
    NodeSettings settings = settings(conf("h2", freePort(), freePort(), "", Optional.empty()));
    var refused = assertThrows(NexusNode.StartupFailed.class, () -> NexusNode.start(settings, List.of(), "test"));
    assertTrue(refused.getMessage().contains("cluster mode (nexus.cluster.enabled) needs PostgreSQL"), refused.getMessage());
    assertTrue(Files.notExists(dir.resolve("h2-data").resolve("nexus.lock")), "nothing was started");
  }

  @Test
  void membersJoinThroughTheirSeedsAndEachShowsTheCluster() throws Exception {
    try (TestDatabase first = TestDatabase.postgres().withSchema();
        TestDatabase second = TestDatabase.postgres().withSchema()) {
      int firstCluster = freePort();
      int secondCluster = freePort();
      int firstApi = freePort();
      int secondApi = freePort();
      List<NexusNode> nodes = new ArrayList<>();
      try {
        nodes.add(NexusNode.start(settings(conf("a", firstApi, firstCluster, "", Optional.of(first))), List.of(), "test"));
        nodes.add(
            NexusNode.start(
                settings(conf("b", secondApi, secondCluster, "127.0.0.1:" + firstCluster, Optional.of(second))), List.of(), "test"));
        TestProbe<Object> probe = TestProbe.create(nodes.get(0).system());
        for (int api : List.of(firstApi, secondApi)) {
          probe.awaitAssert(
              Duration.ofSeconds(30),
              () -> {
                JsonNode cluster = json(api, "/api/cluster", 200);
                assertEquals(2, cluster.get("members").size(), cluster.toString());
                for (JsonNode member : cluster.get("members")) {
                  assertEquals("Up", member.get("status").asText(), cluster.toString());
                  assertTrue(member.get("reachable").asBoolean(), cluster.toString());
                }
                assertEquals("127.0.0.1:" + Math.min(firstCluster, secondCluster), cluster.get("leader").asText(), "the lowest address leads");
                assertEquals(200, get(api, "/health/ready").statusCode());
                String metrics = get(api, "/metrics").body();
                assertTrue(metrics.contains("nexus_cluster_members{status=\"Up\"} 2.0"), metrics);
                return null;
              });
        }
        JsonNode seenBySecond = json(secondApi, "/api/cluster", 200);
        assertEquals("127.0.0.1:" + secondCluster, seenBySecond.get("self").asText());
        for (JsonNode member : seenBySecond.get("members")) {
          String roles = member.get("address").asText().equals("127.0.0.1:" + secondCluster) ? "[\"bridge\"]" : "[]";
          assertEquals(roles, member.get("roles").toString(), "the roles each node was given");
        }
      } finally {
        nodes.forEach(NexusNode::close);
      }
    }
  }

  @Test
  void aNodeWhoseSeedsDoNotAnswerIsNotReady() throws Exception {
    try (TestDatabase db = TestDatabase.postgres().withSchema()) {
      int api = freePort();
      NexusNode node = NexusNode.start(settings(conf("alone", api, freePort(), "127.0.0.1:" + freePort(), Optional.of(db))), List.of(), "test");
      try {
        TestProbe<Object> probe = TestProbe.create(node.system());
        probe.awaitAssert(
            Duration.ofSeconds(30),
            () -> {
              JsonNode ready = StatusJson.mapper().readTree(get(api, "/health/ready").body());
              assertEquals("NOT_READY", ready.get("status").asText(), ready.toString());
              assertTrue(ready.toString().contains("has not joined yet"), ready.toString());
              return null;
            });
      } finally {
        node.close();
      }
    }
  }

  private String conf(String name, int apiPort, int clusterPort, String seeds, Optional<TestDatabase> db) throws Exception {
    String storage =
        db.map(
                pg ->
                    "nexus.storage { kind = postgres, postgres { url = \"jdbc:postgresql://" + TestDatabase.PG_HOST + ":" + TestDatabase.PG_PORT
                        + "/" + pg.name() + "\", user = " + TestDatabase.PG_USER + ", password = \"\" } }\n")
            .orElse("");
    return Files.writeString(
            dir.resolve(name + ".conf"),
            "nexus.data.dir = \"" + dir.resolve(name + "-data") + "\"\n"
                + "nexus.logs.dir = \"" + dir.resolve(name + "-logs") + "\"\n"
                + "nexus.http.api.port = " + apiPort + "\n"
                + "nexus.engine.state.import-bundled-history = false\n"
                + "nexus.engine.ssq.enabled = false\n"
                + storage
                + "nexus.cluster { enabled = true, port = " + clusterPort + ", seeds = \"" + seeds + "\", roles = \""
                + (seeds.isEmpty() ? "" : "bridge") + "\" }\n")
        .toString();
  }

  private static NodeSettings settings(String conf) {
    return NodeSettings.fromConfig(NodeConfig.load(Optional.of(Path.of(conf))));
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(int port, String path, int status) throws Exception {
    HttpResponse<String> response = get(port, path);
    assertEquals(status, response.statusCode(), response.body());
    return StatusJson.mapper().readTree(response.body());
  }

  private static int freePort() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
