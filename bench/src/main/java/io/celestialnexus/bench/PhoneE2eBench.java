package io.celestialnexus.bench;

import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.bridge.fake.FakeAdbd;
import io.celestialnexus.bridge.fake.WeChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * End to end through a whole node: a message appears unread on the fake phone (a Java adbd reached over TCP by
 * dadb) until the reply's send tap, with human pauses set to zero. The path is the real one: the phone's round
 * dumps the chat list, opens the chat, checks its title, reads the bubbles, hands the message to the device
 * actor, the skill router answers, and the next round's send opens the chat, counts bubbles, types through the
 * ADB Keyboard broadcast, checks the input, taps send. The poll interval (how often the chat list is read) is
 * part of the latency: this run uses 10 ms; with the shipped 3 s a message waits 1.5 s on average before it is
 * even seen. The fake acknowledges TCP segments at once (as adbd, it also sets TCP_NODELAY): dadb leaves Nagle on,
 * so against a phone reached directly whose TCP delays ACKs, each ADB operation can wait up to 40 ms more.
 */
public final class PhoneE2eBench {

  private static final int WARMUP = 30;
  private static final int MEASURED = 200;

  public static void main(String[] args) throws Exception {
    Path dir = Bench.scratch("phone-e2e");
    WeChatModel model = new WeChatModel().chat("张三").history("张三", "张三", "你好", false);
    try (FakeAdbd phone = FakeAdbd.start(model);
        NexusNode node =
            Bench.node(
                dir,
                List.of(),
                "nexus.bridge {\n devices = [{ serial = \"bench-phone\", connection = direct, host = \"127.0.0.1\", port = "
                    + phone.port() + " }]\n poll { interval = 10ms, jitter = 0 }\n pauses { min = 0s, max = 0s }\n}\n")) {
      Bench.note("node up at %s, phone at 127.0.0.1:%d", node.apiAddress(), phone.port());
      for (int i = 0; i < WARMUP; i++) {
        roundTrip(model, "预热" + i);
      }
      double[] millis = new double[MEASURED];
      for (int i = 0; i < MEASURED; i++) {
        millis[i] = roundTrip(model, "第" + i + "条：今天运势如何？");
      }
      Bench.note("%d messages: median %.1f ms, p95 %.1f ms, max %.1f ms (poll interval 10 ms, pauses 0)", MEASURED,
          Bench.percentile(millis, 50), Bench.percentile(millis, 95), Bench.percentile(millis, 100));
      Bench.result("phone-e2e.median", Bench.percentile(millis, 50), "ms");
      Bench.result("phone-e2e.p95", Bench.percentile(millis, 95), "ms");
      Bench.result("phone-e2e.max", Bench.percentile(millis, 100), "ms");
    }
    System.exit(0);
  }

  /** One message in, one reply out: milliseconds from its arrival to the reply's send tap. */
  private static double roundTrip(WeChatModel model, String text) throws InterruptedException {
    long arrived = model.incoming("张三", "张三", text);
    WeChatModel.Sent reply = model.awaitSend(Duration.ofSeconds(30));
    if (reply == null) {
      throw new IllegalStateException("no reply to '" + text + "' within 30 s");
    }
    return (reply.tapNanos() - arrived) / 1e6;
  }
}
