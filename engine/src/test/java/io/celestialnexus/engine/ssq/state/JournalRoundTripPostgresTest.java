package io.celestialnexus.engine.ssq.state;

class JournalRoundTripPostgresTest extends JournalRoundTripTest {
  @Override
  String kind() {
    return "postgres";
  }
}
