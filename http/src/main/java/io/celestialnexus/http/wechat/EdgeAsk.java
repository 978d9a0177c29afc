package io.celestialnexus.http.wechat;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

/**
 * How the wechat edge asks its own actors (the dedup window, the rate limiter): a timeout is answered with a
 * fallback, and whatever the caller chains on the answer runs on the actor system's dispatcher.
 *
 * <p>Why the dispatcher: Pekko's Java ask hands back Scala's future converter, which runs every non-async callback
 * as an async one on {@code ForkJoinPool.commonPool()}. So the rest of a webhook request (skills, reply XML,
 * encryption) ran on a third pool competing with the dispatcher for two cores, and the common pool's workers clear
 * their thread locals after every task, so each request built a new AES cipher, DRBG SecureRandom and SHA-1 digest
 * (JFR under bench/run wechat-server: about a tenth of all allocation).
 */
final class EdgeAsk {

  private EdgeAsk() {}

  static <Q, A> CompletionStage<A> ask(
      ActorRef<Q> target, Function<ActorRef<A>, Q> message, Duration timeout, A onTimeout, ActorSystem<?> system) {
    return AskPattern.ask(target, message, timeout, system.scheduler())
        .handleAsync(
            (answer, failure) -> {
              if (failure == null) {
                return answer;
              }
              if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
                return onTimeout;
              }
              throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            },
            system.executionContext());
  }
}
