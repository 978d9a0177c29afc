package io.celestialnexus.engine.ssq.loop;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawContext;
import io.celestialnexus.engine.ssq.DrawSchedule;
import io.celestialnexus.engine.ssq.Forecast;
import io.celestialnexus.engine.ssq.History;
import io.celestialnexus.engine.ssq.state.IssueRecord;
import io.celestialnexus.engine.ssq.state.Prediction;
import java.util.List;
import java.util.Optional;

/**
 * Predicts the issue after the newest draw, before that draw is known, with the live weights, and records the
 * prediction: the review of that issue later uses exactly what was recorded here. An issue already predicted (or
 * finished) is left alone; the prediction log keeps the first prediction anyway.
 */
final class NextIssue {

  private final LoopStore store;
  private final IssueReviewer reviewer;

  NextIssue(LoopStore store, IssueReviewer reviewer) {
    this.store = store;
    this.reviewer = reviewer;
  }

  /** {@code history} holds {@code draws}. The stored prediction when one was made now; empty when there is no draw yet or the issue is known. */
  Optional<IssueRecord> predict(LoopMemory memory, List<Draw> draws, History history) throws InterruptedException {
    if (draws.isEmpty()) {
      return Optional.empty();
    }
    DrawContext target = DrawSchedule.after(draws.get(draws.size() - 1));
    if (memory.known(target.issue())) {
      return Optional.empty();
    }
    Forecast fused = IssueReviewer.fused(memory.weights(), reviewer.forecasts(history, target));
    IssueRecord stored = store.recordPrediction(Prediction.fromForecast(target.issue(), fused, 0, memory.version()));
    memory.predicted(stored.prediction(), memory.weights());
    return Optional.of(stored);
  }
}
