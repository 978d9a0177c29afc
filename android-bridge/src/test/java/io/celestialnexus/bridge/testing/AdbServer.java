package io.celestialnexus.bridge.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real adb server (Debian's {@code adb}) on a free port of its own, with its keys in a temporary home, for tests
 * of the adb-server path. CI installs adb and sets NEXUS_REQUIRE_ADB=1, which makes a missing adb a failure;
 * elsewhere a machine without adb skips these tests. {@link #close()} kills the server it started.
 */
public final class AdbServer implements AutoCloseable {

  private static final Path ADB = Path.of("/usr/bin/adb");

  private final int port;
  private final Path home;

  private AdbServer(int port, Path home) {
    this.port = port;
    this.home = home;
  }

  /** Starts a server, or skips the test when adb is absent and not required. */
  public static AdbServer start() throws IOException, InterruptedException {
    boolean present = Files.isExecutable(ADB);
    if (!present && "1".equals(System.getenv("NEXUS_REQUIRE_ADB"))) {
      throw new AssertionError("adb is required (NEXUS_REQUIRE_ADB=1) but " + ADB + " is missing");
    }
    Assumptions.assumeTrue(present, "adb not installed (apt-get install adb)");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var server = new AdbServer(port, Files.createTempDirectory("adb-home"));
    server.run("start-server");
    return server;
  }

  public int port() {
    return port;
  }

  /** {@code adb -P <port> args...}: asserts exit 0, answers what it printed. */
  public String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ADB.toString(), "-P", Integer.toString(port)));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    // keys and state under a temporary home, never the user's ~/.android
    builder.environment().put("HOME", home.toString());
    builder.environment().put("ANDROID_SDK_HOME", home.toString());
    builder.environment().remove("ANDROID_ADB_SERVER_PORT");
    Process adb = builder.start();
    String output = new String(adb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!adb.waitFor(30, TimeUnit.SECONDS)) {
      adb.destroyForcibly();
      throw new AssertionError("adb " + String.join(" ", args) + " did not finish:\n" + output);
    }
    if (adb.exitValue() != 0) {
      throw new AssertionError("adb " + String.join(" ", args) + " exited " + adb.exitValue() + ":\n" + output);
    }
    return output;
  }

  @Override
  public void close() throws IOException {
    try {
      run("kill-server");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
