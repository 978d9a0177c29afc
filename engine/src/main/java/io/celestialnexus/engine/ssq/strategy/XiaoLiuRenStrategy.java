package io.celestialnexus.engine.ssq.strategy;

import io.celestialnexus.engine.divination.XiaoLiuRen;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.Forecast;
import java.util.List;
import java.util.Locale;

/** 小六壬 at the draw time: the palace's numbers (e.g. 速喜 3·6·9) favour every red and blue ending in one of them. */
public final class XiaoLiuRenStrategy implements Strategy {

  public static final String NAME = "xiao-liu-ren";

  private final double tilt;

  public XiaoLiuRenStrategy(double tilt) {
    Favoured.requireTilt(tilt);
    this.tilt = tilt;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return String.format(Locale.ROOT, "小六壬 xiao-liu-ren: the palace of the draw time favours its numbers (x%s)", 1 + tilt);
  }

  public XiaoLiuRen.Reading reading(DrawContext target) {
    return XiaoLiuRen.at(target.calendar());
  }

  @Override
  public Forecast forecast(History history, DrawContext target) {
    List<Integer> digits = reading(target).palace().numbers();
    return Favoured.forecast(n -> digits.contains(Favoured.digit(n)), n -> digits.contains(Favoured.digit(n)), tilt);
  }
}
