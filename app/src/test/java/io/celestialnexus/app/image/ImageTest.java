package io.celestialnexus.app.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image `mvn -Pimage package` writes (app/target/nexus-image.tar, OCI), read without a daemon: its
 * config (entrypoint with the launcher's JVM settings, non-root user, ports, volumes), its files, and, where this
 * test may chroot (root), the node itself run from the image's file system as the image's user. CI builds the image
 * first and sets NEXUS_REQUIRE_IMAGE=1; elsewhere a missing tarball skips these tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageTest {

  private static final Path TARBALL = Path.of("target", "nexus-image.tar");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, byte[]> blobs = new HashMap<>();
  private JsonNode manifest;
  private JsonNode config;

  @BeforeAll
  void readTheTarball() throws IOException {
    boolean present = Files.isRegularFile(TARBALL);
    if (!present && "1".equals(System.getenv("NEXUS_REQUIRE_IMAGE"))) {
      throw new AssertionError("the image is required (NEXUS_REQUIRE_IMAGE=1) but " + TARBALL.toAbsolutePath() + " is missing");
    }
    Assumptions.assumeTrue(present, "no image built (mvn -Pimage -DskipTests package)");
    try (var tar = new TarArchiveInputStream(Files.newInputStream(TARBALL))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isFile()) {
          blobs.put(entry.getName(), tar.readAllBytes());
        }
      }
    }
    JsonNode index = JSON.readTree(blobs.get("index.json"));
    manifest = JSON.readTree(blob(index.path("manifests").get(0).path("digest").asText()));
    config = JSON.readTree(blob(manifest.path("config").path("digest").asText())).path("config");
  }

  private byte[] blob(String digest) {
    return blobs.get("blobs/sha256/" + digest.substring("sha256:".length()));
  }

  @Test
  void itRunsTheNodeAsANonRootUserWithTheLaunchersJvmSettings() {
    List<String> entrypoint = texts(config.path("Entrypoint"));
    assertEquals("/opt/java/bin/java", entrypoint.get(0));
    assertTrue(entrypoint.contains("-XX:+UseParallelGC"), entrypoint.toString());
    assertTrue(entrypoint.contains("-XX:+ExitOnOutOfMemoryError"), entrypoint.toString());
    assertEquals("io.celestialnexus.app.Main", entrypoint.get(entrypoint.size() - 1));
    assertEquals(List.of("start"), texts(config.path("Cmd")));
    assertEquals("65532:65532", config.path("User").asText());
    assertTrue(config.path("ExposedPorts").has("8000/tcp") && config.path("ExposedPorts").has("9090/tcp"), config.toString());
    assertTrue(config.path("Volumes").has("/data") && config.path("Volumes").has("/logs"), config.toString());
    List<String> env = texts(config.path("Env"));
    assertTrue(env.containsAll(List.of("NEXUS_DATA_DIR=/data", "NEXUS_LOG_DIR=/logs", "AI_HEALTH_HOST=0.0.0.0")), env.toString());
  }

  @Test
  void itIsTaggedAsComposeAndKubernetesNameIt() throws IOException {
    JsonNode index = JSON.readTree(blobs.get("index.json"));
    String tag = index.path("manifests").get(0).path("annotations").path("org.opencontainers.image.ref.name").asText();
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "ops", "compose.yaml").toFile());
    assertEquals(compose.path("services").path("nexus").path("image").asText(), tag);
  }

  @Test
  void itHoldsTheRuntimeTheApplicationAndWritableDirectories() throws IOException {
    Map<String, TarArchiveEntry> files = new HashMap<>();
    for (JsonNode layer : manifest.path("layers")) {
      try (var tar = layer(layer)) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          files.put(entry.getName().replaceFirst("^\\./", "/").replaceFirst("^(?!/)", "/").replaceFirst("/$", ""), entry);
        }
      }
    }
    assertTrue((files.get("/opt/java/bin/java").getMode() & 0111) != 0, "java is executable");
    assertTrue(files.keySet().stream().anyMatch(name -> name.matches("/app/libs/nexus-engine-.*\\.jar")), "the engine's jar");
    assertTrue(files.containsKey("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), "a font for the charts");
    for (String dir : List.of("/data", "/logs", "/tmp")) {
      assertEquals(0777, files.get(dir).getMode() & 0777, dir + " is writable by the node's user");
    }
  }

  @Test
  void theNodeStartsFromTheImagesFilesAsTheImagesUser(@TempDir Path root) throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "chroot needs root");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "unshare (util-linux) is missing");
    for (JsonNode layer : manifest.path("layers")) {
      unpack(layer, root);
    }
    Files.createDirectories(root.resolve("proc"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x")); // the image's "/", not a private temp dir
    List<String> command =
        new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "--mount-proc=" + root.resolve("proc"), "chroot",
            "--userspec=" + config.path("User").asText(), root.toString()));
    command.addAll(texts(config.path("Entrypoint")));
    command.add("version");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("Pekko") && output.contains("Java 17"), output);
  }

  private TarArchiveInputStream layer(JsonNode layer) throws IOException {
    InputStream bytes = new java.io.ByteArrayInputStream(blob(layer.path("digest").asText()));
    return new TarArchiveInputStream(new GZIPInputStream(bytes));
  }

  private void unpack(JsonNode layer, Path root) throws IOException {
    try (var tar = layer(layer)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = root.resolve(entry.getName().replaceFirst("^[./]+", "")).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("layer entry outside the root: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
          continue;
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(permissions(entry.getMode())));
      }
    }
  }

  private static String permissions(int mode) {
    String all = "rwxrwxrwx";
    StringBuilder text = new StringBuilder();
    for (int bit = 8; bit >= 0; bit--) {
      text.append((mode & (1 << bit)) != 0 ? all.charAt(8 - bit) : '-');
    }
    return text.toString();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
