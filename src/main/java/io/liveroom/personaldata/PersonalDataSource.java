package io.liveroom.personaldata;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * The one seam through which privacy rights reach a capability's data. Every capability that keeps
 * personal information about a user returns its sources from {@code Capability.personalData()}; the
 * bootstrap collects them into the {@link PersonalDataRegistry} that the export, cancellation and
 * erasure flows read, and those flows only ever talk to this interface.
 *
 * <p>Guarantees an implementation must give:
 * <ul>
 *   <li>{@link #export}: writes only rows about {@code userId} (never another user's personal data:
 *   a counterpart appears as an id at most), streams them ({@link ExportWriter#query} with a cursor,
 *   never a whole table in memory), and writes each of its {@link #categories} exactly once, even
 *   when empty, so the document always says "we hold nothing of this kind".</li>
 *   <li>{@link #freeze}: called once the account is frozen for cancellation; makes the user invisible
 *   (ended rooms, no GEO entry, no public leaderboard rank). Idempotent.</li>
 *   <li>{@link #restore}: the undo of {@link #freeze} when the user withdraws within the cooling-off
 *   period, as far as the data still exists. Idempotent.</li>
 *   <li>{@link #ensureCancellable}: fails with {@code cancellation_blocked} and a reason the user can
 *   act on (pending withdrawal, open dispute) when the account must not be cancelled now.</li>
 *   <li>{@link #erase}: runs inside the erasure transaction that holds the account's cancellation row
 *   lock ({@code tx}); PostgreSQL changes go through {@code tx}, so they commit together with the
 *   "erased" mark or not at all. Work outside PostgreSQL (Redis) must be idempotent, because a
 *   rolled-back erasure is retried on the next run. Rows kept for legal retention (the ledger) are
 *   pseudonymized, never deleted.</li>
 * </ul>
 */
public interface PersonalDataSource {

  /** The top-level keys this source writes into {@code categories} of the export document. */
  java.util.List<String> categories();

  Future<Void> export(long userId, ExportWriter out);

  default Future<Void> freeze(long userId) {
    return Future.succeededFuture();
  }

  default Future<Void> restore(long userId) {
    return Future.succeededFuture();
  }

  default Future<Void> ensureCancellable(long userId) {
    return Future.succeededFuture();
  }

  Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode);
}
