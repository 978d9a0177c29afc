package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.persistence.CborSerializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Weight versions, packed: the {@link StrategyWeights} snapshot and the base of its in-memory history. Every
 * version must be kept (any can be rolled back to), so the history grows by one version per tuning; 100,000
 * versions as objects would be tens of megabytes of field names to write and parse, and 100,000 maps to rebuild
 * on every start. Here the weights are one array of doubles (version-major, in {@code strategies} order, NaN
 * where a version had no such strategy), each version's change and time another array, and only the details
 * that differ from the plain "tuned" are listed. A version is read out when asked for, never all at start.
 * Immutable: the arrays are never written after construction.
 */
public record WeightsSnapshot(
    List<String> strategies,
    int count,
    byte[] weights,
    byte[] meta,
    int[] detailVersions,
    List<String> detailTexts,
    List<Decision> decisions)
    implements CborSerializable {

  static final String TUNED = "tuned";
  private static final int META_BYTES = 1 + Long.BYTES;
  private static final WeightsVersion.Change[] CHANGES = WeightsVersion.Change.values();

  static WeightsSnapshot empty() {
    return new WeightsSnapshot(List.of(), 0, new byte[0], new byte[0], new int[0], List.of(), List.of());
  }

  /** The weights of version {@code v} (0 <= v < count), read out of the packed arrays. */
  WeightsVersion version(int v) {
    ByteBuffer packed = ByteBuffer.wrap(weights);
    TreeMap<String, Double> map = new TreeMap<>();
    int offset = v * strategies.size() * Double.BYTES;
    for (int s = 0; s < strategies.size(); s++) {
      double weight = packed.getDouble(offset + s * Double.BYTES);
      if (!Double.isNaN(weight)) {
        map.put(strategies.get(s), weight);
      }
    }
    ByteBuffer info = ByteBuffer.wrap(meta);
    WeightsVersion.Change change = CHANGES[info.get(v * META_BYTES)];
    long nanos = info.getLong(v * META_BYTES + 1);
    Instant at = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    int detail = Arrays.binarySearch(detailVersions, v);
    return new WeightsVersion(v, Collections.unmodifiableMap(map), change, detail >= 0 ? detailTexts.get(detail) : TUNED, at);
  }

  /** These versions followed by {@code more} (numbered from {@code count} on), with {@code decisions}. */
  WeightsSnapshot plus(List<WeightsVersion> more, List<Decision> newDecisions) {
    TreeSet<String> names = new TreeSet<>(strategies);
    more.forEach(version -> names.addAll(version.weights().keySet()));
    if (!names.equals(new TreeSet<>(strategies))) {
      // a strategy appeared: lay every version out again over the new set of names (rare)
      List<WeightsVersion> all = new ArrayList<>(count + more.size());
      for (int v = 0; v < count; v++) {
        all.add(version(v));
      }
      all.addAll(more);
      return new WeightsSnapshot(List.copyOf(names), 0, new byte[0], new byte[0], new int[0], List.of(), List.of()).appended(all, newDecisions);
    }
    return appended(more, newDecisions);
  }

  private WeightsSnapshot appended(List<WeightsVersion> more, List<Decision> newDecisions) {
    int total = count + more.size();
    ByteBuffer packedWeights = ByteBuffer.wrap(Arrays.copyOf(weights, total * strategies.size() * Double.BYTES));
    ByteBuffer packedMeta = ByteBuffer.wrap(Arrays.copyOf(meta, total * META_BYTES));
    packedWeights.position(weights.length);
    packedMeta.position(meta.length);
    List<Integer> newDetailVersions = new ArrayList<>();
    List<String> newDetailTexts = new ArrayList<>(detailTexts);
    for (int v = 0; v < more.size(); v++) {
      WeightsVersion version = more.get(v);
      for (String strategy : strategies) {
        packedWeights.putDouble(version.weights().getOrDefault(strategy, Double.NaN));
      }
      packedMeta.put((byte) version.change().ordinal());
      packedMeta.putLong(version.at().getEpochSecond() * 1_000_000_000L + version.at().getNano());
      if (!TUNED.equals(version.detail())) {
        newDetailVersions.add(count + v);
        newDetailTexts.add(version.detail());
      }
    }
    int[] details = Arrays.copyOf(detailVersions, detailVersions.length + newDetailVersions.size());
    for (int i = 0; i < newDetailVersions.size(); i++) {
      details[detailVersions.length + i] = newDetailVersions.get(i);
    }
    return new WeightsSnapshot(
        strategies, total, packedWeights.array(), packedMeta.array(), details, List.copyOf(newDetailTexts), List.copyOf(newDecisions));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WeightsSnapshot that
        && count == that.count
        && strategies.equals(that.strategies)
        && Arrays.equals(weights, that.weights)
        && Arrays.equals(meta, that.meta)
        && Arrays.equals(detailVersions, that.detailVersions)
        && detailTexts.equals(that.detailTexts)
        && decisions.equals(that.decisions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, strategies, Arrays.hashCode(weights), Arrays.hashCode(meta), decisions);
  }

  @Override
  public String toString() {
    return "WeightsSnapshot[" + count + " versions over " + strategies + ", " + decisions.size() + " decisions]";
  }
}
