package io.liveroom.push;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Sends a notification to every device a user registered, through the configured provider. This is
 * what notifications call (through an interface of their own, adapted at the root).
 *
 * <p>Contract: {@link #push} returns at once, never throws and never fails the caller's action.
 * Delivery is best effort: at most {@code push.retry.maxAttempts} attempts per device, on this
 * node, in the background; tokens of a provider other than the configured one are skipped.
 */
public final class PushService {
  private static final Logger LOG = LoggerFactory.getLogger(PushService.class);

  private final DeviceRepository devices;
  private final PushSender sender;
  private final PushDeliveries deliveries;

  /** {@code sender} and {@code deliveries} are null when {@code push.provider=off}. */
  PushService(DeviceRepository devices, PushSender sender, PushDeliveries deliveries) {
    this.devices = devices;
    this.sender = sender;
    this.deliveries = deliveries;
  }

  /** Fire-and-forget: looks up the user's device tokens and starts one delivery per device. */
  public void push(long userId, String kind, String title, String body, JsonObject data) {
    if (sender == null) {
      return;
    }
    try {
      PushMessage message = new PushMessage(kind, title, body, data);
      devices.list(userId)
        .onSuccess(list -> list.stream().filter(d -> sender.accepts(d.provider()))
          .forEach(d -> deliveries.deliver(d, message)))
        .onFailure(e -> LOG.warn("Push {} to user {} not sent: its devices could not be read: {}", kind, userId,
          e.toString()));
    } catch (RuntimeException e) {
      LOG.warn("Push {} to user {} not sent: {}", kind, userId, e.toString());
    }
  }

  /**
   * Fire-and-forget, as {@link #push}, for one message to many users (a going-live batch): their
   * devices are read in ONE query. One query per user was 5,000 queries per batch, queued on the
   * shared PostgreSQL pool ahead of every interactive request (chat's block check waited behind
   * them for the whole fan-out; docs/PERFORMANCE.md, "Going-live fan-out, second round").
   */
  public void pushEach(List<Long> userIds, String kind, String title, String body, JsonObject data) {
    if (sender == null || userIds.isEmpty()) {
      return;
    }
    try {
      PushMessage message = new PushMessage(kind, title, body, data);
      devices.listOf(userIds)
        .onSuccess(list -> list.stream().filter(d -> sender.accepts(d.provider()))
          .forEach(d -> deliveries.deliver(d, message)))
        .onFailure(e -> LOG.warn("Push {} to {} users not sent: their devices could not be read: {}", kind,
          userIds.size(), e.toString()));
    } catch (RuntimeException e) {
      LOG.warn("Push {} to {} users not sent: {}", kind, userIds.size(), e.toString());
    }
  }
}
