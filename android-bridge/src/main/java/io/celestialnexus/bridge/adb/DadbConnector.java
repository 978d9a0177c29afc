package io.celestialnexus.bridge.adb;

import dadb.AdbKeyPair;
import dadb.Dadb;
import dadb.adbserver.AdbServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects with dadb: to adbd over TCP, or through an adb server with {@code host:transport:<serial>}.
 *
 * <p>The key for direct connections is read from {@link AdbSettings#keyFile()}, or created there on first use;
 * a phone shows its "allow USB debugging" prompt for it once. Connections through an adb server use that
 * server's key. An adb server is never started from here: a missing server is a connection failure, retried
 * with backoff like any other.
 */
public final class DadbConnector implements AdbConnector {

  private static final Logger LOG = LoggerFactory.getLogger(DadbConnector.class);

  private final AdbSettings settings;
  private AdbKeyPair keyPair;

  public DadbConnector(AdbSettings settings) {
    this.settings = settings;
  }

  @Override
  public AdbDevice connect(AdbEndpoint endpoint) throws IOException {
    int connectMillis = (int) settings.connectTimeout().toMillis();
    int readMillis = (int) settings.readTimeout().toMillis();
    Dadb dadb;
    try {
      if (endpoint instanceof AdbEndpoint.Direct direct) {
        dadb = Dadb.create(direct.host(), direct.port(), keyPair(), connectMillis, readMillis);
      } else {
        var server = (AdbEndpoint.ViaServer) endpoint;
        // dadb would start an adb binary for "localhost"; the settings insist on an address, so it never does
        dadb = AdbServer.createDadb(server.host(), server.port(), "host:transport:" + server.serial(), connectMillis, readMillis);
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot reach " + endpoint.serial() + " (" + endpoint.describe() + "): " + e.getMessage(), e);
    }
    DadbDevice device = new DadbDevice(dadb, endpoint);
    device.handshake();
    if (!device.usesShellV2()) {
      LOG.info("{} ({}) offers no shell_v2: commands run in the legacy shell, exit status read from a sentinel", endpoint.serial(), endpoint.describe());
    }
    return device;
  }

  private synchronized AdbKeyPair keyPair() throws IOException {
    if (keyPair == null) {
      Path key = settings.keyFile();
      Path publicKey = key.resolveSibling(key.getFileName() + ".pub");
      if (!Files.exists(key)) {
        Path dir = key.toAbsolutePath().getParent();
        if (!Files.exists(dir)) {
          // owner only: the key is written into it before its own mode can be narrowed
          Files.createDirectories(dir, OwnerOnly.directory(dir));
        }
        AdbKeyPair.generate(key.toFile(), publicKey.toFile());
      }
      OwnerOnly.narrow(key);
      keyPair = AdbKeyPair.read(key.toFile(), publicKey.toFile());
    }
    return keyPair;
  }

  /**
   * The private key unlocks every phone that once allowed it, so it is readable by its owner only (0600), like
   * ssh's keys; dadb writes it with the process's default mode (0644 under the usual umask). A key found with
   * wider permissions is narrowed and logged. On a file system without POSIX permissions nothing is changed.
   */
  static final class OwnerOnly {
    private static final Set<PosixFilePermission> FILE =
        PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY =
        PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {}

    static FileAttribute<?>[] directory(Path dir) throws IOException {
      return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)}
          : new FileAttribute<?>[0];
    }

    static void narrow(Path key) throws IOException {
      if (!posix(key)) {
        return;
      }
      var permissions = Files.getPosixFilePermissions(key);
      if (!permissions.equals(FILE)) {
        Files.setPosixFilePermissions(key, FILE);
        LOG.info("ADB key {} narrowed from {} to rw------- (it unlocks the phones)", key, PosixFilePermissions.toString(permissions));
      }
    }

    private static boolean posix(Path path) throws IOException {
      Path existing = path.toAbsolutePath();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      return existing != null && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
    }
  }
}
