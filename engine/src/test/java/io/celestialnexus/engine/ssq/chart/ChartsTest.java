package io.celestialnexus.engine.ssq.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celestialnexus.engine.ssq.SsqTesting;
import io.celestialnexus.engine.ssq.evaluation.Evaluator;
import io.celestialnexus.engine.ssq.evaluation.WalkForwardTrace;
import io.celestialnexus.engine.testing.SyntheticDraws;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartsTest {

  private static final WalkForwardTrace TRACE = SsqTesting.walk(SyntheticDraws.fair(240, 5));
  private static final ChartData DATA = ChartData.of(TRACE);

  /** Decodes the PNG and checks it is a chart-sized picture with more than a couple of colours on it. */
  private static BufferedImage assertDrawnPng(byte[] png) throws IOException {
    assertEquals(0x89, png[0] & 0xff);
    assertEquals('P', png[1]);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(1000, image.getWidth());
    assertEquals(500, image.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int x = 0; x < image.getWidth(); x += 7) {
      for (int y = 0; y < image.getHeight(); y += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 8, "a drawn chart has lines in several colours, found " + colours.size());
    return image;
  }

  @Test
  void theThreeChartsAreDrawnAsPng() throws IOException {
    assertDrawnPng(WeightsChart.render(DATA));
    assertDrawnPng(RollingHitsChart.render(DATA, List.of(Evaluator.FUSION, "frequency"), 50));
    assertDrawnPng(LogLossChart.render(DATA, 50));
  }

  @Test
  void chartDataFollowsTheTraceDrawByDraw() {
    assertEquals(240, DATA.dates().size());
    assertEquals(TRACE.records().get(7).draw().date(), DATA.dates().get(7));
    assertEquals(TRACE.records().get(7).weights().weight("gap"), DATA.weights().get("gap")[7]);
    assertEquals(TRACE.records().get(9).fusion().redHits(), DATA.redHits().get(Evaluator.FUSION)[9]);
    assertEquals(SsqTesting.NAMES.size() + 1, DATA.logLoss().size());
    DATA.weights().get("gap")[7] = 99;
    assertEquals(TRACE.records().get(7).weights().weight("gap"), DATA.weights().get("gap")[7], "arrays are copies");
  }

  @Test
  void rollingMeansCoverFullWindowsOnly() {
    assertArrayEquals(new double[] {2, 3, 4}, ChartData.rollingMean(new double[] {1, 2, 3, 4, 5}, 3), 1e-12);
    assertEquals(0, ChartData.rollingMean(new double[] {1, 2}, 3).length);
  }

  @Test
  void tooFewDrawsForTheWindowIsAClearError() {
    var error = assertThrows(IllegalArgumentException.class, () -> LogLossChart.render(DATA, 500));
    assertTrue(error.getMessage().contains("at least 500 draws"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RollingHitsChart.render(DATA, List.of("nobody"), 10));
  }
}
