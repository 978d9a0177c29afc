package io.celestialnexus.engine.ssq.strategy;

import io.celestialnexus.engine.divination.LiuYao;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.Forecast;
import java.util.Locale;

/**
 * 六爻 cast with coins seeded by the issue number: the primary hexagram's two trigram numbers favour the reds
 * whose remainder by 8 (0 as 8) is one of them; the changed hexagram's upper trigram number favours the blues
 * the same way.
 */
public final class LiuYaoStrategy implements Strategy {

  public static final String NAME = "liu-yao";

  private final double tilt;

  public LiuYaoStrategy(double tilt) {
    Favoured.requireTilt(tilt);
    this.tilt = tilt;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return String.format(Locale.ROOT, "六爻 liu-yao: coins seeded by the issue; the hexagram's trigrams favour their numbers (x%s)", 1 + tilt);
  }

  public LiuYao.Reading reading(DrawContext target) {
    return LiuYao.cast(target.issue());
  }

  @Override
  public Forecast forecast(History history, DrawContext target) {
    LiuYao.Reading reading = reading(target);
    return Favoured.byTrigrams(reading.primary().upper().number(), reading.primary().lower().number(), reading.changed().upper().number(), tilt);
  }
}
