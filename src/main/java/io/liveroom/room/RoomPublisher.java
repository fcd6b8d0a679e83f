package io.liveroom.room;

import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side publications into {@code room:{id}}, through the publish budget. Every publication
 * carries a {@code type} (see docs/PROTOCOL.md, "Live rooms").
 */
public final class RoomPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(RoomPublisher.class);

  private final Realtime realtime;
  private final PublishBudget budget;

  RoomPublisher(Realtime realtime, PublishBudget budget) {
    this.realtime = realtime;
    this.budget = budget;
  }

  /**
   * Publishes unless the budget sheds it. Succeeds with false when shed; fails when the real-time
   * core could not publish.
   */
  Future<Boolean> publish(long roomId, Priority priority, JsonObject data) {
    if (!budget.admit(roomId, priority)) {
      return Future.succeededFuture(false);
    }
    return realtime.publish(RoomNamespace.channel(roomId), data)
      .onFailure(e -> LOG.warn("Publishing {} into room {} failed: {}", data.getString("type"), roomId, e.getMessage()))
      .map(true);
  }

  /**
   * A gift into a room (for the rewards capability): critical, never shed. {@code gift} carries what
   * clients render (gift id, sender profile, amount); {@code type} is set to {@code gift}.
   */
  public Future<Boolean> publishGift(long roomId, JsonObject gift) {
    return publish(roomId, Priority.CRITICAL, gift.copy().put("type", "gift"));
  }
}
