package io.celestialnexus.bridge.wechat;

import io.celestialnexus.bridge.ui.UiDumpException;

/** What a {@link WeChatPhone} reports while it works: dump timings and retries, and that the phone answered. */
public interface PhoneObserver {

  /** A dump parsed in {@code nanos}. */
  void dumpParsed(long nanos);

  /** A dump was unusable and is tried again. */
  void dumpRetried(UiDumpException.Kind kind);

  /** The phone answered a screen read: it is alive (last seen, and a heartbeat for the task). */
  void answered();
}
