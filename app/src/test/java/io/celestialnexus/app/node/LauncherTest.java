package io.celestialnexus.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code ./nexus}) run with a fake {@code java} that prints the arguments it was given: the JVM
 * flags the service really starts with (heap limit, exit on out-of-memory, collector) and how an operator overrides
 * them. The script is copied next to a fresh jar so that it never builds.
 */
class LauncherTest {

  @TempDir Path root;

  private Path fakeJava;

  @BeforeEach
  void layOut() throws IOException {
    Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("nexus");
    Files.copy(script, root.resolve("nexus"));
    Files.setPosixFilePermissions(root.resolve("nexus"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jar = Files.createDirectories(root.resolve("app/target")).resolve("nexus.jar");
    Files.writeString(jar, "not a jar");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(3_600)));
    fakeJava = root.resolve("bin/java");
    Files.createDirectories(fakeJava.getParent());
    Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The arguments the launcher passed to java, one per element. */
  private List<String> launch(Map<String, String> env, String... args) throws Exception {
    var command = new java.util.ArrayList<>(List.of("bash", root.resolve("nexus").toString()));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("JAVA_OPTS");
    builder.environment().remove("NEXUS_HEAP");
    builder.environment().put("PATH", fakeJava.getParent() + ":" + System.getenv("PATH"));
    builder.environment().putAll(env);
    Process process = builder.start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), out);
    return out.lines().toList();
  }

  @Test
  void theServiceGetsABoundedHeapExitsWhenOutOfMemoryAndKeepsItsArguments() throws Exception {
    List<String> flags = launch(Map.of(), "start", "--config", "conf/nexus.conf");
    assertTrue(flags.contains("-Xmx768m"), flags.toString());
    assertTrue(flags.contains("-XX:+ExitOnOutOfMemoryError"), flags.toString());
    assertTrue(flags.contains("-XX:+UseParallelGC"), flags.toString());
    assertEquals(List.of("-jar", root.resolve("app/target/nexus.jar").toString(), "start", "--config", "conf/nexus.conf"),
        flags.subList(flags.size() - 5, flags.size()));
  }

  @Test
  void nexusHeapChangesTheLimit() throws Exception {
    List<String> flags = launch(Map.of("NEXUS_HEAP", "2g"), "check");
    assertTrue(flags.contains("-Xmx2g"), flags.toString());
    assertFalse(flags.contains("-Xmx768m"), flags.toString());
  }

  @Test
  void aHeapLimitInJavaOptsReplacesTheDefault() throws Exception {
    for (String opts : List.of("-Xmx1500m", "-Dx=y -XX:MaxRAMPercentage=50", "-XX:MaxHeapSize=1g -Dx=y")) {
      List<String> flags = launch(Map.of("JAVA_OPTS", opts, "NEXUS_HEAP", "2g"), "check");
      assertTrue(flags.stream().noneMatch(flag -> flag.equals("-Xmx768m") || flag.equals("-Xmx2g")), opts + ": " + flags);
      for (String opt : opts.split(" ")) {
        assertTrue(flags.contains(opt), opts + ": " + flags);
      }
    }
  }

  @Test
  void javaNamesTheJvmToRun() throws Exception {
    Path other = root.resolve("other-java");
    Files.writeString(other, "#!/bin/sh\necho other-java\n");
    Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertEquals(List.of("other-java"), launch(Map.of("JAVA", other.toString()), "check"));
  }
}
