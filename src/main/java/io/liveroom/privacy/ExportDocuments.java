package io.liveroom.privacy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

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

  private final Pool pool;
  private final ExportChunkRepository chunks;

  ExportDocuments(Pool pool) {
    this.pool = pool;
    this.chunks = new ExportChunkRepository(pool);
  }

  Pool pool() {
    return pool;
  }

  /** Stores chunk {@code seq} of a document through {@code client} (the pool, or a connection in use). */
  Future<Void> append(SqlClient client, UUID exportId, int seq, Buffer data) {
    return chunks.append(client, exportId, seq, data);
  }

  Future<Optional<Buffer>> chunk(UUID exportId, int seq) {
    return chunks.chunk(exportId, seq);
  }

  Future<Void> delete(List<UUID> exportIds) {
    if (exportIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return chunks.delete(exportIds);
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
