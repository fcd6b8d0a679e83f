package io.liveroom.push;

import io.vertx.core.Future;

/**
 * One push provider ({@code push.provider}): {@code fcm}, {@code apns}, or the {@code dev-outbox}
 * stand-in. {@link PushDeliveries} owns retries and token removal; a sender makes exactly one attempt.
 *
 * <p>Contract: {@link #send} never fails its future and never blocks; it reports a
 * {@link PushOutcome}. At most once per call: a RETRY may still have reached the phone (a timeout
 * after the provider accepted), so a retried push can, rarely, arrive twice.
 */
public interface PushSender {
  /** The provider's name for logs and the outbox: {@code fcm}, {@code apns}, {@code dev-outbox}. */
  String name();

  /** Whether this sender can deliver to a token registered for {@code provider} ({@code fcm} or {@code apns}). */
  boolean accepts(String provider);

  Future<PushOutcome> send(PushDevice device, PushMessage message);
}
