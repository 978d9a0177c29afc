package io.celestialnexus.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.bridge.adb.AdbServerClient;
import io.celestialnexus.bridge.fake.FakeAdbd;
import io.celestialnexus.bridge.fake.WeChatModel;
import io.celestialnexus.bridge.testing.AdbServer;
import io.celestialnexus.engine.device.DeviceView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One reply per incoming message while the phone's connection fails at the worst moments: right after typing, right
 * after the send tap, and when the dumps after the send tap find no idle state. Each runs on both paths: a phone with
 * {@code shell_v2} reached directly (dadb sees the transport end), and an old phone without it reached through
 * Debian's adb server (whose legacy shell stream just ends: only the exit sentinel tells). {@code max-attempts = 1},
 * so an interruption that counted as the last attempt would dead-letter a reply that was sent.
 */
@ExtendWith({TestKitJUnit5Extension.class, LogCapturingExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DroppedConnectionTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** How the bridge reaches the phone. */
  enum Path_ {
    DIRECT,
    ADB_SERVER
  }

  @JUnit5TestKit public ActorTestKit testKit = ActorTestKit.create();

  private Path dir;
  private AdbServer adb;
  private FakeAdbd phone;
  private BridgeFixture bridge;
  private String serial;

  @BeforeAll
  void directory() throws Exception {
    dir = Files.createTempDirectory("bridge-drops");
  }

  @AfterEach
  void stopBridgeAndPhone() throws Exception {
    if (bridge != null) {
      testKit.stop(bridge.manager);
      bridge = null;
    }
    if (phone != null) {
      if (serial.equals(phone.tcpSerial())) {
        adb.run("disconnect", phone.tcpSerial()); // the server would keep reconnecting to a closed port
      }
      phone.close();
      phone = null;
    }
  }

  @AfterAll
  void stopServer() throws Exception {
    if (adb != null) {
      adb.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Path_.class)
  void aDropRightAfterTypingStillSendsTheReplyOnce(Path_ path) throws Exception {
    answerOnceDespite(path, "typing", phone -> phone.dropAfterNext("am broadcast -a ADB_INPUT_B64"));
  }

  @ParameterizedTest
  @EnumSource(Path_.class)
  void aDropRightAfterTheSendTapNeitherRepeatsNorDeadLettersTheReply(Path_ path) throws Exception {
    answerOnceDespite(path, "send-tap", phone -> phone.model().dropAfterNextSend());
  }

  @ParameterizedTest
  @EnumSource(Path_.class)
  void noIdleStateAfterTheSendTapNeitherRepeatsNorDeadLettersTheReply(Path_ path) throws Exception {
    answerOnceDespite(path, "not-idle", phone -> phone.notIdleAfterNextSend(3)); // every dump of the confirmation
  }

  private void answerOnceDespite(Path_ path, String name, Consumer<FakeAdbd> trouble) throws Exception {
    WeChatModel model = new WeChatModel().chat("张三").history("张三", "张三", "早", false);
    start(path, name, model);
    trouble.accept(phone);
    model.incoming("张三", "张三", "今天运势如何？");

    await(() -> assertEquals(1, view().sent(), "sent: " + model.sent() + ", view: " + view()));
    assertTrue(view().totalRestarts() >= 1, "the trouble failed a round: " + view());
    long dumps = model.dumps();
    await(() -> assertTrue(model.dumps() >= dumps + 6, "more rounds")); // and it stays at one
    assertEquals(List.of("今天运势如何？"), bridge.asked().stream().map(message -> message.text()).toList());
    assertEquals(List.of("张三:收到：今天运势如何？"), model.sent().stream().map(sent -> sent.chat() + ":" + sent.text()).toList());
    DeviceView view = view();
    assertTrue(view.deadLetters().isEmpty(), "nothing dead-lettered: " + view.deadLetters());
    assertEquals(0, view.queueLength());
    assertEquals(0.0, bridge.registry.get(BridgeMetricNames.DEAD_LETTERED).counter().count());
  }

  private void start(Path_ path, String name, WeChatModel model) throws Exception {
    java.nio.file.Path root = Files.createDirectories(dir.resolve(path + "-" + name));
    String overrides = "nexus.bridge.send.max-attempts = 1\n";
    if (path == Path_.DIRECT) {
      phone = FakeAdbd.start(model);
      bridge = new BridgeFixture(testKit, root, "[" + BridgeFixture.direct("phone-1", phone.port()) + "]", overrides);
      serial = "phone-1";
      return;
    }
    if (adb == null) {
      adb = AdbServer.start();
    }
    phone = FakeAdbd.startLegacy(model);
    String connected = adb.run("connect", phone.tcpSerial());
    assertTrue(connected.contains("connected to " + phone.tcpSerial()), connected);
    await(() -> assertTrue(listed().contains(new AdbServerClient.ListedDevice(phone.tcpSerial(), "device")), listed().toString()));
    serial = phone.tcpSerial();
    String device = "{ serial = \"" + serial + "\", adb-server { host = \"127.0.0.1\", port = " + adb.port() + " } }";
    bridge = new BridgeFixture(testKit, root, "[" + device + "]", overrides);
  }

  private DeviceView view() {
    try {
      return bridge.view(serial);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private List<AdbServerClient.ListedDevice> listed() {
    try {
      return AdbServerClient.devices("127.0.0.1", adb.port(), Duration.ofSeconds(2));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private void await(Runnable assertion) {
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(PATIENCE, () -> {
      assertion.run();
      return null;
    });
  }
}
