package io.celestialnexus.app.cli;

import io.celestialnexus.app.node.NodeSettings;
import io.celestialnexus.http.wechat.WechatSignature;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * WeChat's URL verification handshake against {@code URL}: a GET signed with the configured token and a random
 * {@code echostr}, which must come back exactly. Prints PASS or FAIL; exit 0 or 1.
 */
@Command(name = "verify", description = "Perform WeChat's GET handshake against URL; PASS (exit 0) or FAIL (exit 1).")
public final class WechatVerifyCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "URL", description = "The webhook, e.g. https://example.org/wechat")
  String url;

  @Override
  public Integer call() throws Exception {
    NodeSettings settings = config.settings();
    String token = WechatCli.token(settings);
    PrintWriter out = spec.commandLine().getOut();
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L));
    String echo = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, Long.MAX_VALUE));
    URI target =
        URI.create(url + (url.contains("?") ? "&" : "?") + "signature=" + WechatSignature.sign(token, timestamp, nonce) + "&timestamp="
            + timestamp + "&nonce=" + nonce + "&echostr=" + echo);
    long start = System.nanoTime();
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
              .send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).GET().build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      out.println("FAIL  " + url + ": " + e);
      out.flush();
      return 1;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (response.statusCode() == 200 && response.body().equals(echo)) {
      out.println("PASS  " + url + " echoed echostr (HTTP 200, " + millis + " ms)");
      out.flush();
      return 0;
    }
    out.println("FAIL  " + url + ": HTTP " + response.statusCode() + ", expected the echostr back, got: " + WechatCli.abbreviate(response.body()));
    out.flush();
    return 1;
  }
}
