package io.liveroom.reward;

import io.liveroom.error.FieldErrors;
import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/**
 * A send-gift request as it arrives over the socket ({@code gift.send}) or HTTP. {@code requestId}
 * is the client's idempotency key, unique per sender.
 */
public record GiftRequest(long roomId, long giftId, int count, String requestId) {
  static final int MAX_COUNT = 9_999;
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Validates and reads the fields; {@code roomId} may come from the URL instead of the body. */
  public static GiftRequest from(JsonObject body, Long roomIdFromPath) {
    FieldErrors errors = new FieldErrors();
    long roomId = roomIdFromPath != null ? roomIdFromPath : positiveLong(body, "roomId", errors);
    long giftId = positiveLong(body, "giftId", errors);
    Object c = body.getValue("count", 1);
    int count = 0;
    if (!(c instanceof Integer || c instanceof Long) || ((Number) c).longValue() < 1 || ((Number) c).longValue() > MAX_COUNT) {
      errors.add("count", "out_of_range", "count must be a whole number from 1 to " + MAX_COUNT + ".");
    } else {
      count = ((Number) c).intValue();
    }
    Object r = body.getValue("requestId");
    if (!(r instanceof String s) || !REQUEST_ID.matcher(s).matches()) {
      errors.add("requestId", "invalid", "requestId must be 1-64 characters of letters, digits, . _ : -");
    }
    errors.throwIfAny();
    return new GiftRequest(roomId, giftId, count, (String) r);
  }

  private static long positiveLong(JsonObject body, String field, FieldErrors errors) {
    Object v = body.getValue(field);
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 1) {
      errors.add(field, "invalid", field + " must be a positive whole number.");
      return 0;
    }
    return ((Number) v).longValue();
  }

  /** The ledger idempotency key: request ids are unique per sender. */
  String idempotencyKey(long senderId) {
    return "gift:" + senderId + ":" + requestId;
  }
}
