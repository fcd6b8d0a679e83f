package io.liveroom.privacy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Export documents in PostgreSQL ({@code data_export_chunks}), readable and deletable by every
 * node. A document is a sequence of chunks numbered from 0; it is complete once its export is
 * marked ready. Serving it reads one chunk, writes it to the response and waits for the write
 * before reading the next, so a slow client holds one chunk in memory, never the document.
 */
final class ExportDocuments {
  /** The size of one stored chunk; large enough to keep round trips few, small enough to hold. */
  static final int CHUNK_BYTES = 256 * 1024;
  static final String APPEND = "INSERT INTO data_export_chunks (export_id, seq, data) VALUES ($1, $2, $3)";
  static final String CHUNK = "SELECT data FROM data_export_chunks WHERE export_id = $1 AND seq = $2";
  static final String DELETE = "DELETE FROM data_export_chunks WHERE export_id = ANY($1)";

  private final Pool pool;

  ExportDocuments(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** Stores chunk {@code seq} of a document through {@code client} (the pool, or a connection in use). */
  Future<Void> append(SqlClient client, UUID exportId, int seq, Buffer data) {
    return client.preparedQuery(APPEND).execute(Tuple.of(exportId, seq, data)).mapEmpty();
  }

  Future<Optional<Buffer>> chunk(UUID exportId, int seq) {
    return pool.preparedQuery(CHUNK).execute(Tuple.of(exportId, seq))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getBuffer("data")));
  }

  Future<Void> delete(List<UUID> exportIds) {
    if (exportIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(DELETE).execute(Tuple.of(exportIds.toArray(new UUID[0]))).mapEmpty();
  }

  /**
   * Writes the document of {@code size} bytes to {@code response} (headers already set) and ends
   * it. A chunk missing part-way (expired meanwhile) resets the response rather than end a
   * truncated document that looks complete.
   */
  Future<Void> send(UUID exportId, long size, HttpServerResponse response) {
    response.putHeader("Content-Length", Long.toString(size));
    return sendFrom(exportId, 0, 0, size, response);
  }

  private Future<Void> sendFrom(UUID exportId, int seq, long sent, long size, HttpServerResponse response) {
    if (sent >= size) {
      return response.end();
    }
    return chunk(exportId, seq).compose(found -> {
      if (found.isEmpty()) {
        response.reset();
        return Future.failedFuture(new IllegalStateException("export " + exportId + " lost chunk " + seq));
      }
      Buffer data = found.get();
      return response.write(data).compose(v -> sendFrom(exportId, seq + 1, sent + data.length(), size, response));
    });
  }
}
