package io.celestialnexus.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * One look at the database: can we connect, does it answer, is the schema there. Blocking: the caller runs it
 * off the actor threads and bounds it with its own timeout as well.
 */
public final class StorageCheck {

  /** Whether the journal can be used now, and a sentence saying why or why not. */
  public record Result(boolean up, String detail) {}

  private StorageCheck() {}

  public static Result run(StorageSettings settings, Duration timeout) {
    try (Connection connection = Jdbc.open(settings, timeout)) {
      if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
        return new Result(false, settings.describe() + " does not answer");
      }
      List<String> missing = StorageSchema.missing(connection);
      if (!missing.isEmpty()) {
        return new Result(false, StorageSchema.missingMessage(settings, missing));
      }
      return new Result(true, settings.describe() + " reachable, schema present");
    } catch (SQLException e) {
      return new Result(false, settings.describe() + " unreachable: " + firstLine(e));
    }
  }

  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
