package io.celestialnexus.engine.device;

/** The answer to a send: the message's idempotency key and where it stands now. */
public record OutgoingReceipt(String serial, String key, Status status, int queueLength) {

  /** Where an outgoing message stands. */
  public enum Status {
    /** Waiting for its turn (or for its next attempt). */
    QUEUED,
    /** The phone showed its bubble in the chat. */
    SENT,
    /** Given up after the last attempt; listed in the device's dead letters. */
    DEAD_LETTERED
  }
}
