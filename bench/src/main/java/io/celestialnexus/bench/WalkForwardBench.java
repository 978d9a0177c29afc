package io.celestialnexus.bench;

import com.sun.management.OperatingSystemMXBean;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawCsv;
import io.celestialnexus.engine.ssq.SsqSettings;
import io.celestialnexus.engine.ssq.evaluation.EvaluationReport;
import io.celestialnexus.engine.ssq.evaluation.Evaluator;
import io.celestialnexus.engine.ssq.evaluation.WalkForward;
import io.celestialnexus.engine.ssq.evaluation.WalkForwardTrace;
import io.celestialnexus.engine.ssq.strategy.Strategy;
import io.celestialnexus.engine.ssq.strategy.StrategyCatalog;
import io.celestialnexus.engine.ssq.tuning.WeightPolicy;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Walk-forward over the whole bundled history with every strategy, the fusion and the tuner, with the shipped
 * settings: what a fresh node does on first start and what {@code nexus evaluate} does with a file. The first
 * run is in a fresh JVM (JIT warm-up, and every draw's Chinese calendar computed by the lunar library); the
 * later runs find the calendar memoized, as repeated walk-forwards in one process do. Target: 2 s. Beside
 * each wall time, the process CPU time (JIT and GC threads included), since this machine's two cores are
 * shared and wall time there includes waiting for them.
 */
public final class WalkForwardBench {

  private static final int WARMUP = 2;
  private static final int MEASURED = 5;

  public static void main(String[] args) throws Exception {
    Path dir = Bench.scratch("walk-forward");
    SsqSettings settings = Bench.settings(dir, "").engine().ssq();
    List<Draw> history = DrawCsv.bundled();
    List<Strategy> strategies = StrategyCatalog.standard(settings.strategies());
    WeightPolicy policy = WeightPolicy.uniform(strategies.stream().map(Strategy::name).toList(), settings.tuner());

    long start = System.nanoTime();
    long cpuStart = cpuNanos();
    WalkForwardTrace trace = new WalkForward(strategies, policy).run(history);
    double first = seconds(start);
    double firstCpu = (cpuNanos() - cpuStart) / 1e9;
    for (int i = 0; i < WARMUP; i++) {
      new WalkForward(strategies, policy).run(history);
    }
    double[] runs = new double[MEASURED];
    double[] cpus = new double[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      start = System.nanoTime();
      cpuStart = cpuNanos();
      trace = new WalkForward(strategies, policy).run(history);
      runs[i] = seconds(start);
      cpus[i] = (cpuNanos() - cpuStart) / 1e9;
    }
    start = System.nanoTime();
    EvaluationReport report = Evaluator.evaluate(trace, 0, settings.confidence(), "ssq_history.csv");
    double evaluation = seconds(start);

    double median = Bench.percentile(runs, 50);
    Bench.note("walk-forward: %d draws, %d strategies + fusion + tuner; first run %.3f s (fresh JVM, %.3f s CPU), then median %.3f s"
            + " of %d (min %.3f, max %.3f; median CPU %.3f s)",
        history.size(), strategies.size(), first, firstCpu, median, MEASURED, Bench.percentile(runs, 0), Bench.percentile(runs, 100),
        Bench.percentile(cpus, 50));
    Bench.note("evaluation of the trace: %.3f s; verdict: %s", evaluation, report.verdict());
    Bench.result("walk-forward.first", first, "s");
    Bench.result("walk-forward.first.cpu", firstCpu, "s");
    Bench.result("walk-forward", median, "s");
    Bench.result("walk-forward.cpu", Bench.percentile(cpus, 50), "s");
    Bench.result("walk-forward.draws-per-second", history.size() / median, "draws/s");
    Bench.result("walk-forward.evaluate", evaluation, "s");
    System.exit(0);
  }

  /** CPU time of the whole process, every thread. */
  private static long cpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
