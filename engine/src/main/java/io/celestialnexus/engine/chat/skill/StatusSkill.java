package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.router.Keywords;
import io.celestialnexus.engine.chat.router.Skill;
import io.celestialnexus.engine.status.ComponentStatus;
import io.celestialnexus.engine.status.StatusPort;
import io.celestialnexus.engine.status.StatusSnapshot;
import io.celestialnexus.engine.status.TaskReport;
import io.celestialnexus.engine.status.TaskState;
import io.celestialnexus.engine.status.TaskStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * 状态: the node's health and a one-line summary per task that is not running normally. Any follower can ask, so
 * the reply says only up or down, states and counts: never a component's detail or a task's error message, which
 * name files, URLs, hosts and sometimes credentials (those are for operators, in {@code /status} behind a key).
 */
public final class StatusSkill implements Skill {

  private static final Keywords KEYWORDS = Keywords.of("状态", "status");

  private final StatusPort status;

  public StatusSkill(StatusPort status) {
    this.status = status;
  }

  @Override
  public String name() {
    return "status";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.of("状态：各任务的健康摘要");
  }

  @Override
  public boolean accepts(ChatMessage message) {
    return KEYWORDS.matches(message);
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    return status.snapshot().thenApply(snapshot -> ChatReply.text(summary(snapshot)));
  }

  static String summary(StatusSnapshot snapshot) {
    StringBuilder text =
        new StringBuilder("系统健康：").append(snapshot.health()).append(snapshot.ready() ? "（就绪）" : "（未就绪）");
    Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
    snapshot.tasks().forEach(report -> counts.merge(report.status().state(), 1, Integer::sum));
    text.append("\n任务 ").append(snapshot.tasks().size()).append(" 个");
    if (!counts.isEmpty()) {
      text.append("：");
      counts.forEach((state, count) -> text.append(state).append(' ').append(count).append("，"));
      text.setLength(text.length() - 1);
    }
    for (TaskReport report : snapshot.tasks()) {
      TaskStatus task = report.status();
      if (task.state() != TaskState.RUNNING && task.state() != TaskState.PAUSED) {
        text.append("\n· ").append(task.name()).append("：").append(task.state());
        if (task.consecutiveFailures() > 0) {
          text.append("，连续失败 ").append(task.consecutiveFailures()).append(" 次");
        }
      }
    }
    for (ComponentStatus component : snapshot.components()) {
      text.append("\n· ").append(component.name()).append(component.up() ? " 正常" : " 故障");
    }
    return text.toString();
  }
}
