package io.celestialnexus.engine.chat.skill;

import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.desk.DeskAnswer;
import io.celestialnexus.engine.chat.desk.Reading;

/** How every reading skill words a desk's answer. */
final class Readings {

  private Readings() {}

  static ChatReply reply(DeskAnswer<Reading> answer) {
    return ChatReply.text(answer.fold(reading -> reading.title() + "\n" + reading.text(), reason -> reason));
  }
}
