package io.celestialnexus.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log knobs operators know (LOG_LEVEL, LOG_FILE_SIZE, LOG_BACKUP_COUNT) reach the shipped logback files. */
class LogSettingsTest {

  @TempDir Path dir;

  private static LogSettings read(String overrides) {
    return LogSettings.fromConfig(ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()).resolve());
  }

  @Test
  void theDefaultsAreInfoDailyOrAtOneHundredMegabytesForTwoWeeks() {
    assertEquals(new LogSettings("text", "INFO", 100_000_000L, 14), read(""));
    assertEquals(new LogSettings("json", "DEBUG", 5_000_000L, 3), read("nexus.logs { format = json, level = debug, file-size = 5MB, backup-count = 3 }"));
  }

  @Test
  void aBadLevelOrSizeIsOneMessageNamingTheKey() {
    var level = assertThrows(ConfigException.class, () -> read("nexus.logs.level = LOUD"));
    assertTrue(level.getMessage().contains("nexus.logs.level") && level.getMessage().contains("LOUD"), level.getMessage());
    var size = assertThrows(ConfigException.class, () -> read("nexus.logs.file-size = huge"));
    assertTrue(size.getMessage().contains("nexus.logs.file-size"), size.getMessage());
  }

  @Test
  void theShippedLogbackFilesTakeTheLevelSizeAndDays() throws Exception {
    for (String file : List.of("logback.xml", "logback-json.xml")) {
      LoggerContext context = new LoggerContext();
      context.putProperty("nexus.logs.dir", dir.toString());
      read("nexus.logs { level = WARN, file-size = 7MB, backup-count = 5 }").asSystemProperties().forEach(context::putProperty);
      var configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(Path.of("..", "conf", file).toFile());
      List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() >= Status.WARN).toList();
      assertEquals(List.of(), errors, file);
      assertEquals(Level.WARN, context.getLogger("io.celestialnexus").getLevel(), file);
      assertEquals(Level.WARN, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel(), file);
      var appender = (RollingFileAppender<?>) ((ch.qos.logback.classic.AsyncAppender) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
          .getAppender("ASYNC_FILE")).getAppender("FILE");
      var policy = (SizeAndTimeBasedRollingPolicy<?>) appender.getRollingPolicy();
      assertEquals(5, policy.getMaxHistory(), file);
      context.stop();
    }
  }
}
