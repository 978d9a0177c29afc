package io.celestialnexus.http.wechat;

import io.celestialnexus.engine.chat.SkillRouter;
import io.celestialnexus.engine.status.StatusBoard;
import io.celestialnexus.engine.support.EngineClock;
import io.celestialnexus.engine.support.SettingsReader;
import io.celestialnexus.http.HttpMetrics;
import io.celestialnexus.http.HttpSettings;
import io.celestialnexus.http.NexusHttpServer;
import io.celestialnexus.http.connections.ConnectionGate;
import io.celestialnexus.http.connections.ConnectionSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;

/** A wechat listener as the guardian wires it (the wechat node, the gate, the routes) on a free loopback port. */
record TestListener(String baseUrl, WechatEdge.Services services) {

  static TestListener start(
      ActorTestKit testKit, WechatSettings settings, SkillRouter skills, ActorRef<StatusBoard.Command> board, MeterRegistry registry)
      throws Exception {
    var connections = ConnectionSettings.fromConfig(new SettingsReader(testKit.system().settings().config(), "nexus.http"));
    return start(testKit, settings, skills, board, registry, new ConnectionGate("wechat", connections, registry));
  }

  /** The same behind {@code gate}. */
  static TestListener start(
      ActorTestKit testKit,
      WechatSettings settings,
      SkillRouter skills,
      ActorRef<StatusBoard.Command> board,
      MeterRegistry registry,
      ConnectionGate connections)
      throws Exception {
    var system = testKit.system();
    var metrics = new WechatMetrics(registry);
    var started = new CompletableFuture<WechatEdge.Services>();
    testKit.spawn(WechatEdge.create(settings, board, metrics, EngineClock.system(), started));
    WechatEdge.Services services = started.get(10, TimeUnit.SECONDS);
    var gate =
        new ReplyGate(services.dedup(), services.rateLimiter(), skills, services.lateReplies(), system.scheduler(),
            system.executionContext(), settings, metrics);
    var routes = new WechatRoutes(new WechatEndpoint(settings, gate, metrics, EngineClock.system()), settings, metrics, new HttpMetrics(registry));
    var binding =
        NexusHttpServer.bind(system, new HttpSettings.Listener("127.0.0.1", 0), routes.route(), Duration.ofSeconds(1), connections)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return new TestListener("http://127.0.0.1:" + binding.localAddress().getPort(), services);
  }

  String webhook() {
    return baseUrl + "/wechat";
  }
}
