package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.desk.HonestVerdict;
import io.celestialnexus.engine.chat.desk.LatestPicks;
import io.celestialnexus.engine.chat.desk.PredictionDesk;
import io.celestialnexus.engine.chat.router.Keywords;
import io.celestialnexus.engine.chat.router.Skill;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * 预测 / 双色球: the latest fused picks with the weights version, always beside the random baseline and the honest
 * verdict of the recent evaluation.
 */
public final class PredictionSkill implements Skill {

  private static final Keywords KEYWORDS = Keywords.of("预测", "双色球");

  private final PredictionDesk desk;

  public PredictionSkill(PredictionDesk desk) {
    this.desk = desk;
  }

  @Override
  public String name() {
    return "prediction";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.of(KEYWORDS.display() + "：最新融合推荐号码、权重版本、随机基线与结论");
  }

  @Override
  public boolean accepts(ChatMessage message) {
    return KEYWORDS.matches(message);
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    return desk.latestPicks()
        .thenApply(
            answer ->
                ChatReply.text(
                    answer.fold(
                        PredictionSkill::describe,
                        reason -> reason + "\n" + HonestVerdict.baseline() + "\n" + HonestVerdict.NO_EVIDENCE)));
  }

  static String describe(LatestPicks picks) {
    String reds = picks.reds().stream().sorted().map(red -> String.format(Locale.ROOT, "%02d", red)).collect(Collectors.joining(" "));
    StringBuilder text =
        new StringBuilder("双色球 ")
            .append(picks.issue())
            .append(" 期融合推荐（权重版本 ")
            .append(picks.weightsVersion())
            .append("）\n红球：")
            .append(reds)
            .append("  蓝球：")
            .append(String.format(Locale.ROOT, "%02d", picks.blue()))
            .append('\n');
    picks.evaluation().ifPresentOrElse(
        summary -> text.append(HonestVerdict.rates(summary)),
        () -> text.append(HonestVerdict.baseline()));
    return text.append('\n').append(HonestVerdict.of(picks.evaluation())).toString();
  }
}
