package io.celestialnexus.engine.ssq.strategy;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.Forecast;
import java.util.function.IntPredicate;

/**
 * How every traditional strategy turns a reading into numbers: the reading favours some numbers, each of them
 * weighs {@code 1 + tilt}, every other number 1. The number rules it uses are the traditional correspondences
 * named in docs/strategies.md.
 */
final class Favoured {

  private Favoured() {}

  static Forecast forecast(IntPredicate redFavoured, IntPredicate blueFavoured, double tilt) {
    double[] reds = new double[Draw.RED_MAX];
    for (int n = 1; n <= Draw.RED_MAX; n++) {
      reds[n - 1] = redFavoured.test(n) ? 1 + tilt : 1;
    }
    double[] blues = new double[Draw.BLUE_MAX];
    for (int n = 1; n <= Draw.BLUE_MAX; n++) {
      blues[n - 1] = blueFavoured.test(n) ? 1 + tilt : 1;
    }
    return Forecast.ofWeights(reds, blues);
  }

  /**
   * What both hexagram strategies (六爻, 梅花) favour: the reds whose trigram count is one of the hexagram's two
   * trigrams, and the blues whose trigram count is {@code blueTrigram}.
   */
  static Forecast byTrigrams(int upper, int lower, int blueTrigram, double tilt) {
    return forecast(n -> trigramCount(n) == upper || trigramCount(n) == lower, n -> trigramCount(n) == blueTrigram, tilt);
  }

  /** The last digit with 0 read as 10, as the palace and River Chart numbers count. */
  static int digit(int number) {
    int digit = number % 10;
    return digit == 0 ? 10 : digit;
  }

  /** The number's trigram count: its remainder by 8, 0 read as 8 (坤). */
  static int trigramCount(int number) {
    return Math.floorMod(number - 1, 8) + 1;
  }

  /** The number's 洛书 palace: its digital root 1..9. */
  static int palace(int number) {
    return Math.floorMod(number - 1, 9) + 1;
  }

  static void requireTilt(double tilt) {
    if (!(tilt >= 0) || Double.isInfinite(tilt)) {
      throw new IllegalArgumentException("tilt must be zero or more, was " + tilt);
    }
  }
}
