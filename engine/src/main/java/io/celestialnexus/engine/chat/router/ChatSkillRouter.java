package io.celestialnexus.engine.chat.router;

import static io.celestialnexus.engine.chat.router.ChatMetricNames.REPLIES;
import static io.celestialnexus.engine.chat.router.ChatMetricNames.TAG_OUTCOME;
import static io.celestialnexus.engine.chat.router.ChatMetricNames.TAG_SKILL;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.SkillRouter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skill router both chat edges ask: the first registered skill that accepts a message answers it, the fallback
 * answers the rest. A skill that throws or fails its stage is answered with the configured failure message (and
 * counted), so an edge always gets a reply and never an exception.
 */
public final class ChatSkillRouter implements SkillRouter {

  private static final Logger LOG = LoggerFactory.getLogger(ChatSkillRouter.class);

  private final List<Skill> skills;
  private final Skill fallback;
  private final ChatReply failureReply;
  private final MeterRegistry registry;
  /** Replies counted per outcome and skill name, kept once registered (a registry lookup per reply is not free). */
  private final Map<String, Map<String, Counter>> replies = new ConcurrentHashMap<>();

  public ChatSkillRouter(List<Skill> skills, Skill fallback, String failureMessage, MeterRegistry registry) {
    this.skills = List.copyOf(skills);
    this.fallback = fallback;
    this.failureReply = ChatReply.text(failureMessage);
    this.registry = registry;
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    Skill skill = skillFor(message);
    CompletionStage<ChatReply> answer;
    try {
      answer = skill.reply(message);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.handle(
        (reply, failure) -> {
          if (failure != null || reply == null) {
            LOG.warn("skill {} failed on a message from {}: {}", skill.name(), message.sender(), String.valueOf(failure));
            count(skill, "failed");
            return failureReply;
          }
          count(skill, "ok");
          return reply;
        });
  }

  /** The skill that answers {@code message}. */
  public Skill skillFor(ChatMessage message) {
    for (Skill skill : skills) {
      if (skill.accepts(message)) {
        return skill;
      }
    }
    return fallback;
  }

  private void count(Skill skill, String outcome) {
    replies
        .computeIfAbsent(outcome, any -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            skill.name(),
            name ->
                Counter.builder(REPLIES)
                    .description("Chat replies by skill and outcome")
                    .tags(TAG_SKILL, name, TAG_OUTCOME, outcome)
                    .register(registry))
        .increment();
  }
}
