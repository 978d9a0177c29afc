package io.celestialnexus.bridge.adb;

/** What a shell command printed (decoded as UTF-8 once) and how it exited. */
public record ShellResult(String stdout, String stderr, int exitCode) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** stdout and stderr together, for error messages. */
  public String output() {
    return stderr.isEmpty() ? stdout : stdout + stderr;
  }
}
