package io.celestialnexus.app.node;

import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.PredictionLog;
import io.celestialnexus.engine.ssq.state.StrategyWeights;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The node's event-sourced entities and the topic new draws are published on: what the wiring of the SSQ tasks
 * (and benchmarks) ask. To wake on a new draw: {@code drawsAdded.tell(Topic.subscribe(ref))} with an
 * {@code ActorRef<DrawHistory.DrawsAdded>}.
 */
public record StateRefs(
    ActorRef<DrawHistory.Command> draws,
    ActorRef<StrategyWeights.Command> weights,
    ActorRef<PredictionLog.Command> predictions,
    ActorRef<Topic.Command<DrawHistory.DrawsAdded>> drawsAdded) {}
