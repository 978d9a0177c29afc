package io.celestialnexus.bench;

import io.celestialnexus.bridge.fake.WeChatModel;
import io.celestialnexus.bridge.ui.UiDumpParser;
import io.celestialnexus.bridge.wechat.SelectorCatalog;
import io.celestialnexus.bridge.wechat.WeChatScreen;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Parse time of a large uiautomator dump: a WeChat group chat in the 8.0.4x layout, rendered by the fake phone
 * on a window three screens tall (what one dump of a busy screen weighs), parsed as the bridge parses every dump
 * (the bytes between the XML declaration and the last {@code </hierarchy>}, JDK DOM, no DTDs). Beside it, the
 * same with the messages read through the version's XPath selectors, and a normal one-screen dump.
 */
public final class UiDumpParseBench {

  private static final int WARMUP = 3_000;
  private static final int MEASURED = 2_000;
  private static final String[] SENDERS = {"妈妈", "爸爸", "小明", "姐姐", "舅舅", "奶奶"};
  private static final String[] TEXTS = {
    "晚饭吃什么？", "今天降温了，出门多穿点衣服", "周末回家吗？我们准备包饺子", "收到", "这个链接打不开，能再发一次吗",
    "下午三点在小区门口等你", "哈哈哈哈哈", "记得给奶奶打电话，她说想你了", "好的，没问题", "明天早上八点的高铁，别迟到"
  };

  public static void main(String[] args) throws Exception {
    Bench.scratch("ui-dump-parse");
    byte[] large = chat(7_200).dump();
    byte[] screen = chat(2_400).dump();
    WeChatScreen reader = new WeChatScreen(SelectorCatalog.load(Optional.empty()).forVersion("8.0.48"));
    UiDumpParser parser = new UiDumpParser();

    int messages = reader.messages(parser.parse(large)).size();
    Bench.note("large dump: %d bytes, %d nodes, %d messages; one-screen dump: %d bytes, %d nodes", large.length, nodes(large), messages,
        screen.length, nodes(screen));

    double[] parse = measure(() -> parser.parse(large));
    double[] read = measure(() -> reader.messages(parser.parse(large)));
    double[] oneScreen = measure(() -> parser.parse(screen));

    Bench.note("parse (large):            median %.3f ms, p99 %.3f ms", Bench.percentile(parse, 50), Bench.percentile(parse, 99));
    Bench.note("parse + read (large):     median %.3f ms, p99 %.3f ms", Bench.percentile(read, 50), Bench.percentile(read, 99));
    Bench.note("parse (one screen):       median %.3f ms", Bench.percentile(oneScreen, 50));
    Bench.result("ui-dump-parse.median", Bench.percentile(parse, 50), "ms");
    Bench.result("ui-dump-parse.p99", Bench.percentile(parse, 99), "ms");
    Bench.result("ui-dump-parse.read.median", Bench.percentile(read, 50), "ms");
    Bench.result("ui-dump-parse.screen.median", Bench.percentile(oneScreen, 50), "ms");
    Bench.result("ui-dump-parse.bytes", large.length, "bytes");
  }

  /** A group chat with many messages on a window {@code height} pixels tall. */
  private static WeChatModel chat(int height) {
    WeChatModel model = new WeChatModel().screenHeight(height).group("家庭群", 12);
    for (int i = 0; i < 80; i++) {
      if (i % 6 == 0) {
        model.time(String.format("%d:%02d", 9 + i / 12, (i * 7) % 60));
      }
      if (i % 4 == 3) {
        model.history("家庭群", "我", TEXTS[i % TEXTS.length], true);
      } else {
        model.history("家庭群", SENDERS[i % SENDERS.length], TEXTS[i % TEXTS.length], false);
      }
    }
    return model.open("家庭群");
  }

  private interface Work {
    Object run() throws Exception;
  }

  private static double[] measure(Work work) throws Exception {
    Object sink = null;
    for (int i = 0; i < WARMUP; i++) {
      sink = work.run();
    }
    double[] millis = new double[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      long start = System.nanoTime();
      sink = work.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    if (sink == null) {
      throw new IllegalStateException("nothing parsed");
    }
    return millis;
  }

  private static int nodes(byte[] dump) {
    String text = new String(dump, StandardCharsets.UTF_8);
    return text.split("<node ", -1).length - 1;
  }
}
