package io.celestialnexus.engine.ssq.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.celestialnexus.engine.ssq.tuning.TunerParams;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Evidence keeps its tuner and the issue it was decided after as typed fields, also when read from older events. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceTest {

  private final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void aPromotionStoredBeforeTheFieldsWereTypedReadsBackWithThemFromItsDetails() throws Exception {
    var serialization = SerializationExtension.get(kit.system());
    var today = new StrategyWeights.CandidatePromoted(Map.of("frequency", 1.0), StateFixtures.evidence("x", "blend"), Instant.EPOCH);
    var serializer = serialization.findSerializerFor(today);

    // the evidence as older nodes wrote it: tuner and issue as text in details
    ObjectNode evidence =
        JsonNodeFactory.instance.objectNode().put("candidate", "sharper").put("meanGain", 0.05).put("lowerBound", 0.01).put("draws", 300)
            .put("method", "replace");
    evidence.putObject("candidateWeights").put("frequency", 0.8).put("uniform", 0.2);
    evidence.putObject("details").put("learning-rate", "0.5").put("window", "40").put("after-issue", "2025100").put("gate", "passed");
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.putObject("weights").put("frequency", 0.8).put("uniform", 0.2);
    event.set("evidence", evidence);
    event.put("at", "2025-09-01T00:00:00Z");
    byte[] legacy = new CBORMapper().writeValueAsBytes(event);

    var read =
        (StrategyWeights.CandidatePromoted)
            serialization.deserialize(legacy, serializer.identifier(), Serializers.manifestFor(serializer, today)).get();

    assertEquals(new TunerParams(0.5, 40), read.evidence().tuner());
    assertEquals(2025100, read.evidence().afterIssue());
    assertEquals("passed", read.evidence().details().get("gate"));
  }

  @Test
  void evidenceWithoutACandidateNamesNoTuner() {
    var none = new Evidence("none", Map.of(), 0, 0, 10, "blend", null, 2026001, Map.of());
    assertNull(none.tuner());
    assertEquals(2026001, none.afterIssue());
  }
}
