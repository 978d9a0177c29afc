package io.celestialnexus.engine.ssq.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.divination.XiaoLiuRen;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.History;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrategiesTest {

  private static final StrategySettings SETTINGS = new StrategySettings(100, 1.0, 0.5, 3.0, 300, 1.0, 0.5);
  private static final List<Draw> BUNDLED = DrawCsv.bundled();

  private static Draw draw(int issue, LocalDate date, int blue, Integer... reds) {
    return new Draw(issue, date, List.of(reds), blue);
  }

  private static void assertDistribution(Forecast forecast, String who) {
    assertEquals(1.0, Arrays.stream(forecast.reds()).sum(), 1e-9, who);
    assertEquals(1.0, Arrays.stream(forecast.blues()).sum(), 1e-9, who);
    assertTrue(Arrays.stream(forecast.reds()).allMatch(p -> p > 0), who);
    assertTrue(Arrays.stream(forecast.blues()).allMatch(p -> p > 0), who);
  }

  @Test
  void everyStrategyGivesTheSameForecastForTheSameInputAndAProperDistribution() {
    History history = History.of(BUNDLED);
    for (int target : List.of(0, 1, 2, 150, 1700, BUNDLED.size() - 1)) {
      DrawContext context = DrawContext.of(BUNDLED.get(target));
      List<Strategy> first = StrategyCatalog.standard(SETTINGS);
      List<Strategy> second = StrategyCatalog.standard(SETTINGS); // fresh instances: nothing carried between calls
      for (int s = 0; s < first.size(); s++) {
        Forecast forecast = first.get(s).forecast(history.before(target), context);
        assertEquals(forecast, first.get(s).forecast(history.before(target), context), first.get(s).name());
        assertEquals(forecast, second.get(s).forecast(History.of(BUNDLED.subList(0, target)), DrawContext.of(BUNDLED.get(target))));
        assertDistribution(forecast, first.get(s).name() + " for draw " + target);
      }
    }
  }

  @Test
  void theCatalogHasEveryStrategyOnceInAFixedOrder() {
    List<String> names = StrategyCatalog.standard(SETTINGS).stream().map(Strategy::name).toList();
    assertEquals(List.of("uniform", "frequency", "gap", "markov", "xiao-liu-ren", "liu-yao", "mei-hua", "qi-men"), names);
  }

  @Test
  void uniformIsExactlyTheFairLottery() {
    Forecast forecast = new UniformStrategy().forecast(History.of(BUNDLED), DrawContext.of(BUNDLED.get(0)));
    assertEquals(Forecast.uniform(), forecast);
    assertEquals(1 / 33.0, forecast.red(17), 1e-15);
  }

  @Test
  void frequencyCountsOnlyTheWindowPlusThePseudoCount() {
    LocalDate day = LocalDate.of(2026, 1, 1);
    History history =
        History.of(List.of(draw(2026001, day, 16, 27, 28, 29, 30, 31, 32), draw(2026002, day, 3, 1, 2, 3, 4, 5, 6), draw(2026003, day, 3, 1, 2, 3, 4, 5, 7)));
    Forecast forecast = new FrequencyStrategy(2, 1.0).forecast(history, DrawContext.of(2026004, day));
    double total = 12 + 33; // two draws of six reds in the window, plus one per number
    assertEquals(3 / total, forecast.red(1), 1e-12);
    assertEquals(2 / total, forecast.red(7), 1e-12);
    assertEquals(1 / total, forecast.red(30), 1e-12, "the oldest draw is outside the window");
    assertEquals(3 / 18.0, forecast.blue(3), 1e-12);
  }

  @Test
  void gapFavoursTheNumbersAbsentLongest() {
    LocalDate day = LocalDate.of(2026, 1, 1);
    List<Draw> draws = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      draws.add(draw(2026001 + i, day, 1 + i % 2, 1, 2, 3, 4, 5, 6 + i % 3)); // 9..33 never seen; 7 last came two draws ago
    }
    Forecast forecast = new GapStrategy(0.5, 3.0).forecast(History.of(draws), DrawContext.of(2026011, day));
    assertTrue(forecast.red(20) > forecast.red(7), "never seen in 10 draws beats seen two draws ago");
    assertTrue(forecast.red(7) > forecast.red(1), "seen two draws ago beats seen in the last draw");
    assertTrue(forecast.blue(16) > forecast.blue(1));
    assertEquals(forecast.red(20), forecast.red(33), 1e-15, "equal gaps, equal weights");
  }

  @Test
  void markovFollowsWhatCameAfterThePreviousDrawsNumbers() {
    LocalDate day = LocalDate.of(2026, 1, 1);
    List<Draw> draws = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // draws alternate: after {1..6} comes {20..25}, after {20..25} comes {1..6}
      draws.add(i % 2 == 0 ? draw(2026001 + i, day, 2, 1, 2, 3, 4, 5, 6) : draw(2026001 + i, day, 9, 20, 21, 22, 23, 24, 25));
    }
    Forecast forecast = new MarkovStrategy(300, 1.0).forecast(History.of(draws), DrawContext.of(2026021, day));
    // the last draw was {20..25} (i = 19), so {1..6} should follow
    assertTrue(forecast.red(1) > 5 * forecast.red(20), forecast.toString());
    assertTrue(forecast.red(1) > 5 * forecast.red(30));
    assertTrue(forecast.blue(2) > 5 * forecast.blue(9), "blue 2 always followed blue 9");
    assertEquals(Forecast.uniform(), new MarkovStrategy(300, 1.0).forecast(History.empty(), DrawContext.of(2026001, day)));
  }

  @Test
  void xiaoLiuRenFavoursTheNumbersEndingInThePalaceDigits() {
    DrawContext springFestival = DrawContext.of(2024015, LocalDate.of(2024, 2, 10));
    XiaoLiuRenStrategy strategy = new XiaoLiuRenStrategy(0.5);
    assertEquals(XiaoLiuRen.Palace.KONG_WANG, strategy.reading(springFestival).palace()); // 3, 6, 9
    Forecast forecast = strategy.forecast(History.empty(), springFestival);
    Set<Integer> favoured = new HashSet<>(List.of(3, 6, 9, 13, 16, 19, 23, 26, 29, 33));
    for (int n = 1; n <= 33; n++) {
      assertEquals(favoured.contains(n) ? 1.5 / 38 : 1 / 38.0, forecast.red(n), 1e-12, "red " + n);
    }
  }

  @Test
  void traditionalStrategiesDependOnTheDrawNotOnTheHistoryAndDifferBetweenDraws() {
    List<List<Strategy>> tiltedAndFlat =
        List.of(
            List.of(new XiaoLiuRenStrategy(0.5), new XiaoLiuRenStrategy(0)),
            List.of(new LiuYaoStrategy(0.5), new LiuYaoStrategy(0)),
            List.of(new MeiHuaStrategy(0.5), new MeiHuaStrategy(0)),
            List.of(new QiMenStrategy(0.5), new QiMenStrategy(0)));
    DrawContext context = DrawContext.of(BUNDLED.get(3000));
    for (List<Strategy> pair : tiltedAndFlat) {
      Strategy strategy = pair.get(0);
      assertEquals(strategy.forecast(History.empty(), context), strategy.forecast(History.of(BUNDLED.subList(0, 3000)), context));
      Set<Forecast> distinct = new HashSet<>();
      for (Draw draw : BUNDLED.subList(0, 40)) {
        distinct.add(strategy.forecast(History.empty(), DrawContext.of(draw)));
      }
      assertTrue(distinct.size() > 1, strategy.name() + " must change with the draw it reads");
      assertEquals(Forecast.uniform(), pair.get(1).forecast(History.empty(), context), "no tilt, no preference");
    }
  }

  @Test
  void liuYaoCastsByTheIssueSoTheSameIssueOnAnotherDateReadsTheSame() {
    LiuYaoStrategy strategy = new LiuYaoStrategy(0.5);
    assertEquals(
        strategy.forecast(History.empty(), DrawContext.of(2024015, LocalDate.of(2024, 2, 10))),
        strategy.forecast(History.empty(), DrawContext.of(2024015, LocalDate.of(2024, 2, 11))));
    assertNotEquals(
        strategy.reading(DrawContext.of(2024015, LocalDate.of(2024, 2, 10))),
        strategy.reading(DrawContext.of(2024016, LocalDate.of(2024, 2, 10))));
  }
}
