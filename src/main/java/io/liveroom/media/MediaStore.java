package io.liveroom.media;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Where stored pictures live, shared by every node: whatever one node puts, every other node can
 * get. Keys are {@code media/<id>/<variant>}, written once and never overwritten with other bytes.
 *
 * <p>Guarantees: {@link #put} completes once the object is durable in the backend and visible to
 * every node; {@link #get} fails with {@code media_not_found} for a missing key; {@link #delete} is
 * idempotent (a missing key is a success), so a retried erasure or sweep never fails on what an
 * earlier run already removed. Every future completes on the caller's context; blocking clients run
 * on the media worker pool.
 */
interface MediaStore {
  /** {@code filesystem} or {@code s3}, for logs. */
  String name();

  Future<Void> put(String key, Buffer bytes, String contentType);

  Future<Buffer> get(String key);

  Future<Void> delete(String key);

  /** Creates what the backend needs (a directory, a bucket check) before the node serves. */
  default Future<Void> start() {
    return Future.succeededFuture();
  }

  default void close() {
  }
}
