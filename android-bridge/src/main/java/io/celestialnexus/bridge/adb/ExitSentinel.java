package io.celestialnexus.bridge.adb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The exit status of a command run where ADB gives none: the legacy {@code shell:} service (phones without
 * {@code shell_v2}, reached directly or through an adb server) and {@code exec:}. Both only stream stdout until the
 * stream closes, so a command that failed looks like one that succeeded, and a connection that dropped looks like
 * the end of the output. The command is therefore followed by {@code ; echo <tag>$?}: the phone's {@code sh -c}
 * (which runs both services) prints the tag and the status last. Output that does not end with the tag ended early.
 *
 * <p>The tag carries a random nonce per command, so no output (a chat message in a dump, a previous command's
 * leftovers) can pass for it. A command that calls {@code exit} itself never reaches the echo; the bridge sends none.
 */
final class ExitSentinel {

  /** The output before the tag, and the status the tag reported. */
  record Parsed(byte[] output, int exitCode) {}

  private final String tag;

  private ExitSentinel(String tag) {
    this.tag = tag;
  }

  /** A sentinel with a fresh nonce, for one command. */
  static ExitSentinel next() {
    return new ExitSentinel(String.format("nexus-exit-%08x:", ThreadLocalRandom.current().nextInt()));
  }

  /** {@code command} followed by the echo of the tag and its exit status. */
  String wrap(String command) {
    return command + "; echo " + tag + "$?";
  }

  /**
   * Splits {@code raw} into the command's output and its exit status; fails when the tag and status are not at the
   * very end (a PTY's {@code \r\n} is accepted), which means the stream ended before the command did.
   */
  Parsed parse(byte[] raw, String what) throws ConnectionLostException {
    byte[] marker = tag.getBytes(StandardCharsets.US_ASCII);
    int at = lastIndexOf(raw, marker);
    if (at < 0) {
      throw new ConnectionLostException(what + ": the output ended without the exit status (" + raw.length + " bytes): the connection dropped");
    }
    String rest = new String(raw, at + marker.length, raw.length - at - marker.length, StandardCharsets.US_ASCII);
    String status = rest.endsWith("\r\n") ? rest.substring(0, rest.length() - 2) : rest.endsWith("\n") ? rest.substring(0, rest.length() - 1) : null;
    if (status == null || status.isEmpty() || status.length() > 3 || !status.chars().allMatch(Character::isDigit)) {
      throw new ConnectionLostException(what + ": the output ended inside the exit status: the connection dropped");
    }
    return new Parsed(Arrays.copyOf(raw, at), Integer.parseInt(status));
  }

  private static int lastIndexOf(byte[] bytes, byte[] run) {
    for (int i = bytes.length - run.length; i >= 0; i--) {
      if (Arrays.equals(bytes, i, i + run.length, run, 0, run.length)) {
        return i;
      }
    }
    return -1;
  }
}
