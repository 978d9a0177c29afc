package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.desk.HonestVerdict;
import io.celestialnexus.engine.chat.desk.PredictionDesk;
import io.celestialnexus.engine.chat.router.Keywords;
import io.celestialnexus.engine.chat.router.Skill;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** 评估: the recent evaluation's hit rates with their intervals, beside the random baseline, and the verdict. */
public final class EvaluationSkill implements Skill {

  private static final Keywords KEYWORDS = Keywords.of("评估");

  private final PredictionDesk desk;

  public EvaluationSkill(PredictionDesk desk) {
    this.desk = desk;
  }

  @Override
  public String name() {
    return "evaluation";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.of("评估：近期命中率、置信区间与随机基线");
  }

  @Override
  public boolean accepts(ChatMessage message) {
    return KEYWORDS.matches(message);
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    return desk.evaluation()
        .thenApply(
            answer ->
                ChatReply.text(
                    answer.fold(
                        summary -> HonestVerdict.rates(summary) + "\n" + HonestVerdict.of(summary),
                        reason -> reason + "\n" + HonestVerdict.baseline() + "\n" + HonestVerdict.NO_EVIDENCE)));
  }
}
