package io.celestialnexus.http.wechat;

import io.celestialnexus.engine.status.StatusJson;
import io.celestialnexus.engine.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code access-token} child of {@code wechat}: WeChat's access token, fetched with the AppID and AppSecret,
 * cached until {@code refresh-before-expiry} before it expires, and kept in {@code token-file} (owner-only, written
 * atomically) so a restart does not fetch again. Exactly one fetch is in flight at a time: everyone who asks while
 * it runs gets its result. A caller whose token WeChat rejected (errcode 40001, 40014, 42001) reports it with
 * {@link TokenRejected}; the keeper drops that token if it is still the current one and fetches a fresh one.
 *
 * <p>The token file is read on the blocking-IO dispatcher when the keeper starts (and restarts); requests that arrive
 * meanwhile are stashed and answered once it is read. A failed fetch answers every waiting caller with an error and
 * keeps no state; the next request tries again. The token never appears in logs.
 */
public final class AccessTokenKeeper extends AbstractBehavior<AccessTokenKeeper.Command> {

  public sealed interface Command {}

  /** Answers a token valid for at least {@code refresh-before-expiry}, fetching one if needed. */
  public record GetToken(ActorRef<StatusReply<String>> replyTo) implements Command {}

  /** WeChat rejected {@code token}: drop it (if still current) and answer a fresh one. */
  public record TokenRejected(String token, ActorRef<StatusReply<String>> replyTo) implements Command {}

  private record Fetched(WechatApiClient.IssuedToken token) implements Command {}

  private record FetchFailed(Throwable cause) implements Command {}

  /** The token file has been read (empty: none, unreadable or incomplete). */
  private record Loaded(Optional<StoredToken> token) implements Command {}

  /** The token as kept in the token file. */
  public record StoredToken(String accessToken, Instant expiresAt) {
    @Override
    public String toString() {
      return "StoredToken[****, expiresAt=" + expiresAt + "]";
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(AccessTokenKeeper.class);

  /** Requests held while the token file is read: a handful of late replies at most, so this is only a safety bound. */
  private static final int STASH_CAPACITY = 1_000;

  private final WechatApiClient api;
  private final Clock clock;
  private final Duration refreshBeforeExpiry;
  private final Path tokenFile;
  private final WechatMetrics metrics;
  private final Executor io;
  private final List<ActorRef<StatusReply<String>>> waiting = new ArrayList<>();
  private Optional<StoredToken> current;
  private boolean fetching;

  private AccessTokenKeeper(
      ActorContext<Command> context,
      WechatApiClient api,
      Clock clock,
      WechatSettings.Api settings,
      WechatMetrics metrics,
      Executor io,
      Optional<StoredToken> kept) {
    super(context);
    this.api = api;
    this.clock = clock;
    this.refreshBeforeExpiry = settings.refreshBeforeExpiry();
    this.tokenFile = settings.tokenFile();
    this.metrics = metrics;
    this.io = io;
    this.current = kept.filter(this::fresh);
  }

  public static Behavior<Command> create(WechatApiClient api, Clock clock, WechatSettings.Api settings, WechatMetrics metrics) {
    return create(api, clock, settings, metrics, () -> load(settings.tokenFile()));
  }

  /** {@code load} reads the kept token; it runs on the blocking-IO dispatcher, never on the actor's thread. */
  static Behavior<Command> create(
      WechatApiClient api, Clock clock, WechatSettings.Api settings, WechatMetrics metrics, Supplier<Optional<StoredToken>> load) {
    return Behaviors.setup(
        context ->
            Behaviors.withStash(
                STASH_CAPACITY,
                stash -> {
                  Executor io = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
                  context.pipeToSelf(
                      CompletableFuture.supplyAsync(load, io),
                      (kept, failure) -> {
                        if (failure != null) {
                          LOG.warn("cannot read the access token file {}: {}", settings.tokenFile(), failure.toString());
                          return new Loaded(Optional.empty());
                        }
                        return new Loaded(kept);
                      });
                  return Behaviors.receive(Command.class)
                      .onMessage(
                          Loaded.class,
                          loaded -> stash.unstashAll(new AccessTokenKeeper(context, api, clock, settings, metrics, io, loaded.token())))
                      .onAnyMessage(
                          waiting -> {
                            stash.stash(waiting);
                            return Behaviors.same();
                          })
                      .build();
                }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetToken.class, this::onGetToken)
        .onMessage(TokenRejected.class, this::onTokenRejected)
        .onMessage(Fetched.class, this::onFetched)
        .onMessage(FetchFailed.class, this::onFetchFailed)
        .build();
  }

  private Behavior<Command> onGetToken(GetToken get) {
    answerOrFetch(get.replyTo());
    return this;
  }

  private Behavior<Command> onTokenRejected(TokenRejected rejected) {
    if (current.isPresent() && current.get().accessToken().equals(rejected.token())) {
      LOG.info("WeChat rejected the access token; fetching a new one");
      current = Optional.empty();
    }
    answerOrFetch(rejected.replyTo());
    return this;
  }

  private void answerOrFetch(ActorRef<StatusReply<String>> replyTo) {
    if (current.isPresent() && fresh(current.get())) {
      replyTo.tell(StatusReply.success(current.get().accessToken()));
      return;
    }
    waiting.add(replyTo);
    if (!fetching) {
      fetching = true;
      getContext().pipeToSelf(api.fetchToken(), (token, failure) -> failure == null ? new Fetched(token) : new FetchFailed(failure));
    }
  }

  private Behavior<Command> onFetched(Fetched fetched) {
    fetching = false;
    metrics.accessTokenFetch("ok");
    StoredToken token = new StoredToken(fetched.token().value(), clock.instant().plus(fetched.token().expiresIn()));
    current = Optional.of(token);
    LOG.info("fetched a WeChat access token valid until {}", token.expiresAt());
    CompletableFuture.runAsync(() -> save(tokenFile, token), io);
    waiting.forEach(replyTo -> replyTo.tell(StatusReply.success(token.accessToken())));
    waiting.clear();
    return this;
  }

  private Behavior<Command> onFetchFailed(FetchFailed failed) {
    fetching = false;
    metrics.accessTokenFetch("failed");
    Throwable cause = failed.cause() instanceof java.util.concurrent.CompletionException && failed.cause().getCause() != null
        ? failed.cause().getCause()
        : failed.cause();
    LOG.warn("cannot fetch a WeChat access token: {}", String.valueOf(cause));
    waiting.forEach(replyTo -> replyTo.tell(StatusReply.error("no access token: " + cause.getMessage())));
    waiting.clear();
    return this;
  }

  private boolean fresh(StoredToken token) {
    return clock.instant().isBefore(token.expiresAt().minus(refreshBeforeExpiry));
  }

  private static Optional<StoredToken> load(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      StoredToken token = StatusJson.mapper().readValue(file.toFile(), StoredToken.class);
      return token.accessToken() == null || token.expiresAt() == null ? Optional.empty() : Optional.of(token);
    } catch (IOException e) {
      LOG.warn("ignoring unreadable access token file {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  /** Atomic and owner-only (a fresh temp file is created rw------- and renamed into place). */
  private static void save(Path file, StoredToken token) {
    try {
      AtomicFiles.write(file, StatusJson.mapper().writeValueAsBytes(token));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot keep the access token in {} (the next start fetches a new one): {}", file, e.toString());
    }
  }
}
