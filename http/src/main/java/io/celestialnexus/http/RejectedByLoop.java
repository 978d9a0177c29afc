package io.celestialnexus.http;

/**
 * The prediction loop refused a request as bad (its {@code IllegalArgumentException}), re-raised under this
 * type by the SSQ routes. Only this type becomes a 400 carrying the message: an IllegalArgumentException from
 * anywhere else is a bug, and stays a 500 that names no internals.
 */
final class RejectedByLoop extends RuntimeException {

  RejectedByLoop(IllegalArgumentException refusal) {
    super(refusal.getMessage(), refusal);
  }
}
