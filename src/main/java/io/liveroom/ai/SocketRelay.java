package io.liveroom.ai;

import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;

/**
 * Relays one generation to the user's personal channel as ordered publications: {@code start},
 * {@code delta}s, then exactly one {@code done} or {@code error}.
 *
 * <p>Ordering and backpressure: at most one publication is in flight; deltas that arrive meanwhile
 * are joined into the next one, and when more than {@link #HIGH_WATER} characters wait, the
 * generation is paused until the broker catches up. So a slow broker costs a bounded buffer,
 * never the whole answer.
 */
final class SocketRelay {
  static final int HIGH_WATER = 16 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(SocketRelay.class);

  private final Realtime realtime;
  private final String channel;
  private final Generation generation;
  private final ConversationRepository repo;
  private final long conversationId;
  private final OffsetDateTime startedAt = OffsetDateTime.now();
  private final Promise<Void> finished = Promise.promise();
  private final StringBuilder pending = new StringBuilder();
  private boolean inFlight;
  private boolean paused;
  private int seq;
  private JsonObject last;

  SocketRelay(Realtime realtime, String channel, Generation generation, ConversationRepository repo,
              long conversationId) {
    this.realtime = realtime;
    this.channel = channel;
    this.generation = generation;
    this.repo = repo;
    this.conversationId = conversationId;
  }

  /** Starts relaying; the future completes after the final publication has been sent. */
  Future<Void> run(String requestId) {
    generation.handler(this::onDelta);
    send(new JsonObject().put("type", "start").put("generationId", generation.id())
      .put("conversationId", conversationId).put("requestId", requestId).put("model", generation.model()));
    generation.outcome()
      .compose(o -> repo.insertAnswer(conversationId, o, startedAt).map(id -> finalPublication(o, id))
        .recover(e -> {
          LOG.error("AI generation {} of user {}: answer not saved", generation.id(), generation.userId(), e);
          return Future.succeededFuture(finalPublication(o, null));
        }))
      .onSuccess(p -> {
        last = p;
        flush();
      });
    return finished.future();
  }

  private void onDelta(String text) {
    pending.append(text);
    if (pending.length() > HIGH_WATER && !paused) {
      paused = true;
      generation.pause();
    }
    flush();
  }

  private void flush() {
    if (inFlight) {
      return;
    }
    if (pending.length() > 0) {
      String text = pending.toString();
      pending.setLength(0); // kept: at most HIGH_WATER and a delta, for this generation's life
      send(new JsonObject().put("type", "delta").put("generationId", generation.id()).put("seq", seq++)
        .put("text", text));
    } else if (last != null) {
      JsonObject p = last;
      last = null;
      send(p).onComplete(r -> finished.tryComplete());
    }
  }

  private Future<Realtime.PublishResult> send(JsonObject publication) {
    inFlight = true;
    return realtime.publish(channel, publication).onComplete(r -> {
      if (r.failed()) {
        LOG.warn("AI generation {}: publication to user {} failed ({})", generation.id(), generation.userId(),
          r.cause().getMessage());
      }
      inFlight = false;
      if (paused && pending.length() <= HIGH_WATER / 2) {
        paused = false;
        generation.resume();
      }
      flush();
    });
  }

  private JsonObject finalPublication(GenerationOutcome o, Long messageId) {
    JsonObject usage = new JsonObject().put("promptTokens", o.usage().promptTokens())
      .put("completionTokens", o.usage().completionTokens()).put("totalTokens", o.usage().totalTokens())
      .put("estimated", o.usage().estimated());
    JsonObject p = new JsonObject().put("generationId", generation.id()).put("messageId", messageId)
      .put("status", o.status()).put("usage", usage);
    if (o.status().equals(GenerationOutcome.COMPLETE)) {
      return p.put("type", "done").put("finishReason", o.finishReason());
    }
    String code = o.error() == null ? "ai_cancelled" : o.error().code();
    return p.put("type", "error").put("code", code);
  }
}
