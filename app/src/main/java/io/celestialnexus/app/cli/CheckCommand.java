package io.celestialnexus.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.engine.status.Health;
import io.celestialnexus.engine.status.TaskState;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One verdict line per task and component, then the overall verdict; exit 0 PASS, 1 WARN, 2 FAIL. Reads the
 * live service, or {@code reports/status.json} when it is down; a file older than two minutes is FAIL.
 */
@Command(name = "check", description = "Health verdict per task; exit 0 PASS, 1 WARN, 2 FAIL.")
public final class CheckCommand implements Callable<Integer> {

  static final Duration STALE_AFTER = Duration.ofMinutes(2);

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  private final Clock clock;

  public CheckCommand() {
    this(Clock.systemUTC());
  }

  CheckCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    NodeSettings settings = config.settings();
    PrintWriter out = spec.commandLine().getOut();
    Optional<StatusReader.Reading> reading = StatusReader.read(settings, clock);
    if (reading.isEmpty()) {
      out.println("FAIL  service not answering at " + StatusReader.serviceUrl(settings) + " and no status file at "
          + settings.engine().runtime().status().statusFile());
      return Health.FAIL.exitCode();
    }
    StatusReader.Reading status = reading.get();
    if (!status.live()) {
      out.println("service not answering at " + StatusReader.serviceUrl(settings) + "; reading " + status.source()
          + " written " + status.age().toSeconds() + " s ago");
    }
    for (JsonNode task : status.document().path("tasks")) {
      TaskState state = TaskState.valueOf(task.path("state").asText());
      out.printf("%-5s %-20s %-9s %s%n", Health.ofTask(state), task.path("name").asText(), state, TaskLines.detail(task, clock));
    }
    for (JsonNode component : status.document().path("components")) {
      boolean up = component.path("up").asBoolean();
      out.printf("%-5s %-20s %-9s %s%n", up ? Health.PASS : Health.FAIL, component.path("name").asText(), up ? "UP" : "DOWN",
          component.path("detail").asText());
    }
    Health overall = Health.valueOf(status.document().path("health").asText(Health.FAIL.name()));
    if (!status.live() && status.age().compareTo(STALE_AFTER) > 0) {
      out.println("FAIL  status file is " + status.age().toSeconds() + " s old (older than " + STALE_AFTER.toMinutes() + " minutes)");
      overall = Health.FAIL;
    }
    out.println("overall: " + overall + (status.live() ? "" : " (service down)"));
    out.flush();
    return overall.exitCode();
  }
}
