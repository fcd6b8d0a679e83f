package io.liveroom.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.BitSet;

/**
 * One viewer of the reconnect storm: the stream position it would recover from (epoch, last
 * offset), the publisher's sequence numbers it has seen (live or recovered), and how its
 * resubscription went. Its connection's event loop writes it and the scenario reads it at the end,
 * hence the locking (uncontended).
 */
final class StormViewer {
  final Api.User user;
  volatile RtClient client;
  private String epoch = "";
  private long offset;
  private final BitSet seen = new BitSet();
  private long duplicates;
  private long recoveredPublications;
  private Boolean recovered;
  private boolean justified;
  private long gap;

  StormViewer(Api.User user) {
    this.user = user;
  }

  /** The first subscribe's reply: the stream top is where recovery would start from. */
  synchronized void subscribed(JsonObject result) {
    epoch = result.getString("epoch", "");
    offset = result.getLong("offset", 0L);
  }

  /** A live publication; {@code seq} is the publisher's number, or -1 for a server publication (viewer count...). */
  synchronized void publication(long seq, long pubOffset) {
    offset = Math.max(offset, pubOffset);
    if (seq >= 0) {
      if (seen.get((int) seq)) {
        duplicates++;
      }
      seen.set((int) seq);
    }
  }

  synchronized String epoch() {
    return epoch;
  }

  synchronized long offset() {
    return offset;
  }

  /**
   * The recovering subscribe's reply. A {@code recovered: false} is justified only when the gap
   * (stream top minus our last offset) exceeds what history keeps, or the epoch changed.
   */
  synchronized void resubscribed(JsonObject result, long historySize, long lastOffset, String lastEpoch) {
    recovered = result.getBoolean("recovered", false);
    long top = result.getLong("offset", 0L);
    String newEpoch = result.getString("epoch", "");
    gap = top - lastOffset;
    justified = !newEpoch.equals(lastEpoch) || gap > historySize;
    JsonArray pubs = result.getJsonArray("publications", new JsonArray());
    for (int i = 0; i < pubs.size(); i++) {
      JsonObject p = pubs.getJsonObject(i);
      long[] m = Deliveries.parse(p.getJsonObject("data"));
      publication(m == null ? -1 : m[1], p.getLong("offset", 0L));
      recoveredPublications++;
    }
    epoch = newEpoch;
    offset = Math.max(offset, top);
  }

  synchronized boolean has(long seq) {
    return seen.get((int) seq);
  }

  /** Null until resubscribed. */
  synchronized Boolean recovered() {
    return recovered;
  }

  synchronized boolean justified() {
    return justified;
  }

  /** Publications in the stream this viewer had not seen when it resubscribed (stream top minus its offset). */
  synchronized long gap() {
    return gap;
  }

  synchronized long duplicates() {
    return duplicates;
  }

  synchronized long recoveredPublications() {
    return recoveredPublications;
  }

  /** Publisher sequence numbers in {@code accepted} this viewer never got. */
  synchronized long missing(BitSet accepted) {
    BitSet m = (BitSet) accepted.clone();
    m.andNot(seen);
    return m.cardinality();
  }
}
