package io.liveroom.push;

import io.liveroom.config.PushConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers one message to one device through the configured {@link PushSender}, retrying transient
 * failures with exponential backoff and jitter, on Vert.x timers (nothing waits). Acts on the
 * provider's answer: an invalid token is removed from {@code push_devices}; a refused message is
 * logged and dropped.
 *
 * <p>Best effort by design: pending retries live in this node's memory only, so a node that stops
 * or dies while a push waits for its next attempt loses that push (the notification itself is
 * durable in the inbox, which the app reads when opened).
 */
final class PushDeliveries {
  private static final Logger LOG = LoggerFactory.getLogger(PushDeliveries.class);

  private final Vertx vertx;
  private final PushSender sender;
  private final DeviceRepository devices;
  private final PushConfig config;
  private final Map<PushOutcome, Counter> outcomes = new EnumMap<>(PushOutcome.class);
  private final Counter givenUp;

  PushDeliveries(Vertx vertx, PushSender sender, DeviceRepository devices, PushConfig config, MeterRegistry meters) {
    this.vertx = vertx;
    this.sender = sender;
    this.devices = devices;
    this.config = config;
    for (PushOutcome o : PushOutcome.values()) {
      outcomes.put(o, Counter.builder("liveroom.push.attempts").description("Push delivery attempts, by outcome")
        .tag("provider", sender.name()).tag("outcome", o.name().toLowerCase()).register(meters));
    }
    this.givenUp = Counter.builder("liveroom.push.given_up")
      .description("Pushes dropped after the last retry failed").tag("provider", sender.name()).register(meters);
  }

  /** Starts delivering; returns at once. */
  void deliver(PushDevice device, PushMessage message) {
    attempt(device, message, 1);
  }

  private void attempt(PushDevice device, PushMessage message, int attempt) {
    sender.send(device, message)
      .otherwise(e -> {
        LOG.warn("Push sender {} failed for user {} device {}: {}", sender.name(), device.userId(), device.id(),
          e.toString());
        return PushOutcome.RETRY;
      })
      .onSuccess(outcome -> settle(device, message, attempt, outcome));
  }

  private void settle(PushDevice device, PushMessage message, int attempt, PushOutcome outcome) {
    outcomes.get(outcome).increment();
    switch (outcome) {
      case DELIVERED -> LOG.debug("Push {} delivered to user {} device {}", message.kind(), device.userId(), device.id());
      case INVALID_TOKEN -> devices.deleteInvalid(device)
        .onSuccess(gone -> LOG.info("Removed push token {} of user {} ({}): the provider {} reports it invalid",
          device.tail(), device.userId(), device.platform(), sender.name()))
        .onFailure(e -> LOG.warn("Could not remove invalid push token {} of user {}: {}", device.tail(),
          device.userId(), e.toString()));
      case REJECTED -> LOG.warn("Push {} to user {} device {} refused by {}; not retried", message.kind(),
        device.userId(), device.id(), sender.name());
      case RETRY -> retry(device, message, attempt);
    }
  }

  private void retry(PushDevice device, PushMessage message, int attempt) {
    if (attempt >= config.maxAttempts()) {
      givenUp.increment();
      LOG.warn("Push {} to user {} device {} dropped after {} attempts through {}", message.kind(), device.userId(),
        device.id(), attempt, sender.name());
      return;
    }
    vertx.setTimer(delay(attempt, config.initialDelayMs(), config.maxDelayMs()),
      id -> attempt(device, message, attempt + 1));
  }

  /**
   * The wait after failed attempt {@code attempt} (1-based): the initial delay doubled per attempt,
   * capped, then "equal jitter" (half fixed, half random) so devices failed together do not retry
   * in step.
   */
  static long delay(int attempt, long initialMs, long maxMs) {
    long exp = Math.min(maxMs, initialMs << Math.min(attempt - 1, 30));
    long half = Math.max(1, exp / 2);
    return half + ThreadLocalRandom.current().nextLong(exp - half + 1);
  }
}
