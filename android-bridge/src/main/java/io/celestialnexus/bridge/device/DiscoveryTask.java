package io.celestialnexus.bridge.device;

import io.celestialnexus.bridge.BridgeSettings;
import io.celestialnexus.bridge.adb.AdbServerClient;
import io.celestialnexus.engine.task.Task;
import io.celestialnexus.engine.task.TaskContext;
import io.celestialnexus.engine.task.TaskSettings;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Reads the adb server's device list every discovery interval and tells {@link DeviceManager}, which drives
 * each new phone. Runs as the engine task {@code adb-discovery}: an adb server that is down fails the step and
 * is retried with backoff, visible in status like any task.
 */
final class DiscoveryTask implements Task {

  static final String NAME = "adb-discovery";

  private final BridgeSettings settings;
  private final ActorRef<DeviceManager.Command> manager;

  DiscoveryTask(BridgeSettings settings, ActorRef<DeviceManager.Command> manager) {
    this.settings = settings;
    this.manager = manager;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TaskSettings settings() {
    return settings.discoveryTask();
  }

  @Override
  public Map<String, Object> step(TaskContext context) throws Exception {
    var discovery = settings.discovery();
    List<AdbServerClient.ListedDevice> listed = AdbServerClient.devices(discovery.host(), discovery.port(), settings.adb().connectTimeout());
    manager.tell(new DeviceManager.Discovered(listed));
    return Map.of("adbServer", discovery.host() + ":" + discovery.port(), "listed", listed.size());
  }
}
