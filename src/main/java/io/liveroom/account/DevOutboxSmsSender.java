package io.liveroom.account;

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
 * The {@code dev-outbox} stand-in for an SMS gateway: it sends nothing and keeps the last few codes
 * and notices per number in this node's memory, readable at {@code GET /api/v1/dev/sms-outbox} (mounted only
 * while this sender is configured). For local runs, tests and load scripts; never for production.
 * Bounded: the oldest numbers are forgotten first. Shared by every event loop: guarded by its
 * monitor, and it hands back futures already completed, on the caller's thread.
 */
public final class DevOutboxSmsSender implements SmsSender {
  private static final int MAX_NUMBERS = 10_000;
  private static final int PER_NUMBER = 5;

  private final Clock clock;
  private final Map<String, Deque<JsonObject>> outbox = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<JsonObject>> eldest) {
      return size() > MAX_NUMBERS;
    }
  };

  public DevOutboxSmsSender(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<Void> send(String e164, SmsPurpose purpose, String code, int ttlSeconds) {
    return record(e164, new JsonObject().put("purpose", purpose.wire()).put("code", code)
      .put("sentAt", clock.instant().toString()).put("ttlSeconds", ttlSeconds));
  }

  /** Kept beside the codes as {@code {notice, text, sentAt}}. */
  @Override
  public Future<Void> notify(String e164, SmsNotice notice) {
    return record(e164, new JsonObject().put("notice", notice.wire()).put("text", notice.text())
      .put("sentAt", clock.instant().toString()));
  }

  private synchronized Future<Void> record(String e164, JsonObject message) {
    Deque<JsonObject> q = outbox.computeIfAbsent(e164, k -> new ArrayDeque<>());
    q.addFirst(message);
    while (q.size() > PER_NUMBER) {
      q.removeLast();
    }
    return Future.succeededFuture();
  }

  /** Newest first. */
  public synchronized List<JsonObject> messages(String e164) {
    Deque<JsonObject> q = outbox.get(e164);
    return q == null ? List.of() : new ArrayList<>(q);
  }
}
