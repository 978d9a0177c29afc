package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.desk.PredictionDesk;
import io.celestialnexus.engine.chat.desk.ReadingDesk;
import io.celestialnexus.engine.chat.external.ExternalAiSkill;
import io.celestialnexus.engine.chat.router.ChatSettings;
import io.celestialnexus.engine.chat.router.ChatSkillRouter;
import io.celestialnexus.engine.chat.router.Skill;
import io.celestialnexus.engine.chat.skill.BaZiSkill;
import io.celestialnexus.engine.chat.skill.EvaluationSkill;
import io.celestialnexus.engine.chat.skill.HelpSkill;
import io.celestialnexus.engine.chat.skill.HexagramSkill;
import io.celestialnexus.engine.chat.skill.NonTextSkill;
import io.celestialnexus.engine.chat.skill.PredictionSkill;
import io.celestialnexus.engine.chat.skill.QuietEventSkill;
import io.celestialnexus.engine.chat.skill.StatusSkill;
import io.celestialnexus.engine.chat.skill.WelcomeSkill;
import io.celestialnexus.engine.chat.skill.XiaoLiuRenSkill;
import io.celestialnexus.engine.status.StatusPort;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.Scheduler;

/** The node's standard skill set, in matching order, with the menu built from the skills themselves. */
public final class ChatSkills {

  private ChatSkills() {}

  /** Everything a skill set needs from the rest of the node. */
  public record Sources(StatusPort status, PredictionDesk predictions, ReadingDesk readings) {}

  public static ChatSkillRouter standard(ChatSettings settings, Sources sources, MeterRegistry registry, Scheduler scheduler) {
    List<Skill> commands =
        List.of(
            new PredictionSkill(sources.predictions()),
            new EvaluationSkill(sources.predictions()),
            new StatusSkill(sources.status()),
            new XiaoLiuRenSkill(sources.readings(), settings.timeZone()),
            new HexagramSkill(sources.readings(), settings.timeZone()),
            new BaZiSkill(sources.readings()));
    List<String> menu = new ArrayList<>();
    commands.forEach(skill -> skill.menuLine().ifPresent(menu::add));
    menu.add(HelpSkill.MENU_LINE);
    HelpSkill help = new HelpSkill(menu);

    List<Skill> all = new ArrayList<>(commands);
    all.add(help);
    all.add(new WelcomeSkill(settings.welcome(), help));
    all.add(new QuietEventSkill());
    all.add(new NonTextSkill());
    return new ChatSkillRouter(
        all, ExternalAiSkill.create(settings.external(), registry, scheduler), settings.failureMessage(), registry);
  }

  /** The menu lines of {@code skills}, in order. */
  public static List<String> menu(List<Skill> skills) {
    return skills.stream().map(Skill::menuLine).flatMap(Optional::stream).toList();
  }
}
