package io.liveroom.privacy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for the chunks of export documents ({@code data_export_chunks}; see {@link ExportDocuments}). */
final class ExportChunkRepository {
  static final String APPEND = "INSERT INTO data_export_chunks (export_id, seq, data) VALUES ($1, $2, $3)";
  static final String CHUNK = "SELECT data FROM data_export_chunks WHERE export_id = $1 AND seq = $2";
  static final String DELETE = "DELETE FROM data_export_chunks WHERE export_id = ANY($1)";

  private final Pool pool;

  ExportChunkRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores chunk {@code seq} through {@code client} (the pool, or a connection in use). */
  Future<Void> append(SqlClient client, UUID exportId, int seq, Buffer data) {
    return client.preparedQuery(APPEND).execute(Tuple.of(exportId, seq, data)).mapEmpty();
  }

  /** Chunk {@code seq} of the document; empty when it does not exist (any more). */
  Future<Optional<Buffer>> chunk(UUID exportId, int seq) {
    return pool.preparedQuery(CHUNK).execute(Tuple.of(exportId, seq))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getBuffer("data")));
  }

  /** Deletes every chunk of these documents; {@code exportIds} is not empty. */
  Future<Void> delete(List<UUID> exportIds) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(exportIds.toArray(new UUID[0]))).mapEmpty();
  }
}
