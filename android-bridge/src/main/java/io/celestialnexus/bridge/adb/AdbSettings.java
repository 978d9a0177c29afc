package io.celestialnexus.bridge.adb;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Connection limits and the key for direct connections.
 *
 * @param readTimeout a read from the phone that waits longer fails the operation
 * @param keyFile the RSA private key offered to a phone that asks for authentication (public key beside it, {@code .pub})
 */
public record AdbSettings(Duration connectTimeout, Duration readTimeout, Path keyFile) {}
