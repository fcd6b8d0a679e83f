package io.liveroom.text;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyword list of chat and posts, hot-reloaded: a worker checks the file's modification time every
 * {@code reloadEvery} and swaps in a new {@link KeywordFilter} when it changed. Event loops only
 * read the current filter (a volatile reference). A file that cannot be read keeps the last good
 * list and logs why.
 *
 * <p>File format, UTF-8, one entry per line: {@code word} masks it, {@code !word} rejects messages
 * containing it, blank lines and lines starting with {@code #} are ignored.
 */
public final class KeywordList {
  private static final Logger LOG = LoggerFactory.getLogger(KeywordList.class);

  private final Path file;
  private volatile KeywordFilter current = KeywordFilter.EMPTY;
  private volatile FileTime loadedMtime;

  public KeywordList(String file) {
    this.file = file == null || file.isBlank() ? null : Path.of(file);
  }

  public KeywordFilter current() {
    return current;
  }

  /** Loads the list once (on a worker) and then re-checks it periodically. */
  public Future<Void> start(Vertx vertx, Duration reloadEvery) {
    if (file == null) {
      LOG.info("No chat keyword list configured (rooms.chat.filter.file); chat is not keyword-filtered");
      return Future.succeededFuture();
    }
    return reload(vertx).onSuccess(x -> vertx.setPeriodic(reloadEvery.toMillis(), id -> reload(vertx)));
  }

  /** Reloads when the file changed since the last load. */
  public Future<Void> reload(Vertx vertx) {
    return vertx.<Void>executeBlocking(() -> {
      FileTime mtime = Files.getLastModifiedTime(file);
      if (!mtime.equals(loadedMtime)) {
        current = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        loadedMtime = mtime;
        LOG.info("Loaded {} chat keywords from {}", current.size(), file);
      }
      return null;
    }, false).onFailure(e -> LOG.warn("Could not read the chat keyword list {} (keeping {} words): {}",
      file, current.size(), e.toString()));
  }

  public static KeywordFilter parse(List<String> lines) {
    List<String> mask = new ArrayList<>();
    List<String> reject = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("!")) {
        reject.add(line.substring(1));
      } else {
        mask.add(line);
      }
    }
    return new KeywordFilter(mask, reject);
  }
}
