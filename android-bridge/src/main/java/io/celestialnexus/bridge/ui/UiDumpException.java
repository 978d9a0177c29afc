package io.celestialnexus.bridge.ui;

import java.io.IOException;

/** A dump that cannot be read: uiautomator found no idle moment, printed nothing, or printed no hierarchy. */
public final class UiDumpException extends IOException {

  /** Why a dump failed; all of them are worth another try. */
  public enum Kind {
    /** "could not get idle state": the screen kept changing (animation, video). */
    NOT_IDLE,
    /** Nothing, or only whitespace, came back. */
    EMPTY,
    /** Something came back, but not a window hierarchy. */
    MALFORMED
  }

  private final Kind kind;

  public UiDumpException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public UiDumpException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
