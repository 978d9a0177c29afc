package io.celestialnexus.engine.task;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScheduleTest {

  private final Schedule.Adaptive adaptive = new Schedule.Adaptive(ofSeconds(5), ofSeconds(60), 2.0);

  @Test
  void adaptiveRestsInProportionToTheLastStep() {
    assertEquals(ofSeconds(20), adaptive.nextInterval(ofSeconds(10)));
  }

  @Test
  void adaptiveClampsToItsBounds() {
    assertEquals(ofSeconds(5), adaptive.nextInterval(ofMillis(1)));
    assertEquals(ofSeconds(60), adaptive.nextInterval(ofSeconds(100)));
  }

  @Test
  void fixedIgnoresTheStepDuration() {
    assertEquals(ofSeconds(7), new Schedule.Fixed(ofSeconds(7)).nextInterval(ofSeconds(100)));
  }
}
