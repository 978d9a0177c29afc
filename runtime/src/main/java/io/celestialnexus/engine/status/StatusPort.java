package io.celestialnexus.engine.status;

import java.util.concurrent.CompletionStage;

/**
 * The node's status as the edges read it (HTTP {@code /status} and health, the chat's 状态): a narrow port, so that an
 * edge never holds the board's reference. {@link BoardStatusPort} asks the {@code status} board.
 *
 * <p>The stage completes within the implementation's timeout; a board that does not answer in time fails it with a
 * {@link java.util.concurrent.TimeoutException}.
 */
@FunctionalInterface
public interface StatusPort {

  /** The current status document. */
  CompletionStage<StatusSnapshot> snapshot();
}
