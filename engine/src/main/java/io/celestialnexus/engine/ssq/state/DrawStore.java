package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.engine.ssq.Draw;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The draw history as the edges (HTTP draw API, history import) use it: a narrow port, so that an edge never holds
 * the entity's reference. {@link HistoryDrawStore} asks the {@code draws} entity. Every stage completes within the
 * implementation's timeout, or fails with a {@link java.util.concurrent.TimeoutException} (the journal may be down).
 */
public interface DrawStore {

  /**
   * Records {@code draws} from {@code source}; a conflict with the journal is reported, never applied. With
   * {@code allOrNothing} one conflict means nothing is recorded.
   */
  CompletionStage<DrawHistory.Recorded> record(List<Draw> draws, String source, boolean allOrNothing);

  /** A page of the history, newest first. */
  CompletionStage<DrawHistory.DrawPage> page(int offset, int limit);

  /** The draw of {@code issue}, if recorded. */
  CompletionStage<DrawHistory.DrawLookup> draw(int issue);

  /** This store as the recorder of an import from {@code source}. */
  default HistoryImport.Recorder recorder(String source) {
    return (draws, allOrNothing) -> record(draws, source, allOrNothing);
  }
}
