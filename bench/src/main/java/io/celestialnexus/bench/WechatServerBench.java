package io.celestialnexus.bench;

import io.celestialnexus.app.node.NexusNode;
import io.celestialnexus.http.wechat.WechatCrypto;
import io.celestialnexus.http.wechat.WechatSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wechat listener under load: encrypted text messages ("帮助", answered by the local menu skill, encrypted reply),
 * each with a unique MsgId and a valid signature, from a whole node on loopback.
 *
 * <ol>
 *   <li>{@code wrk} (Debian, a C generator) paced at about {@code RATE} msg/s: {@code PACED_CONNECTIONS} keep-alive
 *       connections, each pausing so that together they offer the target rate; p50/p99 as wrk measures them (from
 *       each request's send). This is the headline figure.
 *   <li>Our own open loop in Java at {@code RATE} msg/s (after a warm-up): each request is queued at its scheduled
 *       time whether or not earlier ones were answered, and its latency measured from that time (no coordinated
 *       omission). It runs in the node's process, so on two cores its own CPU caps what it can offer; the CPU per
 *       message it prints covers server and generator together.
 *   <li>{@code wrk} closed loop at saturation for the most the node answers per second.
 * </ol>
 * The rate limit is off (every message comes from its own simulated user anyway); generators share the two cores.
 */
public final class WechatServerBench {

  private static final int RATE = Integer.getInteger("rate", 5_000);
  private static final int WARMUP_SECONDS = Integer.getInteger("warmup", 5);
  private static final int SECONDS = Integer.getInteger("seconds", 20);
  private static final int WRK_SECONDS = Integer.getInteger("wrkSeconds", 10);
  private static final int CONNECTIONS = Integer.getInteger("connections", 64);
  private static final int PACED_CONNECTIONS = 32;
  private static final String TOKEN = "bench-token";
  private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private static final String APP_ID = "wx0123456789abcdef";
  private static final String ACCOUNT = "gh_bench_account";

  public static void main(String[] args) throws Exception {
    Path dir = Bench.scratch("wechat-server");
    NexusNode node =
        Bench.node(
            dir,
            List.of(),
            "nexus.http.wechat { port = 0, token = " + TOKEN + ", encoding-aes-key = " + AES_KEY + ", app-id = " + APP_ID
                + ", original-id = " + ACCOUNT + ", rate-limit.per-minute = 0, dedup.max-entries = 400000 }\n");
    try {
      String base = "http://127.0.0.1:" + node.wechatAddress().orElseThrow().getPort();
      WechatCrypto crypto = new WechatCrypto(WechatCrypto.decodeKey(AES_KEY), APP_ID);
      AtomicInteger ids = new AtomicInteger();

      int warmup = RATE * WARMUP_SECONDS;
      int measured = RATE * SECONDS;
      Bench.note("open loop: %d msg/s, %d s warm-up + %d s measured; preparing %d messages", RATE, WARMUP_SECONDS, SECONDS, warmup + measured);
      List<byte[]> requests = new ArrayList<>(warmup + measured);
      for (int i = 0; i < warmup + measured; i++) {
        requests.add(message(crypto, ids.incrementAndGet()).httpRequest());
      }
      int port = node.wechatAddress().orElseThrow().getPort();
      OpenLoop warm = openLoop(port, requests.subList(0, warmup));
      Bench.note("warm-up: %d answered, %d failed", warm.answered(), warm.failed());
      long cpuBefore = processCpuNanos();
      double from = uptimeSeconds();
      OpenLoop run = openLoop(port, requests.subList(warmup, warmup + measured));
      Bench.note("open loop measured from %.1f s to %.1f s of JVM uptime (to match a GC log)", from, uptimeSeconds());
      double cpuMicros = (processCpuNanos() - cpuBefore) / 1e3 / measured;
      requests.clear();
      double p50 = Bench.percentile(run.latenciesMillis(), 50);
      double p99 = Bench.percentile(run.latenciesMillis(), 99);
      double throughput = run.answered() / run.seconds();
      Bench.note("open loop: %d sent at %d/s, %d answered with an encrypted reply, %d failed, in %.2f s: %.0f msg/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms",
          measured, RATE, run.answered(), run.failed(), run.seconds(), throughput, p50, p99, Bench.percentile(run.latenciesMillis(), 100));
      Bench.result("wechat-server.open-loop-java.throughput", throughput, "msg/s");
      Bench.result("wechat-server.open-loop-java.p50", p50, "ms");
      Bench.result("wechat-server.open-loop-java.p99", p99, "ms");
      Bench.result("wechat-server.open-loop-java.failed", run.failed(), "requests");
      // this machine is shared: CPU time per message (server and generator together) says what two idle cores would carry
      Bench.note("CPU per message (node + load generator, one process): %.0f us, i.e. about %.0f msg/s on 2 idle cores",
          cpuMicros, 2e6 / cpuMicros);
      Bench.result("wechat-server.cpu-per-msg", cpuMicros, "us");
      Bench.note("load average during the run: %.2f on %d cores", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());

      Path script = wrkScript(dir);
      if (script != null) {
        // pause per connection so that PACED_CONNECTIONS of them offer about RATE msg/s (a connection waits for its
        // answer, about a millisecond, and then this pause)
        int pause = Math.max(1, PACED_CONNECTIONS * 1000 / RATE - 1);
        Wrk paced = wrk(dir, script, base, crypto, ids, PACED_CONNECTIONS, pause, SECONDS);
        if (paced != null) {
          Bench.note("wrk, paced: %d connections each pausing %d ms, %d s: %.0f msg/s, %d errors/non-2xx, p50 %.2f ms, p99 %.2f ms",
              PACED_CONNECTIONS, pause, SECONDS, paced.rate(), paced.bad(), paced.p50(), paced.p99());
          Bench.result("wechat-server.throughput", paced.rate(), "msg/s");
          Bench.result("wechat-server.p50", paced.p50(), "ms");
          Bench.result("wechat-server.p99", paced.p99(), "ms");
          Bench.result("wechat-server.failed", paced.bad(), "requests");
        }
        Wrk saturated = wrk(dir, script, base, crypto, ids, 64, 0, WRK_SECONDS);
        if (saturated != null) {
          Bench.note("wrk, closed loop, 64 connections, %d s: %.0f msg/s, %d errors/non-2xx, p50 %.2f ms, p99 %.2f ms (at saturation)",
              WRK_SECONDS, saturated.rate(), saturated.bad(), saturated.p50(), saturated.p99());
          Bench.result("wechat-server.max-throughput", saturated.rate(), "msg/s");
        }
      }
    } finally {
      node.close();
    }
    System.exit(0);
  }

  private static double uptimeSeconds() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** One pre-signed, pre-encrypted request. */
  record Message(String pathAndQuery, String body) {

    byte[] httpRequest() {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\nContent-Length: " + bytes.length
              + "\r\n\r\n";
      byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
      byte[] request = java.util.Arrays.copyOf(headBytes, headBytes.length + bytes.length);
      System.arraycopy(bytes, 0, request, headBytes.length, bytes.length);
      return request;
    }
  }

  static Message message(WechatCrypto crypto, int id) {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = Integer.toString(100_000_000 + id);
    String xml =
        "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[o_bench_user_" + id
            + "]]></FromUserName><CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content><MsgId>"
            + (6_000_000_000_000_000_000L + id) + "</MsgId></xml>";
    String encrypt = crypto.encrypt(xml);
    String query =
        "/wechat?signature=" + WechatSignature.sign(TOKEN, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce
            + "&encrypt_type=aes&msg_signature=" + WechatSignature.sign(TOKEN, timestamp, nonce, encrypt);
    return new Message(query, "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>");
  }

  /** Latencies (from each request's scheduled time) of the answered requests, failures, and the wall time. */
  record OpenLoop(double[] latenciesMillis, int answered, int failed, double seconds) {}

  /**
   * Sends {@code requests} at {@code RATE}/s over a fixed pool of keep-alive connections: each request is queued at its
   * scheduled time and taken by the next free connection, so a slow server makes the queue (and the measured latency,
   * counted from the scheduled time) grow instead of slowing the schedule.
   */
  static OpenLoop openLoop(int port, List<byte[]> requests) throws Exception {
    int n = requests.size();
    long[] latencies = new long[n];
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(n);
    BlockingQueue<long[]> queue = new LinkedBlockingQueue<>();
    long[] lastDone = new long[1];
    List<Thread> workers = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      Thread worker =
          new Thread(
              () -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                  socket.setTcpNoDelay(true);
                  OutputStream out = socket.getOutputStream();
                  BufferedInputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                  while (true) {
                    long[] job = queue.take();
                    if (job[0] < 0) {
                      return;
                    }
                    int index = (int) job[0];
                    out.write(requests.get(index));
                    out.flush();
                    boolean ok = readResponse(in);
                    long now = System.nanoTime();
                    if (ok) {
                      latencies[index] = now - job[1];
                      answered.incrementAndGet();
                    } else {
                      latencies[index] = -1;
                      failed.incrementAndGet();
                    }
                    synchronized (lastDone) {
                      lastDone[0] = Math.max(lastDone[0], now);
                    }
                    done.countDown();
                  }
                } catch (IOException | InterruptedException e) {
                  System.err.println("bench: connection ended: " + e);
                }
              },
              "load-" + c);
      worker.start();
      workers.add(worker);
    }
    long period = 1_000_000_000L / RATE;
    long start = System.nanoTime() + 10_000_000L;
    for (int i = 0; i < n; i++) {
      long scheduled = start + i * period;
      long wait;
      while ((wait = scheduled - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      queue.add(new long[] {i, scheduled});
    }
    boolean finished = done.await(3, TimeUnit.MINUTES);
    for (int c = 0; c < CONNECTIONS; c++) {
      queue.add(new long[] {-1, 0});
    }
    for (Thread worker : workers) {
      worker.join(10_000);
    }
    if (!finished) {
      throw new IllegalStateException(done.getCount() + " requests never completed");
    }
    double[] millis = java.util.Arrays.stream(latencies).filter(latency -> latency >= 0).mapToDouble(latency -> latency / 1e6).toArray();
    double seconds;
    synchronized (lastDone) {
      seconds = (lastDone[0] - start) / 1e9;
    }
    return new OpenLoop(millis, answered.get(), failed.get(), seconds);
  }

  /** Reads one HTTP/1.1 response with a Content-Length; true for 200 with an encrypted reply. */
  static boolean readResponse(BufferedInputStream in) throws IOException {
    String status = line(in);
    int length = 0;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(header.substring(15).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    return status.startsWith("HTTP/1.1 200") && new String(body, 0, Math.min(body.length, 14), StandardCharsets.US_ASCII).equals("<xml><Encrypt>");
  }

  private static String line(BufferedInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    if (b == -1 && line.length() == 0) {
      throw new IOException("connection closed");
    }
    return line.toString();
  }

  /** What wrk reported. */
  record Wrk(double rate, long bad, double p50, double p99) {}

  /** The wrk script, or null (said so) when wrk is not installed. */
  static Path wrkScript(Path dir) throws IOException {
    if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
      Bench.note("wrk is not installed (apt-get install wrk): skipping the wrk figures");
      return null;
    }
    Path script = dir.resolve("wechat-wrk.lua");
    try (InputStream in = WechatServerBench.class.getResourceAsStream("/wechat-wrk.lua")) {
      Files.write(script, in.readAllBytes());
    }
    return script;
  }

  /** One wrk run over fresh messages: {@code connections}, each pausing {@code pauseMillis} between requests. */
  static Wrk wrk(Path dir, Path script, String base, WechatCrypto crypto, AtomicInteger ids, int connections, int pauseMillis, int seconds)
      throws IOException, InterruptedException {
    int count = (pauseMillis == 0 ? 30_000 : RATE * 2) * seconds;
    Path lines = dir.resolve("wrk-requests-" + connections + "-" + pauseMillis + ".tsv");
    try (var out = Files.newBufferedWriter(lines, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        Message message = message(crypto, ids.incrementAndGet());
        out.write(message.pathAndQuery());
        out.write('\t');
        out.write(message.body());
        out.write('\n');
      }
    }
    int threads = 2;
    double from = uptimeSeconds();
    Process wrk =
        new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(), base,
                "--", lines.toString(), Integer.toString(threads), Integer.toString(pauseMillis))
            .redirectErrorStream(true)
            .start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    wrk.waitFor(seconds + 120L, TimeUnit.SECONDS);
    Bench.note("wrk with %d connections ran from %.1f s to %.1f s of JVM uptime", connections, from, uptimeSeconds());
    Matcher summary = Pattern.compile("WRK requests=(\\d+) duration_us=(\\d+) errors=(\\d+) non2xx=(\\d+) p50_us=(\\d+) p99_us=(\\d+)").matcher(output);
    if (!summary.find()) {
      Bench.note("wrk did not report:%n%s", output);
      return null;
    }
    long requests = Long.parseLong(summary.group(1));
    double elapsed = Long.parseLong(summary.group(2)) / 1e6;
    long bad = Long.parseLong(summary.group(3)) + Long.parseLong(summary.group(4));
    return new Wrk(requests / elapsed, bad, Long.parseLong(summary.group(5)) / 1000.0, Long.parseLong(summary.group(6)) / 1000.0);
  }
}
