package io.celestialnexus.bridge.adb;

import dadb.AdbShellPacket;
import dadb.AdbShellStream;
import dadb.AdbStream;
import dadb.Dadb;
import dadb.SyncResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;

/**
 * {@link AdbDevice} over a dadb connection; the only class that touches dadb's (Kotlin and okio) types.
 *
 * <p>Which shell a command runs in depends on the phone's feature list: dadb reads it from the CNXN banner on a
 * direct connection, and from {@code host:features} after {@code host:transport:<serial>} through an adb server
 * (which answers the device's features there). With {@code shell_v2} the shell protocol carries the exit status;
 * without it (Android before 7, or an adbd that does not offer it), and always for {@code exec:}, an
 * {@link ExitSentinel} does, so neither a failed command nor a dropped connection passes for success.
 */
final class DadbDevice implements AdbDevice {

  private static final String SHELL_V2 = "shell_v2";

  private final Dadb dadb;
  private final AdbEndpoint endpoint;
  private boolean shellV2;

  DadbDevice(Dadb dadb, AdbEndpoint endpoint) {
    this.dadb = dadb;
    this.endpoint = endpoint;
  }

  /** Opens the connection now (dadb connects lazily), so that an unreachable phone fails at connect. */
  void handshake() throws IOException {
    shellV2 = guarded("connect", () -> dadb.supportsFeature(SHELL_V2));
  }

  @Override
  public ShellResult shell(String command) throws IOException {
    return guarded("shell " + command, () -> shellV2 ? shellV2(command) : shellV1(command));
  }

  private ShellResult shellV2(String command) throws IOException {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    try (AdbShellStream stream = dadb.openShell(command)) {
      while (true) {
        AdbShellPacket packet = stream.read();
        if (packet instanceof AdbShellPacket.Exit) {
          return new ShellResult(utf8(out), utf8(err), packet.getPayload()[0] & 0xff);
        }
        (packet instanceof AdbShellPacket.StdError ? err : out).write(packet.getPayload());
      }
    }
  }

  /** Phones without shell v2: one stream (stderr mixed in), the exit status from the sentinel. */
  private ShellResult shellV1(String command) throws IOException {
    ExitSentinel sentinel = ExitSentinel.next();
    ExitSentinel.Parsed parsed = sentinel.parse(readAll("shell:" + sentinel.wrap(command)), describe("shell " + command));
    return new ShellResult(new String(parsed.output(), StandardCharsets.UTF_8), "", parsed.exitCode());
  }

  /**
   * Raw stdout, cut short never: output without the sentinel fails with {@link ConnectionLostException}. The exit
   * status itself is not judged here: the callers check what they read (a dump that found no idle state prints
   * so and is retried; a screenshot must be a PNG).
   */
  @Override
  public byte[] exec(String command) throws IOException {
    ExitSentinel sentinel = ExitSentinel.next();
    return guarded("exec " + command, () -> sentinel.parse(readAll("exec:" + sentinel.wrap(command)), describe("exec " + command)).output());
  }

  /** Whether commands run in shell protocol v2 (else the legacy shell with an exit sentinel). */
  boolean usesShellV2() {
    return shellV2;
  }

  /** Everything a service writes until it closes its stream. */
  private byte[] readAll(String service) throws IOException {
    AdbStream stream = dadb.open(service);
    try {
      return stream.getSource().readByteArray();
    } finally {
      closeQuietly(stream);
    }
  }

  @Override
  public void push(byte[] content, String remotePath, int mode) throws IOException {
    SyncResult result =
        guarded("push " + remotePath, () -> dadb.push(new Buffer().write(content), remotePath, mode, System.currentTimeMillis()));
    if (result instanceof SyncResult.Failure failure) {
      throw new IOException(endpoint.serial() + ": push " + remotePath + " failed: " + failure.getReason());
    }
  }

  @Override
  public byte[] pull(String remotePath) throws IOException {
    Buffer sink = new Buffer();
    SyncResult result = guarded("pull " + remotePath, () -> dadb.pull(sink, remotePath));
    if (result instanceof SyncResult.Failure failure) {
      throw new IOException(endpoint.serial() + ": pull " + remotePath + " failed: " + failure.getReason());
    }
    return sink.readByteArray();
  }

  @Override
  public void close() {
    closeQuietly(dadb);
  }

  /** Closing a connection or stream that already broke is not news (and dadb declares close() throws Exception). */
  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // nothing to do: the connection is gone either way
    }
  }

  private interface Operation<T> {
    T run() throws IOException;
  }

  /** dadb reports protocol violations as unchecked exceptions; they mean the same as a broken connection here. */
  private <T> T guarded(String what, Operation<T> operation) throws IOException {
    try {
      return operation.run();
    } catch (ConnectionLostException e) {
      throw e; // names the phone and the command already
    } catch (IOException e) {
      throw new IOException(endpoint.serial() + " (" + endpoint.describe() + "): " + what + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IOException(endpoint.serial() + " (" + endpoint.describe() + "): " + what + ": protocol error: " + e, e);
    }
  }

  private String describe(String what) {
    return endpoint.serial() + " (" + endpoint.describe() + "): " + (what.length() <= 80 ? what : what.substring(0, 80) + "...");
  }

  private static String utf8(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
