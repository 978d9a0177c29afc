package io.celestialnexus.engine.chat.external;

import static io.celestialnexus.engine.chat.router.ChatMetricNames.EXTERNAL_CALLS;
import static io.celestialnexus.engine.chat.router.ChatMetricNames.TAG_OUTCOME;

import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.ChatReply;
import io.celestialnexus.engine.chat.router.ChatSettings;
import io.celestialnexus.engine.chat.router.Skill;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.pattern.CircuitBreaker;
import org.apache.pekko.pattern.CircuitBreakerOpenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback: whatever no skill answers goes to the external AI service, behind Pekko's circuit breaker
 * ({@code breaker.max-failures} failures or timeouts in a row open it for {@code breaker.reset-timeout}, during which
 * calls fail at once). A timeout is answered with {@code EXTERNAL_SERVICE_TIMEOUT_MSG}, any other failure (and an
 * open breaker) with {@code EXTERNAL_SERVICE_ERROR_MSG}; without a configured URL the reply says what to send instead.
 * In front of the breaker an {@link AiBulkhead} bounds the calls in flight and queued across all users; a call it
 * does not admit is answered with {@code bulkhead.busy-message} and never reaches the service.
 */
public final class ExternalAiSkill implements Skill {

  private static final Logger LOG = LoggerFactory.getLogger(ExternalAiSkill.class);

  private final ChatSettings.External settings;
  private final ExternalAiProtocol protocol;
  private final HttpClient client;
  private final CircuitBreaker breaker;
  private final AiBulkhead bulkhead;
  private final MeterRegistry registry;

  private ExternalAiSkill(
      ChatSettings.External settings, HttpClient client, CircuitBreaker breaker, AiBulkhead bulkhead, MeterRegistry registry) {
    this.settings = settings;
    this.protocol = ExternalAiProtocol.of(settings.type());
    this.client = client;
    this.breaker = breaker;
    this.bulkhead = bulkhead;
    this.registry = registry;
  }

  /** {@code scheduler} times calls out and closes the breaker again (the actor system's classic scheduler). */
  public static ExternalAiSkill create(ChatSettings.External settings, MeterRegistry registry, Scheduler scheduler) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    CircuitBreaker breaker =
        CircuitBreaker.create(scheduler, settings.breakerMaxFailures(), settings.timeout(), settings.breakerResetTimeout());
    ChatSettings.External.Bulkhead bound = settings.bulkhead();
    AiBulkhead bulkhead = new AiBulkhead(bound.maxConcurrent(), bound.maxQueued(), bound.queueWait(), scheduler, registry);
    return new ExternalAiSkill(settings, client, breaker, bulkhead, registry);
  }

  @Override
  public String name() {
    return "external-ai";
  }

  @Override
  public Optional<String> menuLine() {
    return Optional.empty();
  }

  /** The fallback takes whatever reaches it. */
  @Override
  public boolean accepts(ChatMessage message) {
    return true;
  }

  /**
   * Whether the breaker is open now. It counts a failure in a callback of its own, which may run just after the
   * caller has the failed reply, so a test waits for this rather than assuming it.
   */
  boolean breakerOpen() {
    return breaker.isOpen();
  }

  @Override
  public CompletionStage<ChatReply> reply(ChatMessage message) {
    if (!settings.configured()) {
      count("not_configured");
      return CompletableFuture.completedFuture(ChatReply.text(settings.notConfiguredMessage()));
    }
    return bulkhead
        .submit(() -> breaker.callWithCircuitBreakerCS(() -> ask(message)))
        .handle(
            (answer, failure) -> {
              if (failure == null && answer.isEmpty()) {
                count("busy");
                return ChatReply.text(settings.bulkhead().busyMessage());
              }
              if (failure == null) {
                count("ok");
                return ChatReply.text(answer.get());
              }
              Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
              if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
                count("timeout");
                LOG.warn("external AI service did not answer within {}", settings.timeout());
                return ChatReply.text(settings.timeoutMessage());
              }
              count(cause instanceof CircuitBreakerOpenException ? "breaker_open" : "error");
              LOG.warn("external AI service failed: {}", String.valueOf(cause));
              return ChatReply.text(settings.errorMessage());
            });
  }

  private CompletionStage<String> ask(ChatMessage message) throws IOException {
    return client
        .sendAsync(protocol.request(settings, message), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .thenApply(
            response -> {
              if (response.statusCode() / 100 != 2) {
                throw new CompletionException(new IOException("HTTP " + response.statusCode()));
              }
              try {
                return protocol.answer(response.body());
              } catch (IOException e) {
                throw new CompletionException(e);
              }
            });
  }

  private void count(String outcome) {
    Counter.builder(EXTERNAL_CALLS)
        .description("Calls to the external AI service by outcome")
        .tag(TAG_OUTCOME, outcome)
        .register(registry)
        .increment();
  }
}
