package io.celestialnexus.engine.ssq.state;

import static io.celestialnexus.engine.ssq.state.StateFixtures.SETTINGS;
import static io.celestialnexus.engine.ssq.state.StateFixtures.draws;
import static io.celestialnexus.engine.ssq.state.StateFixtures.evidence;
import static io.celestialnexus.engine.ssq.state.StateFixtures.prediction;
import static io.celestialnexus.engine.ssq.state.StateFixtures.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.persistence.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The entities on a real journal: what one actor system stores, a new one (a restarted node) recovers exactly,
 * snapshots included; and an event stored in its old format still replays. Run on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JournalRoundTripTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private TestDatabase db;
  private Path dir;

  abstract String kind();

  @BeforeAll
  void createDatabase() throws Exception {
    dir = Files.createTempDirectory("journal-" + kind());
    db = TestDatabase.of(kind(), dir).withSchema();
  }

  @AfterAll
  void dropDatabase() {
    db.close();
  }

  private ActorTestKit node() {
    return ActorTestKit.create("node", db.actorSystemConfig(""));
  }

  private static <C, R> R ask(ActorTestKit kit, ActorRef<C> entity, java.util.function.Function<ActorRef<R>, C> command) {
    TestProbe<R> probe = kit.createTestProbe();
    entity.tell(command.apply(probe.getRef()));
    return probe.receiveMessage(PATIENCE);
  }

  private static <C> ActorRef<C> spawn(ActorTestKit kit, Behavior<C> behavior) {
    return kit.spawn(behavior);
  }

  @Test
  void aNewActorSystemRecoversEveryEntityExactly() {
    String id = UUID.randomUUID().toString();
    ActorTestKit first = node();
    StrategyWeights.WeightsHistory weightsBefore;
    DrawHistory.AllDraws drawsBefore;
    PredictionLog.IssueRecords predictionsBefore;
    try {
      var weights = spawn(first, StrategyWeights.create(id, SETTINGS, Clock.systemUTC()));
      for (int i = 1; i <= 130; i++) {
        double frequency = i;
        StatusReply<WeightsVersion> tuned = ask(first, weights, r -> new StrategyWeights.TuneWeights(weights(frequency, 10), Map.of("round", frequency), r));
        assertTrue(tuned.isSuccess());
      }
      ask(first, weights, (ActorRef<StatusReply<WeightsVersion>> r) -> new StrategyWeights.PromoteCandidate(weights(0.9, 0.1), evidence("c1", "blend"), r));
      ask(first, weights, (ActorRef<StatusReply<Decision>> r) -> new StrategyWeights.RejectCandidate(evidence("c2", "replace"), "gate", r));
      ask(first, weights, (ActorRef<StatusReply<WeightsVersion>> r) -> new StrategyWeights.RollBack(7, "test", r));
      weightsBefore = ask(first, weights, r -> new StrategyWeights.GetHistory(0, 10_000, r));

      var draws = spawn(first, DrawHistory.create(id, SETTINGS, Clock.systemUTC(), first.spawn(DrawHistory.topic())));
      DrawHistory.Recorded recorded = ask(first, draws, r -> new DrawHistory.RecordDraws(draws(120), "import", true, r));
      assertEquals(120, recorded.added().size());
      drawsBefore = ask(first, draws, DrawHistory.GetAll::new);

      var predictions = spawn(first, PredictionLog.create(id, SETTINGS, Clock.systemUTC()));
      for (int issue = 2026001; issue <= 2026003; issue++) {
        int i = issue;
        ask(first, predictions, (ActorRef<StatusReply<IssueRecord>> r) -> new PredictionLog.RecordPrediction(prediction(i, 132), r));
      }
      ask(first, predictions, (ActorRef<StatusReply<IssueRecord>> r) -> new PredictionLog.RecordReview(new Review(2026001, 2, true, 6, 3.4), r));
      ask(first, predictions, (ActorRef<StatusReply<IssueRecord>> r) -> new PredictionLog.SkipIssue(2026003, "draw never published", r));
      predictionsBefore = ask(first, predictions, r -> new PredictionLog.GetIssues(0, 100, r));
    } finally {
      first.shutdownTestKit();
    }

    ActorTestKit second = node();
    try {
      var weights = spawn(second, StrategyWeights.create(id, SETTINGS, Clock.systemUTC()));
      StrategyWeights.WeightsHistory weightsAfter = ask(second, weights, r -> new StrategyWeights.GetHistory(0, 10_000, r));
      assertEquals(weightsBefore, weightsAfter);
      assertEquals(132, weightsAfter.latest());
      StrategyWeights.Decisions decisions = ask(second, weights, r -> new StrategyWeights.GetDecisions(10, r));
      assertEquals(2, decisions.total());

      var draws = spawn(second, DrawHistory.create(id, SETTINGS, Clock.systemUTC(), second.spawn(DrawHistory.topic())));
      assertEquals(drawsBefore, ask(second, draws, DrawHistory.GetAll::new));

      var predictions = spawn(second, PredictionLog.create(id, SETTINGS, Clock.systemUTC()));
      PredictionLog.IssueRecords predictionsAfter = ask(second, predictions, r -> new PredictionLog.GetIssues(0, 100, r));
      assertEquals(predictionsBefore, predictionsAfter);
    } finally {
      second.shutdownTestKit();
    }
  }

  @Test
  void aDrawRecordedInTheVersionOneFormatStillReplays() throws Exception {
    String id = "legacy-" + UUID.randomUUID();
    ActorTestKit kit = node();
    try {
      // what the serializer writes today: CBOR, manifest "<class>#2"
      var current = new DrawHistory.DrawRecorded(new Draw(2003001, LocalDate.of(2003, 2, 23), List.of(10, 11, 12, 13, 26, 28), 11), "bundled");
      var serialization = SerializationExtension.get(kit.system());
      Serializer serializer = serialization.findSerializerFor(current);
      assertEquals(DrawHistory.DrawRecorded.class.getName() + "#2", Serializers.manifestFor(serializer, current));

      // a version-1 event, as an older node stored it: no "source" and no version in the manifest
      ObjectNode draw = JsonNodeFactory.instance.objectNode().put("issue", 2003001).put("date", "2003-02-23").put("blue", 11);
      draw.putArray("reds").add(10).add(11).add(12).add(13).add(26).add(28);
      ObjectNode event = JsonNodeFactory.instance.objectNode();
      event.set("draw", draw);
      byte[] payload = new CBORMapper().writeValueAsBytes(event);
      try (Connection connection = db.connect();
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO event_journal (persistence_id, sequence_number, deleted, writer, write_timestamp, adapter_manifest,"
                      + " event_ser_id, event_ser_manifest, event_payload) VALUES (?, 1, false, 'v1', ?, '', ?, ?, ?)")) {
        insert.setString(1, DrawHistory.ENTITY_TYPE + "|" + id);
        insert.setLong(2, System.currentTimeMillis());
        insert.setInt(3, serializer.identifier());
        insert.setString(4, DrawHistory.DrawRecorded.class.getName());
        insert.setBytes(5, payload);
        insert.executeUpdate();
      }

      var history = spawn(kit, DrawHistory.create(id, SETTINGS, Clock.systemUTC(), kit.spawn(DrawHistory.topic())));
      DrawHistory.DrawLookup replayed = ask(kit, history, r -> new DrawHistory.GetDraw(2003001, r));
      RecordedDraw recorded = replayed.draw().orElseThrow();
      assertEquals(current.draw(), recorded.draw());
      assertEquals("unknown", recorded.source());

      // and the entity carries on writing the current version after it
      DrawHistory.Recorded next = ask(kit, history, r -> new DrawHistory.RecordDraws(draws(1), "api", true, r));
      assertEquals(1, next.added().size());
    } finally {
      kit.shutdownTestKit();
    }
  }
}
