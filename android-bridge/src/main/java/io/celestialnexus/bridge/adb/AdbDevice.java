package io.celestialnexus.bridge.adb;

import java.io.IOException;

/**
 * One phone over ADB: the few operations the bridge needs, in our own types so the rest of the module never
 * sees the ADB library (dadb is Kotlin). Output arrives as raw bytes and is decoded once, after the last
 * packet, so a Chinese character split across two packets survives.
 *
 * <p>Not thread-safe: one operation at a time, which is also what a phone can take. Every failure to reach
 * the phone is an {@link IOException}.
 */
public interface AdbDevice extends AutoCloseable {

  /**
   * Runs {@code command} in a shell (shell protocol v2 where the phone has it, else the legacy shell with the exit
   * status read from a sentinel): stdout, stderr, exit code. A stream that ends before the exit status is a
   * {@link ConnectionLostException}, never an empty success.
   */
  ShellResult shell(String command) throws IOException;

  /**
   * Runs {@code command} through {@code exec:} and answers its raw stdout (binary safe: PNGs, XML dumps); output cut
   * short by a dropped connection fails with {@link ConnectionLostException}.
   */
  byte[] exec(String command) throws IOException;

  /** Writes {@code content} to {@code remotePath} on the phone with file mode {@code mode} (e.g. 0644). */
  void push(byte[] content, String remotePath, int mode) throws IOException;

  /** Reads the file at {@code remotePath} on the phone. */
  byte[] pull(String remotePath) throws IOException;

  /** Closes the connection; the next operation on a new device object connects afresh. */
  @Override
  void close();
}
