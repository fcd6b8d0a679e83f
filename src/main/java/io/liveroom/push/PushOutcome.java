package io.liveroom.push;

/** What one delivery attempt to one device came to; a sender reports it instead of failing. */
public enum PushOutcome {
  /** The provider accepted the message. */
  DELIVERED,
  /** The provider says the token is no longer valid (unregistered app, bad token): remove it. */
  INVALID_TOKEN,
  /** The provider refused this message for good (a 4xx other than an invalid token): do not retry. */
  REJECTED,
  /** A transient failure (network, timeout, 429, 5xx, expired auth): try again later. */
  RETRY
}
