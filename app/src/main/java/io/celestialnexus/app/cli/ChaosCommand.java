package io.celestialnexus.app.cli;

import io.celestialnexus.engine.status.StatusJson;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Injects a chaos assault into a task of the running service (which must have nexus.chaos.enabled = on). */
@Command(
    name = "chaos",
    description = "Inject a chaos assault into a running task: exception, hang or latency (needs NEXUS_API_KEY).")
public final class ChaosCommand implements Callable<Integer> {

  /** The assault kinds, as the API spells them. */
  enum Kind {
    exception,
    hang,
    latency
  }

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TASK", description = "The task to assault.")
  String task;

  @Parameters(index = "1", paramLabel = "KIND", description = "exception, hang or latency.")
  Kind kind;

  @Option(names = "--count", defaultValue = "1", description = "How many of the next steps to assault (default 1).")
  int count;

  @Option(names = "--latency-ms", description = "For latency: the delay added to each step, in milliseconds.")
  Long latencyMs;

  @Override
  public Integer call() throws Exception {
    var api = new ServiceApi(config.settings());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    var body = new LinkedHashMap<String, Object>();
    body.put("assault", kind.name());
    body.put("count", count);
    if (latencyMs != null) {
      body.put("latencyMs", latencyMs);
    }
    var answer = api.send("POST", "/api/chaos/tasks/" + task, StatusJson.mapper().writeValueAsString(body));
    if (answer.isEmpty()) {
      err.println("nexus: the service is not answering at " + api.base() + "; chaos acts on a running node only");
      return 1;
    }
    int status = answer.get().statusCode();
    if (status == 202) {
      out.println("through the API at " + api.base() + ": " + kind.name().toUpperCase(Locale.ROOT) + " assault queued for " + task);
      out.println(answer.get().body());
      return 0;
    }
    String hint = status == 404 ? " (chaos disabled on the node, or no such task)" : status == 401 || status == 403 ? " (set NEXUS_API_KEY)" : "";
    err.println("nexus: the service answered " + status + hint + ": " + answer.get().body());
    return 1;
  }
}
