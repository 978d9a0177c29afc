package io.celestialnexus.engine.divination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiuYaoTest {

  @Test
  void theSameSeedCastsTheSameHexagramOnEveryRun() {
    assertEquals(LiuYao.cast(2026096), LiuYao.cast(2026096));
    // pinned: a change here would re-cast every issue's reading (java.util.Random's algorithm is specified)
    assertEquals("六爻：本卦 山泽损(41)，六爻安静，无动爻。", LiuYao.cast(2026096).description());
  }

  @Test
  void eachThrowIsSixToNineAndOnlySixesAndNinesMove() {
    Set<Integer> hexagrams = new HashSet<>();
    for (long seed = 0; seed < 500; seed++) {
      LiuYao.Reading reading = LiuYao.cast(seed);
      hexagrams.add(reading.primary().number());
      for (int line = 1; line <= 6; line++) {
        int sum = reading.throwsBottomUp().get(line - 1);
        assertTrue(sum >= 6 && sum <= 9);
        assertEquals(sum % 2 == 1, reading.primary().lines().get(line - 1), "7 and 9 are yang");
        assertEquals(sum == 6 || sum == 9, reading.movingLines().contains(line));
      }
      assertEquals(reading.primary().changing(reading.movingLines()), reading.changed());
    }
    assertEquals(64, hexagrams.size(), "500 casts reach every hexagram");
  }

  /** Consecutive seeds (issue after issue) must not cast alike: the odds hold over seeds 0, 1, 2, ... */
  @Test
  void throwsOverConsecutiveSeedsFollowTheThreeCoinOdds() {
    int[] counts = new int[10];
    int seeds = 4000;
    for (long seed = 0; seed < seeds; seed++) {
      for (int sum : LiuYao.cast(seed).throwsBottomUp()) {
        counts[sum]++;
      }
    }
    double throwsTotal = seeds * 6.0;
    assertEquals(1 / 8.0, counts[6] / throwsTotal, 0.01);
    assertEquals(3 / 8.0, counts[7] / throwsTotal, 0.01);
    assertEquals(3 / 8.0, counts[8] / throwsTotal, 0.01);
    assertEquals(1 / 8.0, counts[9] / throwsTotal, 0.01);
    assertNotEquals(LiuYao.cast(1), LiuYao.cast(2));
  }
}
