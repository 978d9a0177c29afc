package io.celestialnexus.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.celestialnexus.engine.device.DeviceDirectory;
import io.celestialnexus.engine.device.DeviceRequestRejected;
import io.celestialnexus.engine.device.OutgoingReceipt;
import io.celestialnexus.engine.device.OutgoingRequest;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import io.celestialnexus.http.access.Scope;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The phones: {@code GET /api/devices}, {@code GET /api/devices/{serial}}, {@code GET /api/devices/{serial}/screenshot.png}
 * (a key with the read scope, from anywhere: they show screens, chats and message texts) and {@code POST
 * /api/devices/{serial}/messages} (admin scope) with {@code {"chat": "...", "text": "...", "key": "..."}}.
 * A send answers 202 with the message's idempotency key once it is queued (200 when the key was already sent or
 * dead-lettered); the phone sends it in its turn. A phone's view carries its queue ({@code queued}: chat, preview,
 * length, attempts, age, last failure) and its dead letters (chat, reason, when). {@code POST
 * /api/devices/{serial}/dead-letters/{key}/replay} (admin scope) queues a dead letter again under its key. Reached only
 * through the engine's {@link DeviceDirectory}.
 */
public final class DeviceRoutes extends AllDirectives {

  /** The body of a send; {@code key} is optional (the bridge chooses one). */
  public record MessageBody(String chat, String text, String key) {}

  private final DeviceDirectory devices;
  private final HttpMetrics metrics;
  private final ApiKeyAuth auth;

  public DeviceRoutes(DeviceDirectory devices, HttpMetrics metrics, ApiKeyAuth auth) {
    this.devices = devices;
    this.metrics = metrics;
    this.auth = auth;
  }

  public Route route() {
    var all = metrics.template("/api/devices");
    var oneDevice = metrics.template("/api/devices/{serial}");
    var screen = metrics.template("/api/devices/{serial}/screenshot.png");
    var messages = metrics.template("/api/devices/{serial}/messages");
    var replay = metrics.template("/api/devices/{serial}/dead-letters/{key}/replay");
    return pathPrefix(
        "api",
        () ->
            pathPrefix(
                "devices",
                () ->
                    concat(
                        pathEnd(() -> all.measure(() -> get(() -> auth.require(Scope.READ, this::list)))),
                        path(segment(), serial -> oneDevice.measure(() -> get(() -> auth.require(Scope.READ, () -> one(serial))))),
                        path(segment().slash("screenshot.png"), serial -> screen.measure(() -> get(() -> auth.require(Scope.READ, () -> screenshot(serial))))),
                        path(
                            segment().slash("messages"),
                            serial -> messages.measure(() -> post(() -> auth.require(Scope.ADMIN, () -> send(serial))))),
                        path(
                            segment().slash("dead-letters").slash(segment()).slash("replay"),
                            (serial, key) ->
                                replay.measure(() -> post(() -> auth.require(Scope.ADMIN, () -> receipt(devices.replay(serial, key)))))))));
  }

  private Route list() {
    return onSuccess(devices.devices(), list -> complete(StatusCodes.OK, list, Json.marshaller()));
  }

  private Route one(String serial) {
    return onSuccess(
        devices.device(serial),
        device ->
            device
                .<Route>map(view -> complete(StatusCodes.OK, view, Json.marshaller()))
                .orElseGet(() -> ApiErrors.notFound("no phone with serial '" + serial + "'")));
  }

  private Route screenshot(String serial) {
    return answer(
        devices.screenshot(serial),
        png ->
            respondWithHeader(
                CacheControl.create(CacheDirectives.NO_STORE),
                () -> complete(HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.create(MediaTypes.IMAGE_PNG), png)))));
  }

  private Route send(String serial) {
    return entity(
        Json.unmarshaller(MessageBody.class),
        body ->
            receipt(devices.send(serial, new OutgoingRequest(body.chat(), body.text(), body.key()))));
  }

  /** 202 when the message was queued now, 200 when its key was already known. */
  private Route receipt(CompletionStage<OutgoingReceipt> stage) {
    return answer(
        stage,
        receipt ->
            complete(receipt.status() == OutgoingReceipt.Status.QUEUED ? StatusCodes.ACCEPTED : StatusCodes.OK, receipt, Json.marshaller()));
  }

  /** Completes with {@code success}, or answers a refusal with its status; anything else goes to {@link ApiErrors}. */
  private <T> Route answer(CompletionStage<T> stage, Function<T, Route> success) {
    return onComplete(
        stage,
        outcome -> {
          if (outcome.isSuccess()) {
            return success.apply(outcome.get());
          }
          Throwable failure = outcome.failed().get();
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
          if (cause instanceof DeviceRequestRejected rejected) {
            return refused(rejected);
          }
          return failWith(cause);
        });
  }

  private static Route refused(DeviceRequestRejected rejected) {
    StatusCode status =
        switch (rejected.reason()) {
          case UNKNOWN_DEVICE, UNKNOWN_MESSAGE -> StatusCodes.NOT_FOUND;
          case INVALID -> StatusCodes.BAD_REQUEST;
          case UNAVAILABLE, QUEUE_FULL -> StatusCodes.SERVICE_UNAVAILABLE;
        };
    String error =
        switch (rejected.reason()) {
          case UNKNOWN_DEVICE, UNKNOWN_MESSAGE -> "not found";
          case INVALID -> "invalid message";
          case UNAVAILABLE -> "phone unavailable";
          case QUEUE_FULL -> "queue full";
        };
    return ApiErrors.respond(status, error, rejected.getMessage());
  }
}
