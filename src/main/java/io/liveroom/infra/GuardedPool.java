package io.liveroom.infra;

import io.liveroom.error.AppException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.TransactionPropagation;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collector;

/**
 * The node's PostgreSQL pool behind a {@link PgBreaker}: every query, transaction and connection
 * checkout asks the breaker first and reports how it ended. While PostgreSQL is known to be down,
 * callers (repositories, the readiness check, the chat archive's retries) get a 503 at once
 * instead of each waiting for a connection attempt to fail. Everything else is the wrapped pool's
 * behaviour, including the context its futures complete on (the caller's).
 */
public final class GuardedPool implements Pool {
  private final Pool delegate;
  private final PgBreaker breaker;

  public GuardedPool(Pool delegate, PgBreaker breaker) {
    this.delegate = delegate;
    this.breaker = breaker;
  }

  public PgBreaker breaker() {
    return breaker;
  }

  /** {@code liveroom.pg.breaker.open}: 1 while the breaker refuses calls (PostgreSQL unreachable), else 0. */
  public GuardedPool withMetrics(MeterRegistry registry) {
    Gauge.builder("liveroom.pg.breaker.open", breaker, b -> b.isOpen() ? 1 : 0)
      .description("1 while PostgreSQL is unreachable and calls fail fast with 503").register(registry);
    return this;
  }

  @Override
  public Future<SqlConnection> getConnection() {
    return guard(delegate::getConnection);
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return new GuardedQuery<>(delegate.query(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return new GuardedQuery<>(delegate.preparedQuery(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return new GuardedQuery<>(delegate.preparedQuery(sql, options));
  }

  @Override
  public <T> Future<T> withTransaction(Function<SqlConnection, Future<T>> function) {
    return guard(() -> delegate.withTransaction(function));
  }

  @Override
  public <T> Future<T> withTransaction(TransactionPropagation propagation, Function<SqlConnection, Future<T>> function) {
    return guard(() -> delegate.withTransaction(propagation, function));
  }

  @Override
  public <T> Future<T> withConnection(Function<SqlConnection, Future<T>> function) {
    return guard(() -> delegate.withConnection(function));
  }

  @Override
  public int size() {
    return delegate.size();
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }

  private <T> Future<T> guard(Supplier<Future<T>> call) {
    if (!breaker.tryAcquire()) {
      return Future.failedFuture(PgBreaker.rejection());
    }
    return call.get().andThen(done -> breaker.record(done.cause())).recover(this::whileDown);
  }

  /**
   * A call that was in flight when PostgreSQL went away can fail in ways no classifier knows yet
   * (the client's own messages for a connection closing under it). Once the breaker is open the
   * database is known to be down, so such a failure is the outage, not a bug: 503, never 500.
   * An answer from PostgreSQL (an SQL error) or a caller's own refusal stays what it is.
   */
  private <T> Future<T> whileDown(Throwable failure) {
    boolean placed = failure instanceof AppException || failure instanceof DatabaseException;
    return Future.failedFuture(!placed && breaker.isOpen() ? PgBreaker.rejection() : failure);
  }

  /**
   * A query or prepared query whose executions go through the breaker. One class for both: a plain
   * query is only ever seen as a {@link Query}, so its prepared-only methods are never called.
   */
  private final class GuardedQuery<T> implements PreparedQuery<T> {
    private final Query<T> query;

    GuardedQuery(Query<T> query) {
      this.query = query;
    }

    @Override
    public Future<T> execute() {
      return guard(query::execute);
    }

    @Override
    public Future<T> execute(Tuple tuple) {
      return guard(() -> prepared().execute(tuple));
    }

    @Override
    public Future<T> executeBatch(List<Tuple> batch) {
      return guard(() -> prepared().executeBatch(batch));
    }

    @Override
    public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new GuardedQuery<>(query.collecting(collector));
    }

    @Override
    public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new GuardedQuery<>(query.mapping(mapper));
    }

    private PreparedQuery<T> prepared() {
      return (PreparedQuery<T>) query;
    }
  }
}
