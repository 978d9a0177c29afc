package io.celestialnexus.http;

import io.celestialnexus.engine.ssq.loop.PredictionService;
import io.celestialnexus.engine.task.TaskActionRefused;
import io.celestialnexus.engine.task.UnknownTaskException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure and rejection into a JSON {@link ApiError} with the right status code. */
public final class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  public static Route respond(StatusCode status, String error, String detail) {
    return Directives.complete(status, new ApiError(error, detail), Json.marshaller());
  }

  public static Route notFound(String detail) {
    return respond(StatusCodes.NOT_FOUND, "not found", detail);
  }

  // built once: every measured route seals with them, on every request
  private static final RejectionHandler REJECTIONS = RejectionHandler.defaultHandler().mapRejectionResponse(ApiErrors::asJson);
  private static final ExceptionHandler EXCEPTIONS =
      ExceptionHandler.newBuilder()
          .match(CompletionException.class, e -> e.getCause() != null ? classify(e.getCause()) : internal(e))
          .matchAny(ApiErrors::classify)
          .build();

  /** Pekko's default rejection answers (405, 401 with its challenge, 400, ...) with their bodies as JSON. */
  public static RejectionHandler rejections() {
    return REJECTIONS;
  }

  /** Known failures get their own status; anything else is a 500 that names no internals. */
  public static ExceptionHandler exceptions() {
    return EXCEPTIONS;
  }

  private static Route classify(Throwable failure) {
    if (failure instanceof UnknownTaskException unknown) {
      return notFound(unknown.getMessage());
    }
    if (failure instanceof TaskActionRefused refused) {
      return respond(StatusCodes.CONFLICT, "conflict", refused.getMessage());
    }
    if (failure instanceof PredictionService.LoopNotReady notReady) {
      return respond(StatusCodes.SERVICE_UNAVAILABLE, "not ready", notReady.getMessage());
    }
    if (failure instanceof RejectedByLoop rejected) {
      return respond(StatusCodes.BAD_REQUEST, "bad request", rejected.getMessage());
    }
    if (failure instanceof TimeoutException) {
      return respond(StatusCodes.SERVICE_UNAVAILABLE, "engine busy", "the engine did not answer in time; try again");
    }
    return internal(failure);
  }

  private static Route internal(Throwable failure) {
    LOG.error("request failed", failure);
    return respond(StatusCodes.INTERNAL_SERVER_ERROR, "internal error", "the failure is logged on the server");
  }

  private static HttpResponse asJson(HttpResponse response) {
    String detail =
        response.status().intValue() == StatusCodes.CONTENT_TOO_LARGE.intValue()
            // pekko's text names its exception and config keys; the caller needs only the fact
            ? "the request body is larger than this server accepts"
            : response.entity() instanceof HttpEntity.Strict strict ? strict.getData().utf8String() : response.status().reason();
    var body = new ApiError(response.status().reason().toLowerCase(java.util.Locale.ROOT), detail);
    try {
      return response.withEntity(
          HttpEntities.create(
              org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON,
              io.celestialnexus.engine.status.StatusJson.mapper().writeValueAsBytes(body)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return response;
    }
  }
}
