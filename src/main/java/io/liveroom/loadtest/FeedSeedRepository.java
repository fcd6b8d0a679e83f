package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Seeds the {@code feed} scenario straight into the node's PostgreSQL (a loopback URL, like every
 * load-test target): authors, the readers' follows and the posts, with {@code generate_series}.
 * The statements live in {@code loadtest/feed-seed.sql}: they write other capabilities' tables,
 * which only benchmark seeding may do, so they are kept out of the product's repositories.
 */
final class FeedSeedRepository implements AutoCloseable {
  /** The first author id and how many there are (ids are consecutive). */
  record Authors(long first, int count) {
  }

  static final String VACUUM_POSTS = "VACUUM (ANALYZE) posts";
  static final String ANALYZE_FOLLOWS = "ANALYZE follows";

  private final Pool pool;
  private final List<String> statements;

  FeedSeedRepository(Pool pool) {
    this.pool = pool;
    this.statements = read();
  }

  private static List<String> read() {
    try (InputStream in = FeedSeedRepository.class.getResourceAsStream("/loadtest/feed-seed.sql")) {
      if (in == null) {
        throw new IllegalStateException("loadtest/feed-seed.sql is missing from the jar");
      }
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("(?m)^-- next$"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read loadtest/feed-seed.sql", e);
    }
  }

  Future<Authors> authors(int n) {
    return pool.preparedQuery(statements.get(0)).execute(Tuple.of(n)).compose(rows -> {
      Row r = rows.iterator().next();
      long first = r.getLong(0);
      if (r.getLong(1) - first + 1 != r.getLong(2)) {
        return Future.failedFuture("author ids are not consecutive (another writer?); seed on a quiet node");
      }
      return Future.succeededFuture(new Authors(first, n));
    });
  }

  Future<Void> follows(List<Long> readers, Authors authors, int each) {
    return pool.preparedQuery(statements.get(1))
      .execute(Tuple.of(readers.toArray(new Long[0]), authors.first(), authors.count(), each)).mapEmpty();
  }

  Future<Void> posts(Authors authors, int n) {
    return pool.preparedQuery(statements.get(2)).execute(Tuple.of(authors.first(), authors.count(), n)).mapEmpty();
  }

  /** Fresh statistics and visibility map, as autovacuum would leave them after a bulk load. */
  Future<Void> analyze() {
    return pool.query(VACUUM_POSTS).execute().compose(v -> pool.query(ANALYZE_FOLLOWS).execute()).mapEmpty();
  }

  @Override
  public void close() {
    pool.close();
  }
}
