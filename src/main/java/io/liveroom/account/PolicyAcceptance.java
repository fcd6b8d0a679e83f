package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The privacy-policy version each account accepted last, kept on the account. Read by privacy for
 * the "policy update required" flag; written when a user accepts, inside privacy's transaction so
 * the account and privacy's own record of the acceptance commit together. Never cached here.
 */
public interface PolicyAcceptance {
  /** The version the user accepted last; empty when none, or when there is no such user. */
  Future<Optional<String>> acceptedVersion(long userId);

  /** Records on the account that the user accepted {@code version} at {@code at}, through {@code tx}. */
  Future<Void> recordAccepted(SqlClient tx, long userId, String version, OffsetDateTime at);
}
