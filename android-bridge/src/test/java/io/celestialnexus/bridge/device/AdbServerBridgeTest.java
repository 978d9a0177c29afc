package io.celestialnexus.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.bridge.adb.AdbDevice;
import io.celestialnexus.bridge.adb.AdbEndpoint;
import io.celestialnexus.bridge.adb.AdbServerClient;
import io.celestialnexus.bridge.adb.ConnectionLostException;
import io.celestialnexus.bridge.adb.ShellResult;
import io.celestialnexus.bridge.adb.DadbConnector;
import io.celestialnexus.bridge.fake.FakeAdbd;
import io.celestialnexus.bridge.fake.WeChatModel;
import io.celestialnexus.bridge.testing.AdbServer;
import io.celestialnexus.engine.device.DeviceView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adb-server path with the real program: Debian's adb server connects to the fake phone ({@code adb connect}),
 * and the bridge reaches the phone through it with {@code host:transport:<serial>}, configured and discovered.
 */
// No TestKitJUnit5Extension: when adb is absent every test is skipped in @BeforeAll, and that extension then fails
// in afterAll for want of a kit it never saw; the kit is shut down by stopServer instead.
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdbServerBridgeTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ActorTestKit testKit = ActorTestKit.create();

  private AdbServer adb;
  private FakeAdbd phone;
  private WeChatModel model;
  private Path dir;

  @BeforeAll
  void connectThroughARealAdbServer() throws Exception {
    dir = Files.createTempDirectory("bridge-adb-server");
    adb = AdbServer.start();
    model = new WeChatModel().chat("张三").chat("李四");
    phone = FakeAdbd.start(model);
    connect(phone);
  }

  /** {@code adb connect}, then wait until the server lists the phone as a device. */
  private void connect(FakeAdbd target) throws Exception {
    String connected = adb.run("connect", target.tcpSerial());
    assertTrue(connected.contains("connected to " + target.tcpSerial()), connected);
    testKit.createTestProbe().awaitAssert(PATIENCE, () -> {
      assertTrue(listed().contains(new AdbServerClient.ListedDevice(target.tcpSerial(), "device")), listed().toString());
      return null;
    });
  }

  @AfterAll
  void stopServer() throws Exception {
    testKit.shutdownTestKit();
    if (phone != null) {
      phone.close();
    }
    if (adb != null) {
      adb.close();
    }
  }

  private List<AdbServerClient.ListedDevice> listed() {
    try {
      return AdbServerClient.devices("127.0.0.1", adb.port(), Duration.ofSeconds(2));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  // A phone of its own: the shared one may show a chat, not the list, when the bridge of another test was stopped
  // (its round interrupted) between opening a chat and going back; its dump then lacked the list's "李四" (seen once).
  @Test
  void shellAndExecGoThroughTheServersTransport() throws Exception {
    var settings = BridgeFixture.settings(Files.createDirectories(dir.resolve("shell")), "[]", "");
    try (FakeAdbd own = FakeAdbd.start(new WeChatModel().chat("张三").chat("李四"))) {
      connect(own);
      own.splitOutput(5);
      try (AdbDevice device = new DadbConnector(settings.adb()).connect(new AdbEndpoint.ViaServer(own.tcpSerial(), "127.0.0.1", adb.port()))) {
        assertEquals("经由 adb 服务器\n", device.shell("echo 经由 adb 服务器").stdout());
        byte[] dump = device.exec("uiautomator dump /dev/tty");
        assertTrue(new String(dump, java.nio.charset.StandardCharsets.UTF_8).contains("李四"));
      } finally {
        adb.run("disconnect", own.tcpSerial()); // or discovery, in a later test, would drive a closed phone
      }
    }
  }

  @Test
  void aPhoneWithoutShellV2ReportsExitStatusAndDropsThroughTheServer() throws Exception {
    var settings = BridgeFixture.settings(Files.createDirectories(dir.resolve("legacy")), "[]", "");
    try (FakeAdbd old = FakeAdbd.startLegacy(new WeChatModel().chat("张三"))) {
      connect(old);
      assertEquals(Set.of("cmd"), AdbServerClient.features("127.0.0.1", adb.port(), old.tcpSerial(), Duration.ofSeconds(2)));
      assertTrue(AdbServerClient.features("127.0.0.1", adb.port(), phone.tcpSerial(), Duration.ofSeconds(2)).contains("shell_v2"));
      var endpoint = new AdbEndpoint.ViaServer(old.tcpSerial(), "127.0.0.1", adb.port());
      try (AdbDevice device = new DadbConnector(settings.adb()).connect(endpoint)) {
        assertEquals(new ShellResult("经由旧的 shell\n", "", 0), device.shell("echo 经由旧的 shell"));
        ShellResult failed = device.shell("no-such-tool");
        assertEquals(127, failed.exitCode(), "a failed command is not taken for done: " + failed);
        // the server closes our stream as if the output had ended; only the missing exit status tells
        old.dropAfterNext("am broadcast");
        assertThrows(ConnectionLostException.class, () -> device.shell("am broadcast -a ADB_INPUT_B64 --es msg 5L2g5aW9"));
      }
      old.dropAfterNext("uiautomator dump");
      await(() -> assertTrue(listed().contains(new AdbServerClient.ListedDevice(old.tcpSerial(), "device")), listed().toString()));
      try (AdbDevice device = new DadbConnector(settings.adb()).connect(endpoint)) {
        assertThrows(ConnectionLostException.class, () -> device.exec("uiautomator dump /dev/tty"));
      }
    }
  }

  @Test
  void aConfiguredPhoneIsAnsweredThroughTheServer() throws Exception {
    String device = "{ serial = \"" + phone.tcpSerial() + "\", adb-server { host = \"127.0.0.1\", port = " + adb.port() + " } }";
    BridgeFixture bridge = new BridgeFixture(testKit, Files.createDirectories(dir.resolve("configured")), "[" + device + "]", "");
    model.incoming("张三", "张三", "通过服务器");
    await(() -> assertTrue(sent().contains("张三:收到：通过服务器"), sent().toString()));
    DeviceView view = bridge.view(phone.tcpSerial());
    assertEquals("adb-server 127.0.0.1:" + adb.port(), view.connection());
    testKit.stop(bridge.manager);
  }

  @Test
  void discoveryDrivesEveryPhoneTheServerLists() throws Exception {
    BridgeFixture bridge =
        new BridgeFixture(
            testKit,
            Files.createDirectories(dir.resolve("discovered")),
            "[]",
            "nexus.bridge { discovery { enabled = true, interval = 200ms }, adb-server.port = " + adb.port() + " }\n");
    model.incoming("李四", "李四", "被发现了吗");
    await(() -> assertTrue(sent().contains("李四:收到：被发现了吗"), sent().toString()));
    DeviceView view = bridge.view(phone.tcpSerial());
    assertEquals("discovered", view.origin());
    testKit.stop(bridge.manager);
  }

  private List<String> sent() {
    return model.sent().stream().map(sent -> sent.chat() + ":" + sent.text()).toList();
  }

  private void await(Runnable assertion) {
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(PATIENCE, () -> {
      assertion.run();
      return null;
    });
  }
}
