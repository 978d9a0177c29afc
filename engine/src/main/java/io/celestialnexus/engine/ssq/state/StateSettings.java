package io.celestialnexus.engine.ssq.state;

import com.typesafe.config.Config;
import io.celestialnexus.engine.support.SettingsReader;
import java.time.Duration;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/**
 * How the event-sourced entities ride out a journal failure, read once from {@code nexus.engine.state}: a
 * failed write or replay stops the entity, which is restarted (and replays) after a growing, jittered delay.
 */
public record StateSettings(
    Duration minBackoff, Duration maxBackoff, double randomFactor, boolean importBundledHistory, Duration askTimeout) {

  /** Journal backoff only (tests, tools): the bundled history is not imported. */
  public StateSettings(Duration minBackoff, Duration maxBackoff, double randomFactor) {
    this(minBackoff, maxBackoff, randomFactor, false, maxBackoff.plus(maxBackoff));
  }

  public static StateSettings fromConfig(Config root) {
    var state = new SettingsReader(root, "nexus.engine.state");
    var backoff = state.at("journal-backoff");
    Duration min = backoff.positiveDuration("min-backoff");
    Duration max = backoff.positiveDuration("max-backoff");
    if (max.compareTo(min) < 0) {
      throw backoff.invalid("max-backoff", "must not be shorter than min-backoff (" + min + ")");
    }
    double random = backoff.number("random-factor");
    if (random < 0 || random > 1) {
      throw backoff.invalid("random-factor", "must be within 0..1, was " + random);
    }
    return new StateSettings(min, max, random, state.flag("import-bundled-history"), state.positiveDuration("ask-timeout"));
  }

  /** The strategy every entity passes to its super constructor for journal failures. */
  public BackoffSupervisorStrategy journalBackoff() {
    return SupervisorStrategy.restartWithBackoff(minBackoff, maxBackoff, randomFactor);
  }
}
