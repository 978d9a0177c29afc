package io.celestialnexus.engine.ssq.state;

class JournalRoundTripH2Test extends JournalRoundTripTest {
  @Override
  String kind() {
    return "h2";
  }
}
