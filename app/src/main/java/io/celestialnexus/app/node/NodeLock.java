package io.celestialnexus.app.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardOpenOption;

/**
 * One node per data directory: an OS lock on {@code <data>/nexus.pid}, which also holds the owner's PID. The OS
 * drops the lock when the process dies, even by {@code kill -9}, so a stale file never blocks the next start.
 */
public final class NodeLock implements AutoCloseable {

  /** Another live process holds the data directory. */
  public static final class HeldElsewhere extends Exception {
    public HeldElsewhere(String message) {
      super(message);
    }
  }

  private final FileChannel channel;
  private final FileLock lock;

  private NodeLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static NodeLock acquire(Path dataDir) throws IOException, HeldElsewhere {
    createOwnerOnly(dataDir);
    Path pidFile = dataDir.resolve("nexus.pid");
    FileChannel channel =
        FileChannel.open(pidFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      String owner = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
      throw new HeldElsewhere(
          "another nexus (PID " + (owner.isEmpty() ? "unknown" : owner) + ") is running on data dir " + dataDir);
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(true);
    return new NodeLock(channel, lock);
  }

  /**
   * Creates the data dir readable by its owner only (0700) when it does not exist: it holds the journal, the
   * phones' ADB key, backups and reports. A dir that exists is left as the operator made it.
   */
  static void createOwnerOnly(Path dataDir) throws IOException {
    if (Files.isDirectory(dataDir)) {
      return;
    }
    Path parent = dataDir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    boolean posix = parent != null && Files.getFileStore(parent).supportsFileAttributeView(PosixFileAttributeView.class);
    try {
      if (posix) {
        Files.createDirectory(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dataDir);
      }
    } catch (FileAlreadyExistsException raced) {
      // another process made it meanwhile: theirs stands
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
