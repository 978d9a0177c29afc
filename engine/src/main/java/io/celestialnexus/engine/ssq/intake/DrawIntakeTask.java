package io.celestialnexus.engine.ssq.intake;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.engine.ssq.DrawSchedule;
import io.celestialnexus.engine.ssq.state.DrawHistory;
import io.celestialnexus.engine.ssq.state.DrawStore;
import io.celestialnexus.engine.ssq.state.RecordedDraw;
import io.celestialnexus.engine.task.Schedule;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.TaskSettings;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The {@code draw-intake} task: fetches the public draw notice and records its draws through the {@code draws}
 * entity (as {@code nexus draws add} does), so the loop reviews its prediction without a hand. It steps when a draw
 * is due (the expected next draw's evening, {@code draw-time} in {@code zone} plus {@code publish-delay}), then
 * every {@code retry} until that draw is there, on {@code POST /api/tasks/draw-intake/run}, and every {@code
 * poll-seconds} when set. A fetch that fails, or answers anything but the documented notice, fails the step
 * (retried with the task's backoff). A draw that differs from the recorded one is refused, the record kept, and
 * the step fails once naming it (a {@code TASK_FAILED} alert); later steps report it without failing again.
 */
public final class DrawIntakeTask implements Task {

  public static final String NAME = "draw-intake";

  private final TaskSettings task;
  private final IntakeSettings settings;
  private final HttpClient client;
  private final Clock clock;
  private final CompletableFuture<DrawStore> store = new CompletableFuture<>();
  /** Issues whose conflict was already raised; a restart raises them once more, which is fine. */
  private final Set<Integer> conflictsRaised = ConcurrentHashMap.newKeySet();
  private volatile Instant nextDue;

  public DrawIntakeTask(TaskSettings task, IntakeSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.task = task.withSchedule(new Schedule.Planned(this::pauseBeforeNextStep));
    this.client = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** The draw history this task records into, once the node's entities run. Until then a step waits. */
  public void attach(DrawStore drawStore) {
    store.complete(drawStore);
  }

  /** The intake behind {@code task}, if it is one. */
  public static Optional<DrawIntakeTask> behind(Task task) {
    return task instanceof DrawIntakeTask intake ? Optional.of(intake) : Optional.empty();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TaskSettings settings() {
    return task;
  }

  @Override
  public boolean alertsOnFailure() {
    return true;
  }

  @Override
  public Map<String, Object> step(TaskContext context) throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    DrawStore draws = store.getNow(null);
    if (draws == null) {
      fields.put("waiting", "the draw history is not running yet");
      return fields;
    }
    List<Draw> notice = DrawNotice.parse(fetch());
    DrawHistory.Recorded recorded = await(draws.record(notice, "draw-intake " + settings.url().getHost(), false));
    Optional<Draw> newest = newest(draws);
    nextDue = newest.map(this::dueAfter).orElse(null);
    fields.put("fetched", notice.size());
    fields.put("added", recorded.added().size());
    newest.ifPresent(draw -> fields.put("latest", draw.issue()));
    if (nextDue != null) {
      fields.put("nextDrawDue", nextDue.toString());
    }
    fields.put("conflicts", recorded.conflicts().size());
    List<DrawHistory.Conflict> fresh = recorded.conflicts().stream().filter(conflict -> conflictsRaised.add(conflict.issue())).toList();
    if (!fresh.isEmpty()) {
      throw new IllegalStateException(
          "the draw notice differs from the recorded history, kept as recorded: "
              + fresh.stream().map(conflict -> conflict.issue() + " " + conflict.reason()).collect(Collectors.joining("; ")));
    }
    return fields;
  }

  private String fetch() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(settings.url()).timeout(settings.requestTimeout()).header("Accept", "application/json").GET().build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new IOException(settings.url().getHost() + " did not answer within " + settings.requestTimeout(), e);
    } catch (IOException e) {
      throw new IOException("cannot reach " + settings.url().getHost() + ": " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(settings.url().getHost() + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  private Optional<Draw> newest(DrawStore draws) throws Exception {
    return await(draws.page(0, 1)).draws().stream().findFirst().map(RecordedDraw::draw);
  }

  /** When the draw after {@code last} should be in the notice. */
  private Instant dueAfter(Draw last) {
    return DrawSchedule.after(last).date().atTime(settings.drawTime()).atZone(settings.zone()).toInstant().plus(settings.publishDelay());
  }

  /** Until the next draw is due, or {@code retry} while it is overdue; never longer than {@code poll-seconds} when set. */
  Duration pauseBeforeNextStep() {
    Instant due = nextDue;
    Duration untilDue = due == null ? Duration.ZERO : Duration.between(clock.instant(), due);
    Duration pause = untilDue.compareTo(Duration.ZERO) > 0 ? untilDue : settings.retry();
    if (!settings.poll().isZero() && settings.poll().compareTo(pause) < 0) {
      pause = settings.poll();
    }
    return pause;
  }

  private <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new TimeoutException("the draw history did not answer within " + settings.requestTimeout() + " (the journal may be down)");
    }
  }
}
