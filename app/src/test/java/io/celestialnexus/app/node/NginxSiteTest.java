package io.celestialnexus.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped nginx site: what it lets through (only /wechat is public, the API behind an allowlist, plain HTTP
 * redirected), and that nginx itself accepts it ({@code nginx -t}) with a self-signed certificate made here. nginx
 * is Debian's {@code nginx} package; CI installs it and sets NEXUS_REQUIRE_NGINX=1, elsewhere its absence skips.
 */
class NginxSiteTest {

  private static final Path SITE = Path.of("..", "ops", "nginx", "nexus.conf");
  private static final Path NGINX = Path.of("/usr/sbin/nginx");

  @TempDir Path dir;

  @Test
  void nginxAcceptsTheSiteWithACertificate() throws Exception {
    boolean present = Files.isExecutable(NGINX);
    if (!present && "1".equals(System.getenv("NEXUS_REQUIRE_NGINX"))) {
      throw new AssertionError("nginx is required (NEXUS_REQUIRE_NGINX=1) but " + NGINX + " is missing");
    }
    Assumptions.assumeTrue(present, "nginx not installed (apt-get install nginx)");
    Path cert = dir.resolve("nexus.pem");
    Path key = dir.resolve("nexus.key");
    String made =
        run(
            List.of(
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=nexus.example.org",
                "-keyout", key.toString(), "-out", cert.toString()));
    assertTrue(Files.size(cert) > 0, made);
    // the site as installed, with the certificate and log made here instead of the system's
    String site =
        Files.readString(SITE)
            .replace("/etc/ssl/certs/nexus.pem", cert.toString())
            .replace("/etc/ssl/private/nexus.key", key.toString())
            .replace("/var/log/nginx/nexus.access.log", dir.resolve("access.log").toString());
    Files.writeString(dir.resolve("nexus.conf"), site);
    Path wrapper = dir.resolve("nginx.conf");
    Files.writeString(
        wrapper,
        "pid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log") + ";\nevents {}\nhttp {\n  access_log off;\n  include "
            + dir.resolve("nexus.conf") + ";\n}\n");
    String output = run(List.of(NGINX.toString(), "-t", "-p", dir.toString(), "-e", dir.resolve("error.log").toString(), "-c", wrapper.toString()));
    assertTrue(output.contains("test is successful"), output);
  }

  @Test
  void onlyTheWebhookIsPublicAndTheApiIsBehindAnAllowlist() throws IOException {
    String site = Files.readString(SITE);
    List<String> locations = Pattern.compile("location\\s+([^{]+)\\{").matcher(site).results().map(m -> m.group(1).strip()).toList();
    assertEquals(List.of("= /wechat", "/"), locations);
    String webhook = block(site, "location = /wechat");
    assertFalse(webhook.contains("deny"), webhook);
    String api = block(site, "location / ");
    assertTrue(api.contains("allow 127.0.0.1;") && api.contains("deny all;"), api);
    assertTrue(api.indexOf("allow 127.0.0.1;") < api.indexOf("deny all;"), api);
    assertTrue(api.contains("proxy_set_header X-Real-IP $remote_addr;"), "the node throttles wrong keys per client by it");
  }

  /**
   * The node exempts loopback (this proxy) from its per-client limit, so the proxy must limit clients with the same
   * numbers, and drop idle upstream connections before the node's idle timeout closes them.
   */
  @Test
  void theProxyLimitsClientsAsTheNodeWouldAndKeepsItsUpstreamPoolBelowTheNodesIdleTimeout() throws IOException {
    var connections = io.celestialnexus.http.connections.ConnectionSettings.fromConfig(
        new io.celestialnexus.engine.support.SettingsReader(com.typesafe.config.ConfigFactory.defaultReference(), "nexus.http"));
    assertTrue(connections.exemptLoopback(), "the node counts on this proxy to limit clients");
    String site = Files.readString(SITE);
    String tls = site.substring(site.indexOf("listen 443 ssl")); // the TLS server, to the end of the site
    assertTrue(tls.contains("limit_conn nexus_per_client " + connections.maxPerClient() + ";"), tls);
    assertTrue(tls.contains("client_header_timeout " + connections.requestHeaderTimeout().toSeconds() + "s;"), tls);
    for (String upstream : List.of("upstream nexus_api", "upstream nexus_wechat")) {
      String pool = block(site, upstream);
      var timeout = Pattern.compile("keepalive_timeout (\\d+)s;").matcher(pool);
      assertTrue(timeout.find(), pool);
      assertTrue(Integer.parseInt(timeout.group(1)) < connections.idleTimeout().toSeconds(), pool);
    }
  }

  @Test
  void plainHttpOnlyRedirectsToHttps() throws IOException {
    String site = Files.readString(SITE);
    String plain = block(site, "server {");
    assertTrue(plain.contains("listen 80;"), plain);
    assertTrue(plain.contains("return 301 https://$host$request_uri;"), plain);
    assertFalse(plain.contains("proxy_pass"), plain);
  }

  /** The text of the first {@code { ... }} block opened by {@code opening}, braces balanced. */
  private static String block(String text, String opening) {
    int start = text.indexOf(opening);
    assertTrue(start >= 0, "no '" + opening + "' in the site");
    int depth = 0;
    for (int i = text.indexOf('{', start); i < text.length(); i++) {
      if (text.charAt(i) == '{') {
        depth++;
      } else if (text.charAt(i) == '}' && --depth == 0) {
        return text.substring(start, i + 1);
      }
    }
    throw new AssertionError("unbalanced braces after '" + opening + "'");
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), command + " did not finish");
    assertEquals(0, process.exitValue(), command.get(0) + " failed:\n" + output);
    return output;
  }
}
