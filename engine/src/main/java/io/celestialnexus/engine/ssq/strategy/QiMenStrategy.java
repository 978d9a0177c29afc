package io.celestialnexus.engine.ssq.strategy;

import io.celestialnexus.engine.divination.QiMen;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.Forecast;
import java.util.List;
import java.util.Locale;

/**
 * 奇门遁甲 at the draw time: the 局 number favours the reds and blues in its 洛书 palace (digital root equal to
 * it), and the hour stem's phase favours the reds ending in its River Chart numbers (e.g. 金 4·9).
 */
public final class QiMenStrategy implements Strategy {

  public static final String NAME = "qi-men";

  private final double tilt;

  public QiMenStrategy(double tilt) {
    Favoured.requireTilt(tilt);
    this.tilt = tilt;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return String.format(Locale.ROOT, "奇门遁甲 qi-men: the 局 of the solar term and day favours its palace, the hour stem its phase (x%s)", 1 + tilt);
  }

  public QiMen.Reading reading(DrawContext target) {
    return QiMen.at(target.calendar());
  }

  @Override
  public Forecast forecast(History history, DrawContext target) {
    QiMen.Reading reading = reading(target);
    int ju = reading.ju();
    List<Integer> phase = reading.hour().stem().element().heTu();
    return Favoured.forecast(
        n -> Favoured.palace(n) == ju || phase.contains(Favoured.digit(n)), n -> Favoured.palace(n) == ju, tilt);
  }
}
