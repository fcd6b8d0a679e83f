package io.liveroom.account;

import io.vertx.core.Future;

/**
 * Delivers a verification code, or a security notice, to a phone. Implementations: {@code dev-outbox} (a local stand-in
 * that keeps codes in memory for developers and load scripts; it texts nobody) and {@code http}
 * (a signed POST to an SMS gateway).
 *
 * <p>Contract: the future succeeds once the message was accepted for delivery (not necessarily
 * delivered), and fails with {@code sms_unavailable} when it was not. No retries here: the caller
 * asks for a new code. Implementations never log the code or the full number.
 */
public interface SmsSender {
  Future<Void> send(String e164, SmsPurpose purpose, String code, int ttlSeconds);

  /**
   * Tells the owner of {@code e164} that something happened to their account (no code, no link:
   * the text is fixed per notice). Same contract as {@link #send}.
   */
  Future<Void> notify(String e164, SmsNotice notice);
}
