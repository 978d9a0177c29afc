package io.celestialnexus.engine.ssq.strategy;

import io.celestialnexus.engine.divination.MeiHua;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.Forecast;
import java.util.Locale;

/**
 * 梅花易数 by the time method at the draw time: the primary hexagram's two trigram numbers favour the reds whose
 * remainder by 8 (0 as 8) is one of them; the moving trigram, as it becomes, favours the blues the same way.
 */
public final class MeiHuaStrategy implements Strategy {

  public static final String NAME = "mei-hua";

  private final double tilt;

  public MeiHuaStrategy(double tilt) {
    Favoured.requireTilt(tilt);
    this.tilt = tilt;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return String.format(Locale.ROOT, "梅花易数 mei-hua: time-method hexagram of the draw time favours its trigram numbers (x%s)", 1 + tilt);
  }

  public MeiHua.Reading reading(DrawContext target) {
    return MeiHua.at(target.calendar());
  }

  @Override
  public Forecast forecast(History history, DrawContext target) {
    MeiHua.Reading reading = reading(target);
    return Favoured.byTrigrams(reading.primary().upper().number(), reading.primary().lower().number(), reading.changedUse().number(), tilt);
  }
}
