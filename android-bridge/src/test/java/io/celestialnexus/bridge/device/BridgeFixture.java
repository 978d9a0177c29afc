package io.celestialnexus.bridge.device;

import io.celestialnexus.bridge.BridgeSettings;
import io.celestialnexus.bridge.adb.DadbConnector;
import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.SkillRouter;
import io.celestialnexus.engine.device.DeviceView;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.testing.TestEngineSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A bridge under test: the real {@link DeviceManager} with real dadb connections to fake phones, a probe as the
 * status board, and a router that answers "收到：" and the message. Settings are the shipped defaults with the
 * test's phones, no human pauses and a quick poll.
 */
final class BridgeFixture {

  /** Answers every message ("收到：" and the message, or always the same text), and remembers what it was asked. */
  static final class RecordingRouter implements SkillRouter {
    final ConcurrentLinkedQueue<ChatMessage> asked = new ConcurrentLinkedQueue<>();
    private final Function<String, String> answer;
    private final CompletionStage<?> gate;

    RecordingRouter() {
      this(text -> "收到：" + text);
    }

    RecordingRouter(String fixed) {
      this(text -> fixed);
    }

    /** Answers each message's text with {@code answer}'s. */
    RecordingRouter(Function<String, String> answer) {
      this(answer, CompletableFuture.completedFuture(null));
    }

    /** Answers "收到：" and the message, each once {@code gate} completes (a slow skill). */
    RecordingRouter(CompletionStage<?> gate) {
      this(text -> "收到：" + text, gate);
    }

    private RecordingRouter(Function<String, String> answer, CompletionStage<?> gate) {
      this.answer = answer;
      this.gate = gate;
    }

    @Override
    public CompletionStage<ChatReply> reply(ChatMessage message) {
      asked.add(message);
      return gate.thenApply(open -> ChatReply.text(answer.apply(message.text())));
    }
  }

  final BridgeSettings settings;
  final RecordingRouter router;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final TestProbe<StatusBoard.Command> board;
  final ActorRef<DeviceManager.Command> manager;
  final BridgeDirectory directory;

  BridgeFixture(ActorTestKit testKit, Path root, String devices, String overrides) {
    this(testKit, root, devices, overrides, new RecordingRouter());
  }

  BridgeFixture(ActorTestKit testKit, Path root, String devices, String overrides, RecordingRouter router) {
    this.router = router;
    this.settings = settings(root, devices, overrides);
    this.board = testKit.createTestProbe(StatusBoard.Command.class);
    var connector = new DadbConnector(settings.adb());
    this.manager =
        testKit.spawn(DeviceManager.create(settings, connector, router, board.getRef(), EngineClock.system(), registry));
    this.directory = new BridgeDirectory(testKit.system(), manager, Duration.ofSeconds(3), Duration.ofSeconds(5));
  }

  /**
   * The shipped defaults with {@code devices}, no human pauses, a 50 ms poll and quick backoff; the adb key is
   * shared by the tests of a class (beside {@code root}).
   */
  static BridgeSettings settings(Path root, String devices, String overrides) {
    return BridgeSettings.fromConfig(
        TestEngineSettings.config(
            root,
            "nexus.bridge {\n devices = " + devices + "\n"
                + " poll { interval = 50ms, jitter = 0 }\n pauses { min = 0s, max = 0s }\n"
                + " dump.retry-delay = 0s\n adb.key-file = \"" + root.getParent().resolve("adbkey") + "\"\n"
                + " supervision.backoff { min-backoff = 100ms, max-backoff = 2s, reset-after = 30s }\n}\n" + overrides));
  }

  /** A direct-TCP device entry for the config. */
  static String direct(String serial, int port) {
    return "{ serial = \"" + serial + "\", connection = direct, host = \"127.0.0.1\", port = " + port + " }";
  }

  DeviceView view(String serial) throws Exception {
    Optional<DeviceView> view = directory.device(serial).toCompletableFuture().get(5, TimeUnit.SECONDS);
    return view.orElseThrow(() -> new AssertionError("no device " + serial));
  }

  List<ChatMessage> asked() {
    return List.copyOf(router.asked);
  }
}
