package io.celestialnexus.engine.backup;

import io.celestialnexus.persistence.backup.BackupManifest;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The node's journal as the HTTP edge backs it up. The node's implementation reads its configured store on a
 * connection of its own, on a thread that may block, and never on the caller's.
 */
@FunctionalInterface
public interface BackupSource {

  /** Writes a consistent backup to {@code out}, closing it; completes with the manifest or the failure. */
  CompletionStage<BackupManifest> writeTo(OutputStream out);

  /** For an edge built without a store (tests): every backup fails saying so. */
  static BackupSource unavailable() {
    return out -> CompletableFuture.failedFuture(new IllegalStateException("this node has no store to back up"));
  }
}
