package io.celestialnexus.engine.ssq.intake;

import io.celestialnexus.engine.support.SettingsReader;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * {@code nexus.engine.ssq.intake}: where the draw notice is fetched and when.
 *
 * @param drawTime when a draw day's draw is made, in {@code zone}; the notice is fetched {@code publishDelay} later
 * @param retry the pause between fetches while an expected draw is missing (and after a failed fetch's backoff)
 * @param poll a plain period for operators who want one (zero: fetch only when a draw is due)
 */
public record IntakeSettings(
    boolean enabled, URI url, LocalTime drawTime, ZoneId zone, Duration publishDelay, Duration retry, Duration poll, Duration requestTimeout) {

  public static IntakeSettings fromConfig(SettingsReader intake) {
    URI url = intake.httpUrl("url").orElseThrow(() -> intake.invalid("url", "must name the draw notice"));
    LocalTime drawTime;
    try {
      drawTime = LocalTime.parse(intake.string("draw-time"));
    } catch (DateTimeParseException e) {
      throw intake.invalid("draw-time", "must be HH:MM, was '" + intake.string("draw-time") + "'");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(intake.string("zone"));
    } catch (DateTimeException e) {
      throw intake.invalid("zone", "is not a time zone: " + e.getMessage());
    }
    return new IntakeSettings(
        intake.flag("enabled"),
        url,
        drawTime,
        zone,
        intake.nonNegativeDuration("publish-delay"),
        intake.positiveDuration("retry"),
        Duration.ofSeconds(intake.integerAtLeast(0, "poll-seconds")),
        intake.positiveDuration("request-timeout"));
  }
}
