package io.liveroom.privacy;

import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;

import static io.liveroom.privacy.ExportRepository.utc;

/** Retention of the tables that exist on this node: chat messages and the audit log. */
final class SqlRetention implements RetentionTarget {
  static final String CHAT = """
    DELETE FROM chat_messages WHERE id IN (SELECT id FROM chat_messages WHERE sent_at < $1 LIMIT $2)""";
  static final String AUDIT = """
    DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < $1 ORDER BY id LIMIT $2)""";

  private final Pool pool;
  private final String name;
  private final String sql;

  private SqlRetention(Pool pool, String name, String sql) {
    this.pool = pool;
    this.name = name;
    this.sql = sql;
  }

  static SqlRetention chat(Pool pool) {
    return new SqlRetention(pool, "chat", CHAT);
  }

  static SqlRetention audit(Pool pool) {
    return new SqlRetention(pool, "audit", AUDIT);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return pool.preparedQuery(sql).execute(Tuple.of(utc(cutoff), limit)).map(rows -> rows.rowCount());
  }
}
