package io.celestialnexus.engine.divination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HexagramTest {

  @Test
  void everyPairOfTrigramsIsADifferentKingWenHexagram() {
    Set<Integer> numbers = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Trigram upper : Trigram.values()) {
      for (Trigram lower : Trigram.values()) {
        Hexagram hexagram = Hexagram.of(upper, lower);
        assertEquals(upper, hexagram.upper());
        assertEquals(lower, hexagram.lower());
        numbers.add(hexagram.number());
        names.add(hexagram.name());
      }
    }
    assertEquals(64, numbers.size());
    assertEquals(64, names.size());
    assertTrue(numbers.stream().allMatch(n -> n >= 1 && n <= 64));
  }

  @Test
  void wellKnownHexagramsHaveTheirNumbersAndNames() {
    assertEquals("乾为天(1)", Hexagram.of(Trigram.QIAN, Trigram.QIAN).toString());
    assertEquals("坤为地(2)", Hexagram.of(Trigram.KUN, Trigram.KUN).toString());
    assertEquals("地天泰(11)", Hexagram.of(Trigram.KUN, Trigram.QIAN).toString());
    assertEquals("天地否(12)", Hexagram.of(Trigram.QIAN, Trigram.KUN).toString());
    assertEquals("水火既济(63)", Hexagram.of(Trigram.KAN, Trigram.LI).toString());
    assertEquals("火水未济(64)", Hexagram.of(Trigram.LI, Trigram.KAN).toString());
  }

  @Test
  void linesAreBottomUpAndChangingFlipsThem() {
    Hexagram tai = new Hexagram(List.of(true, true, true, false, false, false));
    assertEquals(11, tai.number());
    assertEquals("天地否", tai.changing(Set.of(1, 2, 3, 4, 5, 6)).fullName());
    assertEquals(tai, tai.changing(Set.of()));
    assertNotEquals(tai, tai.changing(Set.of(6)));
  }

  @Test
  void trigramCountsWrapAtEightWithZeroAsKun() {
    assertEquals(Trigram.QIAN, Trigram.ofCount(1));
    assertEquals(Trigram.KUN, Trigram.ofCount(8));
    assertEquals(Trigram.KUN, Trigram.ofCount(16));
    assertEquals(Trigram.DUI, Trigram.ofCount(26));
  }
}
