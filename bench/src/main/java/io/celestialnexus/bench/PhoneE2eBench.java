package io.celestialnexus.bench;

import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.bridge.fake.FakeAdbd;
import io.celestialnexus.bridge.fake.WeChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * End to end through a whole node: a message appears unread on the fake phone (a Java adbd reached over TCP by
 * dadb) until the reply's send tap. The path is the real one: the phone's round dumps the chat list, opens the chat,
 * checks its title, reads the bubbles, hands the message to the device actor, the skill router answers, and the
 * reply is sent in the chat still open ({@code poll.answer-wait}): it looks at the chat's tail, types through the ADB
 * Keyboard broadcast, checks the input, taps send.
 *
 * <p>Two runs, each on a node of its own:
 * <ul>
 *   <li><b>paused</b>: the shipped settings (poll every 3 s ±20 %, a human pause of 0.3–3 s after every tap and
 *       typing). Messages arrive at random moments (2–6 s after the previous reply), as people write; between
 *       arrival and send tap lie on average half a poll interval and three pauses (open the chat, focus the input,
 *       type), so about 1.5 s + 3 × 1.65 s (before the reply was typed in the chat just read, five: going back to the
 *       list and opening the chat again added two). Target: median <= 10 s.
 *   <li><b>unpaused</b>: pauses 0 and a 10 ms poll: what the bridge itself adds (dumps, parsing, actor hops).
 * </ul>
 * Each run also counts replies beyond one per message (repeats), which would inflate the latency of the next.
 * The fake acknowledges TCP segments at once (as adbd, it also sets TCP_NODELAY): dadb leaves Nagle on, so against a
 * phone reached directly whose TCP delays ACKs, each ADB operation can wait up to 40 ms more.
 *
 * <p>Arguments: {@code [paused messages (default 25)] [unpaused messages (default 200)]}.
 */
public final class PhoneE2eBench {

  private static final String SHIPPED = "";
  private static final String UNPAUSED = " poll { interval = 10ms, jitter = 0 }\n pauses { min = 0s, max = 0s }\n";

  public static void main(String[] args) throws Exception {
    int paused = args.length > 0 ? Integer.parseInt(args[0]) : 25;
    int unpaused = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path dir = Bench.scratch("phone-e2e");
    Run fast = run(dir.resolve("unpaused"), UNPAUSED, 30, unpaused, Duration.ZERO, Duration.ZERO);
    Run slow = run(dir.resolve("paused"), SHIPPED, 2, paused, Duration.ofSeconds(2), Duration.ofSeconds(6));

    Bench.note("unpaused (poll 10 ms, pauses 0): %d messages, median %.1f ms, p90 %.1f ms, max %.1f ms, %d repeats",
        unpaused, Bench.percentile(fast.millis, 50), Bench.percentile(fast.millis, 90), Bench.percentile(fast.millis, 100), fast.repeats);
    Bench.note("paused (shipped: poll 3 s, pauses 0.3-3 s): %d messages, median %.2f s, p90 %.2f s, max %.2f s, %d repeats",
        paused, Bench.percentile(slow.millis, 50) / 1000, Bench.percentile(slow.millis, 90) / 1000, Bench.percentile(slow.millis, 100) / 1000,
        slow.repeats);
    Bench.result("phone-e2e.unpaused.median", Bench.percentile(fast.millis, 50), "ms");
    Bench.result("phone-e2e.unpaused.p90", Bench.percentile(fast.millis, 90), "ms");
    Bench.result("phone-e2e.unpaused.max", Bench.percentile(fast.millis, 100), "ms");
    Bench.result("phone-e2e.unpaused.repeats", fast.repeats, "replies");
    Bench.result("phone-e2e.paused.median", Bench.percentile(slow.millis, 50) / 1000, "s");
    Bench.result("phone-e2e.paused.p90", Bench.percentile(slow.millis, 90) / 1000, "s");
    Bench.result("phone-e2e.paused.max", Bench.percentile(slow.millis, 100) / 1000, "s");
    Bench.result("phone-e2e.paused.repeats", slow.repeats, "replies");
    System.exit(0);
  }

  /** The latencies of {@code measured} messages, and the replies sent beyond one per message. */
  private record Run(double[] millis, long repeats) {}

  private static Run run(Path dir, String settings, int warmup, int measured, Duration minGap, Duration maxGap) throws Exception {
    java.nio.file.Files.createDirectories(dir);
    WeChatModel model = new WeChatModel().chat("张三").history("张三", "张三", "你好", false);
    try (FakeAdbd phone = FakeAdbd.start(model);
        NexusNode node =
            Bench.node(
                dir,
                List.of(),
                "nexus.bridge {\n devices = [{ serial = \"bench-phone\", connection = direct, host = \"127.0.0.1\", port = "
                    + phone.port() + " }]\n" + settings + "}\n")) {
      Bench.note("node up at %s, phone at 127.0.0.1:%d", node.apiAddress(), phone.port());
      for (int i = 0; i < warmup; i++) {
        roundTrip(model, "预热" + i);
        gap(minGap, maxGap);
      }
      long repeats = drain(model, Duration.ZERO);
      double[] millis = new double[measured];
      for (int i = 0; i < measured; i++) {
        millis[i] = roundTrip(model, "第" + i + "条：今天运势如何？");
        gap(minGap, maxGap);
        repeats += drain(model, Duration.ZERO); // a reply sent again would land before the next message
      }
      repeats += drain(model, maxGap.plusSeconds(5)); // a round or two after the last reply
      return new Run(millis, repeats);
    }
  }

  /** One message in, one reply out: milliseconds from its arrival to the reply's send tap. */
  private static double roundTrip(WeChatModel model, String text) throws InterruptedException {
    long arrived = model.incoming("张三", "张三", text);
    WeChatModel.Sent reply = model.awaitSend(Duration.ofSeconds(60));
    if (reply == null) {
      throw new IllegalStateException("no reply to '" + text + "' within 60 s");
    }
    return (reply.tapNanos() - arrived) / 1e6;
  }

  /** Sends that no message asked for (waiting up to {@code patience} for the first). */
  private static long drain(WeChatModel model, Duration patience) throws InterruptedException {
    long extra = 0;
    for (Duration wait = patience; model.awaitSend(wait) != null; wait = Duration.ZERO) {
      extra++;
    }
    return extra;
  }

  /** A random wait in [min, max]: the next message arrives at an arbitrary moment of the phone's round. */
  private static void gap(Duration min, Duration max) throws InterruptedException {
    long span = max.toMillis() - min.toMillis();
    Thread.sleep(min.toMillis() + (span <= 0 ? 0 : ThreadLocalRandom.current().nextLong(span + 1)));
  }
}
