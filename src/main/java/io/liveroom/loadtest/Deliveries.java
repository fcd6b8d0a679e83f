package io.liveroom.loadtest;

import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The per-subscriber sequence check: each load-test message carries (publisher, sequence, intended
 * send time). Every viewer counts what it got from each publisher and notes any sequence that went
 * backwards; at the end, losses = sent - received for every (viewer, publisher) pair.
 */
final class Deliveries {
  private final int publishers;
  private final AtomicLongArray received;
  private final AtomicLongArray lastSeq;
  final LongAdder outOfOrder = new LongAdder();
  final LongAdder duplicates = new LongAdder();

  Deliveries(int viewers, int publishers) {
    this.publishers = publishers;
    this.received = new AtomicLongArray(viewers * publishers);
    this.lastSeq = new AtomicLongArray(viewers * publishers);
    for (int i = 0; i < lastSeq.length(); i++) {
      lastSeq.set(i, -1);
    }
  }

  /** The message fields in a publication's data: bench form {p,q,t}, or a chat whose text is "lt p q t ...". */
  static long[] parse(JsonObject data) {
    if (data == null) {
      return null;
    }
    if (data.containsKey("q")) {
      return new long[] {data.getLong("p"), data.getLong("q"), data.getLong("t")};
    }
    String text = data.getString("text");
    if (!"chat".equals(data.getString("type")) || text == null || !text.startsWith("lt ")) {
      return null;
    }
    String[] f = text.split(" ");
    return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
  }

  static JsonObject payload(boolean chat, int publisher, long seq, long intendedNanos, int size) {
    String head = "lt " + publisher + " " + seq + " " + intendedNanos + " ";
    String pad = "x".repeat(Math.max(0, size - head.length() - (chat ? 11 : 30)));
    return chat ? new JsonObject().put("text", head + pad)
      : new JsonObject().put("p", publisher).put("q", seq).put("t", intendedNanos).put("x", pad);
  }

  void record(int viewer, long[] m) {
    int i = viewer * publishers + (int) m[0];
    received.incrementAndGet(i);
    long last = lastSeq.getAndSet(i, m[1]);
    if (m[1] == last) {
      duplicates.increment();
    } else if (m[1] < last) {
      outOfOrder.increment();
    }
  }

  long received() {
    long sum = 0;
    for (int i = 0; i < received.length(); i++) {
      sum += received.get(i);
    }
    return sum;
  }

  /** Sum over every (viewer, publisher) of messages sent but not received. */
  long losses(long[] sentPerPublisher) {
    long lost = 0;
    for (int i = 0; i < received.length(); i++) {
      lost += Math.max(0, sentPerPublisher[i % publishers] - received.get(i));
    }
    return lost;
  }
}
