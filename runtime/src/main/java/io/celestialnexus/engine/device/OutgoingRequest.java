package io.celestialnexus.engine.device;

/**
 * A text to send through a phone to one chat.
 *
 * @param key the idempotency key; the same key sent twice is one message. Null lets the bridge choose one.
 */
public record OutgoingRequest(String chat, String text, String key) {}
