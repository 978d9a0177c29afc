package io.celestialnexus.engine.ssq.score;

/** The official SSQ prize tiers by red hits + blue hit, and NONE for a ticket that wins nothing. */
public enum PrizeTier {
  FIRST("一等奖", "6+1"),
  SECOND("二等奖", "6+0"),
  THIRD("三等奖", "5+1"),
  FOURTH("四等奖", "5+0 or 4+1"),
  FIFTH("五等奖", "4+0 or 3+1"),
  SIXTH("六等奖", "2+1, 1+1 or 0+1"),
  NONE("未中奖", "anything else");

  private final String chinese;
  private final String rule;

  PrizeTier(String chinese, String rule) {
    this.chinese = chinese;
    this.rule = rule;
  }

  public String chinese() {
    return chinese;
  }

  /** Red hits + blue hit that win it. */
  public String rule() {
    return rule;
  }

  public static PrizeTier of(int redHits, boolean blueHit) {
    if (redHits < 0 || redHits > 6) {
      throw new IllegalArgumentException("red hits " + redHits + " outside 0..6");
    }
    return switch (redHits) {
      case 6 -> blueHit ? FIRST : SECOND;
      case 5 -> blueHit ? THIRD : FOURTH;
      case 4 -> blueHit ? FOURTH : FIFTH;
      case 3 -> blueHit ? FIFTH : NONE;
      default -> blueHit ? SIXTH : NONE;
    };
  }
}
