package io.liveroom.push;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code dev-outbox} stand-in for a push provider: it sends nothing to any phone and keeps the
 * last pushes per user in this node's memory, readable by that user at
 * {@code GET /api/v1/dev/push-outbox} (mounted only while this stand-in is configured). For local
 * runs and tests; production refuses it unless allowed by name. Bounded: the least recently pushed
 * users are forgotten first. Shared by every event loop: guarded by its monitor, and it hands back
 * futures already completed.
 */
final class DevOutboxPushSender implements PushSender {
  private static final int MAX_USERS = 10_000;
  private static final int PER_USER = 50;

  private final Clock clock;
  private final Map<Long, Deque<JsonObject>> outbox = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Deque<JsonObject>> eldest) {
      return size() > MAX_USERS;
    }
  };

  DevOutboxPushSender(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "dev-outbox";
  }

  /** Records pushes for tokens of either provider, as a real deployment would reach them. */
  @Override
  public boolean accepts(String provider) {
    return true;
  }

  @Override
  public synchronized Future<PushOutcome> send(PushDevice device, PushMessage message) {
    Deque<JsonObject> q = outbox.computeIfAbsent(device.userId(), k -> new ArrayDeque<>());
    q.addFirst(new JsonObject().put("deviceId", device.id()).put("platform", device.platform())
      .put("provider", device.provider()).put("token", device.token()).put("kind", message.kind())
      .put("title", message.title()).put("body", message.body()).put("data", message.data())
      .put("sentAt", clock.instant().toString()));
    while (q.size() > PER_USER) {
      q.removeLast();
    }
    return Future.succeededFuture(PushOutcome.DELIVERED);
  }

  /** What would have been pushed to the user's devices, newest first. */
  synchronized List<JsonObject> messages(long userId) {
    Deque<JsonObject> q = outbox.get(userId);
    return q == null ? List.of() : new ArrayList<>(q);
  }
}
