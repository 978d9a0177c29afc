package io.celestialnexus.engine.ssq.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.celestialnexus.engine.status.StatusJson;
import java.io.UncheckedIOException;

/** The report as indented JSON, with the node's one JSON mapping. */
public final class EvaluationJson {

  private EvaluationJson() {}

  public static String render(EvaluationReport report) {
    try {
      return StatusJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
