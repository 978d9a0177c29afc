package io.celestialnexus.engine.divination;

/** One stem-branch pair (干支) of the sexagenary cycle, e.g. 甲辰. */
public record Pillar(Stem stem, Branch branch) {

  public Pillar {
    if (stem == null || branch == null || stem.ordinal() % 2 != branch.ordinal() % 2) {
      throw new IllegalArgumentException("no such stem-branch pair: " + stem + branch);
    }
  }

  /** Parses two characters such as {@code 甲辰}. */
  public static Pillar parse(String text) {
    if (text == null || text.length() != 2) {
      throw new IllegalArgumentException("a pillar is two characters, was '" + text + "'");
    }
    return new Pillar(Stem.of(text.substring(0, 1)), Branch.of(text.substring(1)));
  }

  /** Position in the sixty-pair cycle, 甲子 = 0 ... 癸亥 = 59. */
  public int cycleIndex() {
    return Math.floorMod(6 * stem.ordinal() - 5 * branch.ordinal(), 60);
  }

  public static Pillar ofCycleIndex(int index) {
    int i = Math.floorMod(index, 60);
    return new Pillar(Stem.values()[i % 10], Branch.values()[i % 12]);
  }

  @Override
  public String toString() {
    return stem.chinese() + branch.chinese();
  }
}
