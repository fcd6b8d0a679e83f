package io.liveroom.account;

import io.vertx.core.Future;

/**
 * Confirms that a real name and a resident ID number belong together. Implementations: {@code local}
 * (the default stand-in: format and checksum only, which {@link ResidentId#parse} already did, so it
 * proves nothing about the person; named so in config and docs) and {@code http} (a third-party
 * eKYC endpoint).
 *
 * <p>Contract: succeeds when the pair is confirmed; fails with {@code identity_rejected} when the
 * provider says no, and {@code identity_unavailable} (temporary) when it cannot answer. Never logs
 * the name or the number.
 */
public interface IdentityVerifier {
  String name();

  Future<Void> verify(String realName, ResidentId id);
}
