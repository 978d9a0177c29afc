package io.celestialnexus.engine.status;

/**
 * Where the status board hands every alert it raises or resolves, for delivery to people (the app's alert
 * dispatcher). It must not block: the board calls it on its own thread, so an implementation only enqueues.
 */
@FunctionalInterface
public interface AlertOutlet {

  /** An outlet that delivers nothing (alerts then only reach the log and {@code alerts.json}). */
  AlertOutlet NONE = notice -> {};

  void publish(AlertNotice notice);
}
