package io.celestialnexus.engine.chat.skill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.SkillRouter;
import io.celestialnexus.engine.chat.desk.DeskAnswer;
import io.celestialnexus.engine.chat.desk.EvaluationSummary;
import io.celestialnexus.engine.chat.desk.HonestVerdict;
import io.celestialnexus.engine.chat.desk.LatestPicks;
import io.celestialnexus.engine.chat.desk.PredictionDesk;
import io.celestialnexus.engine.chat.desk.Reading;
import io.celestialnexus.engine.chat.desk.ReadingDesk;
import io.celestialnexus.engine.chat.router.ChatMetricNames;
import io.celestialnexus.engine.chat.router.ChatSettings;
import io.celestialnexus.engine.chat.router.ChatSkillRouter;
import io.celestialnexus.engine.status.ComponentStatus;
import io.celestialnexus.engine.status.ErrorInfo;
import io.celestialnexus.engine.status.Health;
import io.celestialnexus.engine.status.ScheduleDecision;
import io.celestialnexus.engine.status.StatusSnapshot;
import io.celestialnexus.engine.status.TaskReport;
import io.celestialnexus.engine.status.TaskState;
import io.celestialnexus.engine.status.TaskStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The standard skill set as a person meets it, through the router both edges use. */
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatSkillRouterTest {

  private static final Instant NOON_UTC = Instant.parse("2026-11-22T04:00:00Z"); // 12:00 in Asia/Shanghai

  private final ActorTestKit testKit = ActorTestKit.create();
  private final ChatSettings settings = ChatSettings.fromConfig(ConfigFactory.load());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicReference<LocalDateTime> readingAsked = new AtomicReference<>();

  @AfterAll
  void shutDown() {
    testKit.shutdownTestKit();
  }

  private ChatSkillRouter router(PredictionDesk predictions, ReadingDesk readings) {
    return ChatSkills.standard(
        settings,
        new ChatSkills.Sources(this::status, predictions, readings),
        registry,
        testKit.system().classicSystem().scheduler());
  }

  private ChatSkillRouter defaults() {
    return router(PredictionDesk.unavailable(), ReadingDesk.unavailable());
  }

  private static ChatMessage text(String text) {
    return ChatMessage.text(ChatMessage.Channel.OFFICIAL_ACCOUNT, "user-1", text, "m-" + text.hashCode(), NOON_UTC);
  }

  private static ChatMessage event(String event) {
    return new ChatMessage(ChatMessage.Channel.OFFICIAL_ACCOUNT, "user-1", ChatMessage.Kind.EVENT, "", event, "e", NOON_UTC);
  }

  private static ChatReply answer(SkillRouter router, ChatMessage message) throws Exception {
    return router.reply(message).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static String textOf(SkillRouter router, ChatMessage message) throws Exception {
    return assertInstanceOf(ChatReply.Text.class, answer(router, message)).content();
  }

  private CompletionStage<StatusSnapshot> status() {
    TaskStatus running =
        new TaskStatus("housekeeping", TaskState.RUNNING, NOON_UTC, true, NOON_UTC, NOON_UTC, Map.of(), 0, 0, null, null,
            ScheduleDecision.none(false), 3);
    TaskStatus flaky =
        new TaskStatus("flaky", TaskState.BACKOFF, NOON_UTC, true, null, NOON_UTC, Map.of(), 3, 5,
            new ErrorInfo("IllegalStateException", "disk full", "step threw", NOON_UTC), NOON_UTC.plusSeconds(4), ScheduleDecision.none(false), 1);
    return CompletableFuture.completedFuture(
        new StatusSnapshot(NOON_UTC, new StatusSnapshot.NodeInfo(1, "test", NOON_UTC, 0), Health.WARN, 1, true,
            List.of(
                new ComponentStatus("storage", false, "H2 at /var/lib/nexus/data/nexus (jdbc:postgresql://db.internal/nexus?password=s3cret)", NOON_UTC),
                new ComponentStatus("wechat", true, "late replies through https://api.weixin.qq.com", NOON_UTC)),
            List.of(new TaskReport(running, 0L, 0L), new TaskReport(flaky, 0L, null)), List.of()));
  }

  private static EvaluationSummary evaluation(double redLow, double redHigh) {
    return new EvaluationSummary(
        200, "2024001", "2026096",
        new EvaluationSummary.Interval((redLow + redHigh) / 2, redLow, redHigh),
        new EvaluationSummary.Interval(0.06, 0.03, 0.09),
        0.95);
  }

  private static PredictionDesk desk(EvaluationSummary summary) {
    return new PredictionDesk() {
      @Override
      public CompletionStage<DeskAnswer<LatestPicks>> latestPicks() {
        return CompletableFuture.completedFuture(
            DeskAnswer.ready(new LatestPicks("2026097", List.of(33, 3, 8, 15, 21, 27), 9, "w-12", NOON_UTC, Optional.of(summary))));
      }

      @Override
      public CompletionStage<DeskAnswer<EvaluationSummary>> evaluation() {
        return CompletableFuture.completedFuture(DeskAnswer.ready(summary));
      }
    };
  }

  private ReadingDesk recordingReadings() {
    return new ReadingDesk() {
      private CompletionStage<DeskAnswer<Reading>> reading(String title, LocalDateTime at) {
        readingAsked.set(at);
        return CompletableFuture.completedFuture(DeskAnswer.ready(new Reading(title, "reading at " + at)));
      }

      @Override
      public CompletionStage<DeskAnswer<Reading>> xiaoLiuRen(LocalDateTime at) {
        return reading("小六壬", at);
      }

      @Override
      public CompletionStage<DeskAnswer<Reading>> castHexagram(LocalDateTime at, String asker) {
        return reading("六爻 for " + asker, at);
      }

      @Override
      public CompletionStage<DeskAnswer<Reading>> baZi(LocalDateTime birth) {
        return reading("八字", birth);
      }
    };
  }

  @Test
  void helpListsEveryCommand() throws Exception {
    String menu = textOf(defaults(), text("帮助"));
    for (String command : List.of("预测 / 双色球", "评估", "状态", "小六壬", "起卦 / 六爻", "八字", "帮助")) {
      assertTrue(menu.contains(command), command + " missing from:\n" + menu);
    }
    assertEquals(menu, textOf(defaults(), text("  help ")));
  }

  @Test
  void aNewFollowerIsWelcomedWithTheMenu() throws Exception {
    String welcome = textOf(defaults(), event("subscribe"));
    assertTrue(welcome.startsWith(settings.welcome()), welcome);
    assertTrue(welcome.contains("八字"), welcome);
  }

  @Test
  void otherEventsGetNoReply() throws Exception {
    for (String event : List.of("unsubscribe", "CLICK", "VIEW", "SCAN")) {
      assertEquals(ChatReply.Silent.INSTANCE, answer(defaults(), event(event)), event);
    }
  }

  @Test
  void picturesAndVoiceAreToldToSendText() throws Exception {
    var image = new ChatMessage(ChatMessage.Channel.PHONE, "u", ChatMessage.Kind.IMAGE, "[image]", null, "i", NOON_UTC);
    assertTrue(textOf(defaults(), image).contains("文字"));
  }

  @Test
  void statusSummarizesHealthAndEveryTaskThatIsNotRunning() throws Exception {
    String status = textOf(defaults(), text("状态"));
    assertTrue(status.startsWith("系统健康：WARN"), status);
    assertTrue(status.contains("RUNNING 1") && status.contains("BACKOFF 1"), status);
    assertTrue(status.contains("flaky：BACKOFF，连续失败 3 次"), status);
    assertFalse(status.contains("housekeeping："), status);
  }

  @Test
  void statusTellsAFollowerUpOrDownButNoPathUrlHostOrSecret() throws Exception {
    String status = textOf(defaults(), text("状态"));
    assertTrue(status.contains("· storage 故障") && status.contains("· wechat 正常"), status);
    for (String secret : List.of("/var/lib/nexus", "jdbc:postgresql", "db.internal", "s3cret", "disk full", "IllegalStateException", "api.weixin")) {
      assertFalse(status.contains(secret), secret + " leaked: " + status);
    }
  }

  @Test
  void predictionShowsPicksWeightsBaselineAndNoEvidenceWhenTheIntervalHoldsTheBaseline() throws Exception {
    String reply = textOf(router(desk(evaluation(1.02, 1.20)), ReadingDesk.unavailable()), text("双色球"));
    assertTrue(reply.contains("红球：03 08 15 21 27 33  蓝球：09"), reply);
    assertTrue(reply.contains("权重版本 w-12"), reply);
    assertTrue(reply.contains("随机基线 1.0909") && reply.contains("随机基线 6.25%"), reply);
    assertTrue(reply.contains(HonestVerdict.NO_EVIDENCE), reply);
  }

  @Test
  void skillIsClaimedOnlyWhenTheWholeIntervalIsAboveTheBaseline() throws Exception {
    String above = textOf(router(desk(evaluation(1.10, 1.30)), ReadingDesk.unavailable()), text("评估"));
    assertFalse(above.contains(HonestVerdict.NO_EVIDENCE), above);
    assertTrue(above.contains("高于随机基线") && above.contains("不保证未来"), above);
    String touching = textOf(router(desk(evaluation(1.0909, 1.30)), ReadingDesk.unavailable()), text("评估"));
    assertTrue(touching.contains(HonestVerdict.NO_EVIDENCE), touching);
  }

  @Test
  void withoutAPredictionLoopTheReplySaysSoBesideTheBaseline() throws Exception {
    for (String command : List.of("预测", "评估")) {
      String reply = textOf(defaults(), text(command));
      assertTrue(reply.contains("available yet"), reply);
      assertTrue(reply.contains("1.0909") && reply.contains("6.25%"), reply);
      assertTrue(reply.contains(HonestVerdict.NO_EVIDENCE), reply);
    }
  }

  @Test
  void readingsUseTheMomentInTheChatsTimeZone() throws Exception {
    ChatSkillRouter router = router(PredictionDesk.unavailable(), recordingReadings());
    assertTrue(textOf(router, text("小六壬")).startsWith("小六壬"));
    assertEquals(LocalDateTime.parse("2026-11-22T12:00"), readingAsked.get());
    assertTrue(textOf(router, text("六爻")).startsWith("六爻 for user-1"));
    assertTrue(textOf(defaults(), text("起卦")).contains("not available yet"));
  }

  @Test
  void baZiReadsTheBirthTimeOrExplainsTheFormat() throws Exception {
    ChatSkillRouter router = router(PredictionDesk.unavailable(), recordingReadings());
    textOf(router, text("八字 1990年5月17日8时30分"));
    assertEquals(LocalDateTime.parse("1990-05-17T08:30"), readingAsked.get());
    readingAsked.set(null);
    assertTrue(textOf(router, text("八字 明天")).contains("1990-05-17 08:30"));
    assertTrue(textOf(router, text("八字 1990-02-30 08:00")).contains("请按格式"));
    assertEquals(null, readingAsked.get());
  }

  @Test
  void aFailingSkillIsAnsweredWithTheFailureMessageAndCounted() throws Exception {
    PredictionDesk broken =
        new PredictionDesk() {
          @Override
          public CompletionStage<DeskAnswer<LatestPicks>> latestPicks() {
            throw new IllegalStateException("journal unavailable");
          }

          @Override
          public CompletionStage<DeskAnswer<EvaluationSummary>> evaluation() {
            return CompletableFuture.failedFuture(new IllegalStateException("journal unavailable"));
          }
        };
    ChatSkillRouter router = router(broken, ReadingDesk.unavailable());
    assertEquals(settings.failureMessage(), textOf(router, text("预测")));
    assertEquals(settings.failureMessage(), textOf(router, text("评估")));
    assertEquals(1.0, registry.get(ChatMetricNames.REPLIES).tags("skill", "prediction", "outcome", "failed").counter().count());
  }

  @Test
  void freeTextWithoutAnExternalServicePointsAtTheMenu() throws Exception {
    assertEquals(settings.external().notConfiguredMessage(), textOf(defaults(), text("今天天气怎么样")));
  }
}
