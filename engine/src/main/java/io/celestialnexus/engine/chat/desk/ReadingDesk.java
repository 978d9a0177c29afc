package io.celestialnexus.engine.chat.desk;

import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the chat needs from the divination domain. Times are local civil time in the chat's configured zone
 * ({@code nexus.engine.chat.time-zone}). Until the domain is wired in, {@link #unavailable()} says so honestly.
 */
public interface ReadingDesk {

  /** 小六壬 for the moment {@code at}. */
  CompletionStage<DeskAnswer<Reading>> xiaoLiuRen(LocalDateTime at);

  /** 起卦 / 六爻: a hexagram cast at {@code at} for {@code asker}. */
  CompletionStage<DeskAnswer<Reading>> castHexagram(LocalDateTime at, String asker);

  /** 八字: the four pillars of a birth time. */
  CompletionStage<DeskAnswer<Reading>> baZi(LocalDateTime birth);

  /** The desk of a node without the divination domain: every answer is "not available yet". */
  static ReadingDesk unavailable() {
    CompletionStage<DeskAnswer<Reading>> none =
        CompletableFuture.completedFuture(DeskAnswer.unavailable("起卦与排盘尚未在本节点上线（readings are not available yet）"));
    return new ReadingDesk() {
      @Override
      public CompletionStage<DeskAnswer<Reading>> xiaoLiuRen(LocalDateTime at) {
        return none;
      }

      @Override
      public CompletionStage<DeskAnswer<Reading>> castHexagram(LocalDateTime at, String asker) {
        return none;
      }

      @Override
      public CompletionStage<DeskAnswer<Reading>> baZi(LocalDateTime birth) {
        return none;
      }
    };
  }
}
