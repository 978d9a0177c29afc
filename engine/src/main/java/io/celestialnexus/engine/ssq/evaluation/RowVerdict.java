package io.celestialnexus.engine.ssq.evaluation;

/** What the corrected intervals of one strategy (or the fusion) say. */
public enum RowVerdict {
  /** Some interval excludes the random baseline on the better side. */
  SKILL("evidence of skill"),
  /** Every interval includes the random baseline. */
  NO_EVIDENCE("no evidence of skill"),
  /** Some interval excludes the baseline on the worse side, none on the better. */
  WORSE("worse than random");

  private final String text;

  RowVerdict(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
