package io.celestialnexus.engine.support;

import java.util.Random;

/**
 * Reproducible randomness from small, consecutive seeds such as issue numbers. {@link java.util.Random}'s
 * algorithm is fixed by the JDK specification, so the same seed gives the same numbers on every JVM, but its
 * first outputs for neighbouring seeds are correlated (seeds 2026095 and 2026096 start alike). So the seed is
 * first scrambled with the 64-bit finalizer of MurmurHash3, which spreads every input bit over the output.
 */
public final class Seeds {

  private Seeds() {}

  /** A {@code Random} for {@code seed}, decorrelated from its neighbours. */
  public static Random random(long seed) {
    return new Random(mix(seed));
  }

  /** MurmurHash3's fmix64. */
  public static long mix(long seed) {
    long z = seed;
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
