package io.celestialnexus.persistence;

/**
 * The one marker for everything that is serialized: events, snapshots, and messages that may cross the network.
 * Bound to Pekko's {@code jackson-cbor} serializer in this module's reference.conf. An event class that changes
 * shape gets a {@code JacksonMigration} (configured under {@code pekko.serialization.jackson.migrations}) so an
 * old journal still replays.
 */
public interface CborSerializable {}
