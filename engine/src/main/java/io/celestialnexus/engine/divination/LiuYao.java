package io.celestialnexus.engine.divination;

import io.celestialnexus.engine.support.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * 六爻 by the three-coin method: six throws, bottom line first; each coin counts 3 for heads and 2 for tails,
 * so a throw sums to 6 (old yin, moving), 7 (young yang), 8 (young yin) or 9 (old yang, moving). The coins come
 * from {@link Seeds#random}: the same seed casts the same hexagram on every JVM, and neighbouring seeds (one
 * issue and the next) cast unrelated ones.
 */
public final class LiuYao {

  /** A cast: the six throws (6..9, bottom first), the primary hexagram (本卦) and the changed one (之卦). */
  public record Reading(long seed, List<Integer> throwsBottomUp, Hexagram primary, Hexagram changed, Set<Integer> movingLines) {

    public Reading {
      throwsBottomUp = List.copyOf(throwsBottomUp);
      movingLines = Set.copyOf(new TreeSet<>(movingLines));
    }

    /** E.g. {@code 六爻：本卦 山火贲(22)，动爻 初、五，之卦 风山渐(53)。} */
    public String description() {
      if (movingLines.isEmpty()) {
        return "六爻：本卦 " + primary + "，六爻安静，无动爻。";
      }
      List<String> moving = new ArrayList<>();
      for (int line : new TreeSet<>(movingLines)) {
        moving.add(LINE_NAMES.get(line - 1));
      }
      return "六爻：本卦 " + primary + "，动爻 " + String.join("、", moving) + "，之卦 " + changed + "。";
    }
  }

  private static final List<String> LINE_NAMES = List.of("初", "二", "三", "四", "五", "上");

  private LiuYao() {}

  public static Reading cast(long seed) {
    Random coins = Seeds.random(seed);
    List<Integer> throwsBottomUp = new ArrayList<>();
    List<Boolean> lines = new ArrayList<>();
    Set<Integer> moving = new TreeSet<>();
    for (int line = 1; line <= 6; line++) {
      int sum = 0;
      for (int coin = 0; coin < 3; coin++) {
        sum += coins.nextBoolean() ? 3 : 2;
      }
      throwsBottomUp.add(sum);
      lines.add(sum % 2 == 1); // 7 and 9 are yang
      if (sum == 6 || sum == 9) {
        moving.add(line);
      }
    }
    Hexagram primary = new Hexagram(lines);
    return new Reading(seed, throwsBottomUp, primary, primary.changing(moving), moving);
  }
}
