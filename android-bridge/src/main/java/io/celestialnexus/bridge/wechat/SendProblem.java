package io.celestialnexus.bridge.wechat;

/**
 * A send attempt that failed on the screen while the phone itself was fine: the chat is not in the list, a
 * different chat opened, the text could not be typed, the bubble did not appear. The attempt counts; the phone
 * is not restarted.
 */
public final class SendProblem extends Exception {

  public SendProblem(String message) {
    super(message);
  }
}
