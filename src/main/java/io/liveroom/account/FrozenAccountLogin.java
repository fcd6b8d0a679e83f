package io.liveroom.account;

import io.vertx.core.Future;

/**
 * What a correct login of a {@code frozen} account is told. The privacy capability registers one
 * (through {@link AccountsCapability#onFrozenLogin}) that fails with {@code cancellation_pending} and
 * a withdrawal token when the freeze is a pending cancellation. Succeeding means "nothing more
 * specific to say": the login is then refused with {@code account_disabled}. Never lets a login
 * through.
 */
@FunctionalInterface
public interface FrozenAccountLogin {
  Future<Void> refuse(long userId);
}
