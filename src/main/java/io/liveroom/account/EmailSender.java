package io.liveroom.account;

import io.vertx.core.Future;

/**
 * Mails an email-verification code. Implementations: {@code smtp} ({@link SmtpEmailSender}, any
 * SMTP relay) and {@code dev-outbox} ({@link DevOutboxEmailSender}, a local stand-in that mails
 * nobody and keeps the messages in memory).
 *
 * <p>Contract, as {@link SmsSender}'s: the future succeeds once the message was accepted for
 * delivery (not necessarily delivered), and fails with {@code email_unavailable} when it was not.
 * No retries here: the user asks again. Implementations never log the code or the address.
 */
public interface EmailSender {
  Future<Void> sendCode(String address, String code, int ttlSeconds);

  /** The text of every verification message; the code is the only secret in it. */
  static String body(String code, int ttlSeconds) {
    return "Your Liveroom email verification code is " + code + ".\n\nIt is valid for " + (ttlSeconds / 60)
      + " minutes. If you did not ask to add this address to a Liveroom account, ignore this message.\n";
  }

  String SUBJECT = "Your Liveroom verification code";
}
