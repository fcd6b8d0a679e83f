package io.liveroom.account;

import io.vertx.core.Future;

/**
 * Carrier one-click login: the carrier's SDK on the phone returns a one-time token proving which
 * SIM made the request, and the provider exchanges it for that phone number. Implementations:
 * {@code http} (a signed request to the carrier gateway, {@link HttpOneClickProvider}) and
 * {@code dev-outbox} (a local stand-in that maps test tokens to phones, {@link DevOutboxOneClickProvider}).
 *
 * <p>Contract: {@link #phoneFor} succeeds with the number in E.164, or fails with
 * {@code one_click_token_invalid} (unknown, expired or used token: the caller's problem),
 * {@code one_click_rejected} (the gateway refused our credentials: the operator's problem) or
 * {@code one_click_unavailable} (down, slow, broken: try again or use an SMS code). A token is
 * single use. No retries here. Implementations never log the token or the number.
 */
public interface OneClickProvider {
  /** {@code http} or {@code dev-outbox}, for logs and the audit. */
  String name();

  Future<String> phoneFor(String token);
}
