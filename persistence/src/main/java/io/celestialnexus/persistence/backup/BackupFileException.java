package io.celestialnexus.persistence.backup;

/** A backup file that cannot be restored: damaged, truncated, of another format, or not a backup at all. */
public final class BackupFileException extends Exception {

  public BackupFileException(String message) {
    super(message);
  }

  public BackupFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
