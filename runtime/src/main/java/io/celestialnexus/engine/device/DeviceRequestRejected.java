package io.celestialnexus.engine.device;

/** A request about a phone that cannot be served, with the reason an edge turns into a status code. */
public final class DeviceRequestRejected extends RuntimeException {

  /** Why a request was rejected. */
  public enum Reason {
    /** No phone has that serial (404). */
    UNKNOWN_DEVICE,
    /** The phone is not connected, is backing off, or did not answer in time (503). */
    UNAVAILABLE,
    /** The request itself is wrong: empty chat or text, text too long (400). */
    INVALID,
    /** The phone's outgoing queue is full (503). */
    QUEUE_FULL,
    /** The phone keeps no dead letter with that key (404). */
    UNKNOWN_MESSAGE
  }

  private final Reason reason;

  public DeviceRequestRejected(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public static DeviceRequestRejected unknownDevice(String serial) {
    return new DeviceRequestRejected(Reason.UNKNOWN_DEVICE, "no phone with serial '" + serial + "'");
  }

  public Reason reason() {
    return reason;
  }
}
