package io.celestialnexus.bridge.adb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.bridge.fake.FakeAdbd;
import io.celestialnexus.bridge.fake.WeChatModel;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our ADB interface over dadb, straight to the fake phone's adbd over TCP. */
class DadbDeviceTest {

  @TempDir Path keys;

  private FakeAdbd phone;
  private DadbConnector connector;
  private AdbDevice device;

  @BeforeEach
  void connect() throws IOException {
    phone = FakeAdbd.start(new WeChatModel().chat("张三"));
    connector = new DadbConnector(new AdbSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), keys.resolve("adbkey")));
    device = connector.connect(new AdbEndpoint.Direct("fake", "127.0.0.1", phone.port()));
  }

  @AfterEach
  void disconnect() {
    device.close();
    phone.close();
  }

  @Test
  void theKeyThatUnlocksThePhonesIsCreatedReadableByItsOwnerOnly() throws IOException {
    // created by connect() in a directory that did not exist
    Path fresh = keys.resolve("adbkey");
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(fresh)));

    Path dir = keys.resolve("new/adb");
    var other = new DadbConnector(new AdbSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), dir.resolve("adbkey")));
    other.connect(new AdbEndpoint.Direct("fake", "127.0.0.1", phone.port())).close();
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(dir.resolve("adbkey"))));
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(dir)));

    // a key left readable by others (an older version made it 0644) is narrowed on the next start
    java.nio.file.Files.setPosixFilePermissions(fresh, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    new DadbConnector(new AdbSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), fresh))
        .connect(new AdbEndpoint.Direct("fake", "127.0.0.1", phone.port())).close();
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(fresh)));
  }

  @Test
  void chineseSplitAcrossPacketsIsDecodedIntact() throws IOException {
    phone.splitOutput(2); // every character of 你好，世界 (3 bytes in UTF-8) straddles two packets
    ShellResult result = device.shell("echo 你好，世界");
    assertEquals("你好，世界\n", result.stdout());
    assertEquals(0, result.exitCode());
  }

  @Test
  void shellReportsStderrAndExitCode() throws IOException {
    ShellResult result = device.shell("no-such-tool --help");
    assertEquals(127, result.exitCode());
    assertTrue(result.stderr().contains("not found"), result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void execReturnsRawBinaryOutput() throws IOException {
    phone.splitOutput(1000);
    byte[] png = device.exec("screencap -p");
    assertEquals((byte) 0x89, png[0]);
    assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void pushedFileIsPulledBackByteForByte() throws IOException {
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    device.push(content, "/sdcard/nexus/blob.bin", 0644);
    assertArrayEquals(content, phone.files().get("/sdcard/nexus/blob.bin"));
    assertArrayEquals(content, device.pull("/sdcard/nexus/blob.bin"));
  }

  @Test
  void pullingAMissingFileFailsWithTheReason() {
    IOException failure = assertThrows(IOException.class, () -> device.pull("/sdcard/missing.txt"));
    assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
  }

  @Test
  void aPhoneThatIsGoneFailsToConnect() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    IOException failure =
        assertThrows(IOException.class, () -> connector.connect(new AdbEndpoint.Direct("gone", "127.0.0.1", closedPort)));
    assertTrue(failure.getMessage().contains("gone"), failure.getMessage());
  }

  @Test
  void aPhoneWithShellV2RunsCommandsInIt() {
    assertTrue(((DadbDevice) device).usesShellV2());
  }

  @Test
  void aLegacyShellReportsTheExitStatusThroughTheSentinel() throws IOException {
    try (FakeAdbd old = FakeAdbd.startLegacy(new WeChatModel().chat("张三"));
        AdbDevice legacy = connector.connect(new AdbEndpoint.Direct("old", "127.0.0.1", old.port()))) {
      assertFalse(((DadbDevice) legacy).usesShellV2());
      old.splitOutput(3); // the sentinel itself straddles packets
      ShellResult echoed = legacy.shell("echo 你好");
      assertEquals(new ShellResult("你好\n", "", 0), echoed);
      ShellResult missing = legacy.shell("no-such-tool --help");
      assertEquals(127, missing.exitCode(), "a failure is not taken for success: " + missing);
      assertTrue(missing.stdout().contains("not found"), "the legacy stream carries stderr too: " + missing);
      assertFalse(missing.stdout().contains("nexus-exit"), missing.stdout());
      byte[] png = legacy.exec("screencap -p");
      assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
      assertEquals(0x82, png[png.length - 1] & 0xff, "the PNG ends with its IEND CRC, the sentinel is stripped");
    }
  }

  @Test
  void aLegacyShellWhoseConnectionDropsFailsInsteadOfSucceedingEmpty() throws IOException {
    try (FakeAdbd old = FakeAdbd.startLegacy(new WeChatModel().chat("张三"));
        AdbDevice legacy = connector.connect(new AdbEndpoint.Direct("old", "127.0.0.1", old.port()))) {
      old.dropAfterNext("input keyevent");
      // directly, dadb sees the transport end (through an adb server only the sentinel tells: AdbServerBridgeTest)
      assertThrows(IOException.class, () -> legacy.shell("input keyevent KEYCODE_BACK"));
    }
  }

  @Test
  void execWhoseConnectionDropsFailsInsteadOfAnsweringPartOfTheOutput() {
    phone.dropAfterNext("uiautomator dump");
    assertThrows(IOException.class, () -> device.exec("uiautomator dump /dev/tty"));
  }

  @Test
  void aShellV2CommandWhoseConnectionDropsFails() {
    phone.dropAfterNext("input tap");
    assertThrows(IOException.class, () -> device.shell("input tap 1 1"));
  }

  @Test
  void aConnectionDroppedByThePhoneFailsTheOperation() {
    phone.goOffline();
    assertThrows(IOException.class, () -> device.shell("echo still there?"));
  }
}
