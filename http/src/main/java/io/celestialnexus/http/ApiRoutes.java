package io.celestialnexus.http;

import io.celestialnexus.engine.backup.BackupSource;
import io.celestialnexus.engine.chaos.ChaosAssaults;
import io.celestialnexus.engine.cluster.ClusterPort;
import io.celestialnexus.engine.device.DeviceDirectory;
import io.celestialnexus.engine.ssq.loop.PredictionService;
import io.celestialnexus.engine.ssq.state.DrawStore;
import io.celestialnexus.engine.status.StatusPort;
import io.celestialnexus.engine.task.TaskControl;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Everything the {@code api} listener serves; anything else is a JSON 404 (also measured). The routes reach the
 * engine only through its ports, each of which bounds its answers by the engine's own ask timeout. Who may call
 * what is decided route by route through {@link ApiKeyAuth}; a key in the URL is refused before any route.
 */
public final class ApiRoutes extends AllDirectives {

  private final Route route;
  private final HttpMetrics metrics;

  /** A node without phones, prediction loop or chaos. */
  public ApiRoutes(
      StatusPort status, TaskControl tasks, DrawStore draws, HttpSettings settings, PrometheusMeterRegistry registry) {
    this(
        status, tasks, draws, DeviceDirectory.unavailable(), PredictionService.unavailable(), BackupSource.unavailable(), settings,
        registry, Optional.empty());
  }

  /** A node that runs alone (no cluster). */
  public ApiRoutes(
      StatusPort status,
      TaskControl tasks,
      DrawStore draws,
      DeviceDirectory devices,
      PredictionService predictions,
      BackupSource backups,
      HttpSettings settings,
      PrometheusMeterRegistry registry,
      Optional<ChaosAssaults> chaos) {
    this(status, tasks, draws, devices, predictions, backups, ClusterPort.off(), settings, registry, chaos);
  }

  /**
   * {@code chaos} is empty when chaos is disabled: its routes are then not mounted at all. A node without phones or
   * without the prediction loop passes the port's {@code unavailable()}: those routes stay described and answer so.
   */
  public ApiRoutes(
      StatusPort status,
      TaskControl tasks,
      DrawStore draws,
      DeviceDirectory devices,
      PredictionService predictions,
      BackupSource backups,
      ClusterPort cluster,
      HttpSettings settings,
      PrometheusMeterRegistry registry,
      Optional<ChaosAssaults> chaos) {
    this.metrics = new HttpMetrics(registry);
    var auth = new ApiKeyAuth(settings.access(), registry);
    var keyInUrl = metrics.template("key in url");
    Route chaosRoutes = chaos.map(assaults -> new ChaosRoutes(assaults, metrics, auth).route()).orElse(reject());
    Route served =
        concat(
            new HealthRoutes(status, metrics, auth).route(),
            new TaskRoutes(status, tasks, metrics, auth).route(),
            chaosRoutes,
            new DeviceRoutes(devices, metrics, auth).route(),
            new DrawRoutes(draws, metrics, auth, registry).route(),
            new SsqRoutes(predictions, metrics, auth).route(),
            new BackupRoutes(backups, metrics, auth, Clock.systemUTC()).route(),
            new KeyRoutes(settings.access().keys(), metrics, auth).route(),
            new ClusterRoutes(cluster, metrics, auth).route(),
            new MetricsRoute(registry, metrics, auth).route(),
            new DocsRoutes(metrics, auth).route(),
            metrics.template("unmatched").measure(() -> extractUri(uri -> ApiErrors.notFound("nothing is served at " + uri.path()))));
    this.route = auth.refuseKeyInUrl(keyInUrl, () -> served);
  }

  public Route route() {
    return route;
  }

  /** The route templates this listener serves (each one measured, each one to be described in the OpenAPI document). */
  public Set<String> templates() {
    return metrics.templates();
  }
}
