package io.celestialnexus.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.status.StatusJson;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints every task's status as a table, or the raw status document with {@code --json}. */
@Command(name = "status", description = "Show every task's state, heartbeat, failures and restarts.")
public final class StatusCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the status document as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    NodeSettings settings = config.settings();
    PrintWriter out = spec.commandLine().getOut();
    Optional<StatusReader.Reading> reading = StatusReader.read(settings, Clock.systemUTC());
    if (reading.isEmpty()) {
      spec.commandLine().getErr().println("nexus: service not answering at " + StatusReader.serviceUrl(settings)
          + " and no status file at " + settings.engine().runtime().status().statusFile());
      return 1;
    }
    JsonNode document = reading.get().document();
    if (json) {
      out.println(StatusJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
      return 0;
    }
    if (!reading.get().live()) {
      out.println("(service down: " + reading.get().source() + ", written " + reading.get().age().toSeconds() + " s ago)");
    }
    out.printf("health %s   ready %s   node pid %s   up %s%n", document.path("health").asText(), document.path("ready").asBoolean(),
        document.path("node").path("pid").asText(), TaskLines.seconds(document.path("node").path("uptimeMillis").asLong()));
    for (JsonNode component : document.path("components")) {
      if (component.path("name").asText().equals("cluster")) {
        out.printf("cluster %s   %s%n", component.path("up").asBoolean() ? "UP" : "DOWN", component.path("detail").asText());
      }
    }
    out.printf("%-20s %-9s %8s %9s  %s%n", "TASK", "STATE", "RESTARTS", "STEPS", "DETAIL");
    for (JsonNode task : document.path("tasks")) {
      out.printf("%-20s %-9s %8d %9d  %s%n", task.path("name").asText(), task.path("state").asText(),
          task.path("totalRestarts").asLong(), task.path("stepsCompleted").asLong(), TaskLines.detail(task, Clock.systemUTC()));
    }
    out.flush();
    return 0;
  }
}
