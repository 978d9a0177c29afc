package io.celestialnexus.app.node;

/**
 * JVM settings the node needs before anything else runs, unless the operator chose otherwise.
 *
 * <p>The common ForkJoinPool: on a machine with two cores its parallelism is 1, and then every CompletableFuture
 * callback scheduled "async" without an executor gets a brand-new thread. Scala's future converters, which
 * Pekko's Java asks go through, schedule their callbacks that way, so each ask answer started (and ended) a
 * thread: measured with bench/run journal, that thread churn alone held the journal at half its throughput.
 */
public final class JvmDefaults {

  static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private JvmDefaults() {}

  /** Call first thing in main, before any CompletableFuture exists. */
  public static void apply() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      int cores = Runtime.getRuntime().availableProcessors();
      System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(Math.max(2, cores - 1)));
    }
  }
}
