package io.liveroom.media;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The embedded default: objects as files under one directory ({@code <data.dir>/media} unless
 * {@code media.storage.dir} says otherwise). Several nodes share it when they share the directory
 * (one host, or a network mount). A put writes a temporary file and renames it into place, so a
 * reader never sees half an object. Vert.x's asynchronous file system runs the I/O on workers.
 */
final class FileSystemStore implements MediaStore {
  private final FileSystem fs;
  private final Path root;

  FileSystemStore(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String name() {
    return "filesystem";
  }

  @Override
  public Future<Void> start() {
    return fs.mkdirs(root.toString());
  }

  @Override
  public Future<Void> put(String key, Buffer bytes, String contentType) {
    Path target = resolve(key);
    String tmp = target + "." + UUID.randomUUID() + ".tmp";
    return fs.mkdirs(target.getParent().toString())
      .compose(v -> fs.writeFile(tmp, bytes))
      .compose(v -> fs.move(tmp, target.toString(), new io.vertx.core.file.CopyOptions().setReplaceExisting(true)))
      .recover(e -> fs.delete(tmp).otherwiseEmpty().compose(v -> Future.failedFuture(e)));
  }

  @Override
  public Future<Buffer> get(String key) {
    return fs.readFile(resolve(key).toString()).recover(e -> Future.failedFuture(missing(e)
      ? AppException.of(ErrorCode.MEDIA_NOT_FOUND, "No such picture.") : e));
  }

  @Override
  public Future<Void> delete(String key) {
    Path file = resolve(key);
    return fs.delete(file.toString()).recover(e -> missing(e) ? Future.succeededFuture() : Future.failedFuture(e))
      // The object's directory goes once empty; another variant still in it keeps it (that failure is expected).
      .compose(v -> fs.delete(file.getParent().toString()).otherwiseEmpty());
  }

  private Path resolve(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("Media key outside the store: " + key);
    }
    return p;
  }

  private static boolean missing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoSuchFileException) {
        return true;
      }
    }
    return false;
  }
}
