package io.celestialnexus.http.wechat;

import static io.celestialnexus.http.wechat.WechatWire.now;
import static io.celestialnexus.http.wechat.WechatWire.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celestialnexus.engine.status.Health;
import io.celestialnexus.engine.status.StatusSnapshot;
import io.celestialnexus.http.ApiKeyAuth;
import io.celestialnexus.http.HealthRoutes;
import io.celestialnexus.http.HttpMetrics;
import io.celestialnexus.http.HttpSettings;
import io.celestialnexus.http.NexusHttpServer;
import io.celestialnexus.http.access.AccessSettings;
import io.celestialnexus.http.access.KeyRing;
import io.celestialnexus.http.connections.ConnectionGate;
import io.celestialnexus.http.connections.ConnectionSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that open connections and send a header line now and then without ever finishing a request, against both
 * real listeners (api and wechat) on free ports. The slow clients connect from 127.0.0.2 (any 127/8 address reaches a
 * loopback listener), the well-behaved checks from 127.0.0.1, and loopback is not exempt here.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsTest {

  private static final String SLOW_CLIENT = "127.0.0.2";
  private static final int PER_CLIENT = 4;

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
  private static final java.util.concurrent.ExecutorService READERS = Executors.newCachedThreadPool();
  private final List<SlowClient> slowClients = new CopyOnWriteArrayList<>();

  @AfterAll
  void stop() {
    trickle.shutdownNow();
    READERS.shutdownNow();
    slowClients.forEach(SlowClient::close);
  }

  @Test
  void moreSlowClientsFromOneAddressThanTheLimitLeaveBothListenersAnswering() throws Exception {
    var registry = new SimpleMeterRegistry();
    // a header timeout far beyond the test: whatever closes a connection here is the per-client limit
    var connections = settings(Duration.ofMinutes(5), Duration.ofMinutes(5));
    var api = new ConnectionGate("api", connections, registry);
    var wechat = new ConnectionGate("wechat", connections, registry);
    int apiPort = bindApi(api, registry);
    TestListener listener = wechatListener(wechat, registry);
    int wechatPort = URI.create(listener.baseUrl()).getPort();

    List<SlowClient> onApi = openSlow(apiPort, 10, Duration.ofSeconds(1));
    List<SlowClient> onWechat = openSlow(wechatPort, 10, Duration.ofSeconds(1));

    awaitRefused(registry, "api", 10 - PER_CLIENT);
    awaitRefused(registry, "wechat", 10 - PER_CLIENT);
    assertEquals(PER_CLIENT, api.open());
    assertEquals(PER_CLIENT, wechat.open());
    // the refused ones were closed at once (long before any timeout of the listener's)
    assertEquals(10 - PER_CLIENT, closedWithin(onApi, Duration.ofSeconds(5)));
    assertEquals(10 - PER_CLIENT, closedWithin(onWechat, Duration.ofSeconds(5)));

    // the slow ones still hold their connections, and both listeners answer others at once
    var live = client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/health/live")).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, live.statusCode(), live.body());
    var echo = client.send(
        HttpRequest.newBuilder(URI.create(listener.webhook() + "?" + signed(TestWechatSettings.TOKEN, now(), "slow") + "&echostr=here"))
            .timeout(Duration.ofSeconds(3))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals("here", echo.body());
    assertEquals(0, registry.get(ConnectionGate.TIMED_OUT).tag("listener", "api").tag("reason", "header").counter().count());
  }

  @Test
  void aConnectionWhoseHeadersDoNotCompleteIsClosedAfterTheHeaderTimeoutAndAnIdleKeepAliveAfterTheIdleTimeout() throws Exception {
    var registry = new SimpleMeterRegistry();
    var gate = new ConnectionGate("api", settings(Duration.ofMillis(500), Duration.ofSeconds(1)), registry);
    int port = bindApi(gate, registry);

    List<SlowClient> slow = openSlow(port, 3, Duration.ofMillis(100));
    // each writes a header line every 100 ms, so no byte-level idle timeout can be what closes them
    assertEquals(3, closedWithin(slow, Duration.ofSeconds(10)));
    assertEquals(3.0, registry.get(ConnectionGate.TIMED_OUT).tag("listener", "api").tag("reason", "header").counter().count());

    // a keep-alive connection answers one request, then trickles the next one's headers: closed by the idle timeout
    var keptAlive = new SlowClient(port);
    slowClients.add(keptAlive);
    keptAlive.write("GET /health/live HTTP/1.1\r\nHost: test\r\n\r\n");
    String answer = keptAlive.readUntil("{\"status\":\"UP\"}", Duration.ofSeconds(5));
    assertEquals(true, answer.startsWith("HTTP/1.1 200"), answer);
    keptAlive.write("GET /health/live HTTP/1.1\r\n");
    keptAlive.startTrickle(Duration.ofMillis(100));
    assertEquals(1, closedWithin(List.of(keptAlive), Duration.ofSeconds(10)));
    assertEquals(1.0, registry.get(ConnectionGate.TIMED_OUT).tag("listener", "api").tag("reason", "idle").counter().count());
    awaitOpen(gate, 0);
  }

  private static ConnectionSettings settings(Duration headerTimeout, Duration idleTimeout) {
    return new ConnectionSettings(64, PER_CLIENT, false, headerTimeout, idleTimeout, Duration.ofSeconds(5));
  }

  private int bindApi(ConnectionGate gate, MeterRegistry registry) throws Exception {
    var snapshot =
        new StatusSnapshot(Instant.now(), new StatusSnapshot.NodeInfo(1, "test", Instant.now(), 0), Health.PASS, 0, true, List.of(), List.of(), List.of());
    Route health =
        new HealthRoutes(
                () -> CompletableFuture.completedFuture(snapshot),
                new HttpMetrics(registry),
                new ApiKeyAuth(AccessSettings.withKeys(KeyRing.of("k", "")), registry))
            .route();
    return NexusHttpServer.bind(testKit.system(), new HttpSettings.Listener("127.0.0.1", 0), health, Duration.ofSeconds(1), gate)
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS)
        .localAddress()
        .getPort();
  }

  private TestListener wechatListener(ConnectionGate gate, MeterRegistry registry) throws Exception {
    TestProbe<io.celestialnexus.engine.status.StatusBoard.Command> board = testKit.createTestProbe();
    var settings = TestWechatSettings.settings(Files.createTempDirectory("slow-clients"), "http://127.0.0.1:9", "");
    return TestListener.start(testKit, settings, new ScriptedSkills(), board.getRef(), registry, gate);
  }

  /**
   * {@code count} connections that send a request line and a header, then another header every {@code every}: slow
   * enough not to reach pekko-http's header-count limit (64), which would answer 431 and close on its own.
   */
  private List<SlowClient> openSlow(int port, int count, Duration every) throws IOException {
    List<SlowClient> opened = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      var slow = new SlowClient(port);
      slowClients.add(slow);
      slow.write("GET /health/live HTTP/1.1\r\nHost: test\r\n");
      slow.startTrickle(every);
      opened.add(slow);
    }
    return opened;
  }

  /** How many of {@code clients} the server closes within {@code limit} (each waited for on its own thread). */
  private static int closedWithin(List<SlowClient> clients, Duration limit) throws InterruptedException {
    List<CompletableFuture<Boolean>> closed = new ArrayList<>();
    for (SlowClient slow : clients) {
      closed.add(CompletableFuture.supplyAsync(() -> slow.closedByServerWithin(limit), READERS));
    }
    int count = 0;
    for (var each : closed) {
      if (each.join()) {
        count++;
      }
    }
    return count;
  }

  private void awaitRefused(MeterRegistry registry, String listener, int expected) {
    testKit.createTestProbe().awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          assertEquals(
              expected, registry.get(ConnectionGate.REFUSED).tag("listener", listener).counter().count(), "connections refused on " + listener);
          return null;
        });
  }

  private void awaitOpen(ConnectionGate gate, int expected) {
    testKit.createTestProbe().awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          assertEquals(expected, gate.open());
          return null;
        });
  }

  /** A raw socket from {@link #SLOW_CLIENT} that writes a header line now and then once trickling. */
  private final class SlowClient {
    private final Socket socket = new Socket();

    SlowClient(int port) throws IOException {
      socket.bind(new InetSocketAddress(SLOW_CLIENT, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    }

    void write(String text) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    void startTrickle(Duration every) {
      int[] line = {0};
      trickle.scheduleAtFixedRate(
          () -> {
            if (socket.isClosed()) {
              return;
            }
            try {
              write("X-Slow-" + line[0]++ + ": still here\r\n");
            } catch (IOException closed) {
              // the server closed it; closedByServerWithin sees that
            }
          },
          every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    String readUntil(String marker, Duration limit) throws IOException {
      socket.setSoTimeout((int) limit.toMillis());
      InputStream in = socket.getInputStream();
      var text = new StringBuilder();
      while (!text.toString().contains(marker)) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        text.append((char) b);
      }
      return text.toString();
    }

    /** True when the server closes the connection (end of stream or reset) within {@code limit}, false when it stays open. */
    boolean closedByServerWithin(Duration limit) {
      try {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        while (true) {
          if (in.read() < 0) {
            return true;
          }
        }
      } catch (java.net.SocketTimeoutException stillOpen) {
        return false;
      } catch (IOException reset) {
        return true;
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a test socket
      }
    }
  }
}
