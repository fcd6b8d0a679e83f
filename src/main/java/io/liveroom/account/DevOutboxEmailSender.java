package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code dev-outbox} stand-in for an SMTP relay: it mails nothing and keeps the last few
 * messages per address in this node's memory, readable at {@code GET /api/v1/dev/email-outbox}
 * (mounted only while this sender is configured). For local runs and tests; production mode
 * refuses it. Bounded; shared by every event loop, guarded by its monitor, returning completed futures.
 */
public final class DevOutboxEmailSender implements EmailSender {
  private static final int MAX_ADDRESSES = 10_000;
  private static final int PER_ADDRESS = 5;

  private final Clock clock;
  private final Map<String, Deque<JsonObject>> outbox = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<JsonObject>> eldest) {
      return size() > MAX_ADDRESSES;
    }
  };

  public DevOutboxEmailSender(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<Void> sendCode(String address, String code, int ttlSeconds) {
    Deque<JsonObject> q = outbox.computeIfAbsent(address.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
    q.addFirst(new JsonObject().put("subject", SUBJECT).put("code", code).put("text", EmailSender.body(code, ttlSeconds))
      .put("sentAt", clock.instant().toString()).put("ttlSeconds", ttlSeconds));
    while (q.size() > PER_ADDRESS) {
      q.removeLast();
    }
    return Future.succeededFuture();
  }

  /** Newest first. */
  public synchronized List<JsonObject> messages(String address) {
    Deque<JsonObject> q = outbox.get(address.toLowerCase(Locale.ROOT));
    return q == null ? List.of() : new ArrayList<>(q);
  }
}
