package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RpcMethod.RpcContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AI painting over the socket: {@code ai.paint} starts a painting and relays it to the user's
 * personal channel as ordered publications: {@code queued}, {@code partial}s (each with the id of
 * a low-resolution preview, fetched from {@code GET /api/v1/ai/previews/{id}}), then exactly one
 * {@code done} (with the media id) or {@code error}. {@code ai.cancel} stops it. A painting keeps
 * running when its socket closes: the picture lands in the gallery.
 *
 * <p>Paintings are registered on the node that runs them; cancel reaches them through any of the
 * user's connections to that node.
 */
public final class PaintService {
  private static final Logger LOG = LoggerFactory.getLogger(PaintService.class);

  private final Realtime realtime;
  private final Paintings paintings;
  private final PreviewStore previews;
  /** Paintings running on this node, from every event loop; cancel hops to the job's context. */
  private final Map<String, Painting> active = new ConcurrentHashMap<>();

  PaintService(Realtime realtime, Paintings paintings, PreviewStore previews) {
    this.realtime = realtime;
    this.paintings = paintings;
    this.previews = previews;
  }

  /** {@code ai.paint}: returns {@code {generationId, channel}}. */
  public Future<JsonObject> paint(RpcContext ctx, JsonObject params) {
    JsonObject in = params == null ? new JsonObject() : params;
    long userId = ctx.principal().userId();
    ImageRequest parsed;
    try {
      parsed = paintings.request(in.getValue("prompt"), in.getValue("size"), in.getValue("style"), null);
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
    Future<ImageRequest> request = paintings.moderate(parsed).compose(v -> withReference(userId, parsed,
      in.getValue("referenceMediaId")));
    return request.compose(r -> paintings.admit(userId).map(id -> start(userId, id, r)))
      .map(id -> new JsonObject().put("generationId", id).put("channel", realtime.personalChannel(userId)));
  }

  private Future<ImageRequest> withReference(long userId, ImageRequest r, Object reference) {
    if (reference == null) {
      return Future.succeededFuture(r);
    }
    UUID mediaId;
    try {
      mediaId = UUID.fromString(String.valueOf(reference));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(AppException.validation(java.util.List.of(new io.liveroom.error.FieldError(
        "referenceMediaId", "invalid", "A media id (UUID) of one of your pictures."))));
    }
    return paintings.images().read(userId, mediaId)
      .map(png -> new ImageRequest(r.prompt(), r.size(), r.style(), png.getBytes()));
  }

  private String start(long userId, String id, ImageRequest r) {
    Painting p = paintings.open(id, userId, "socket", r);
    active.put(id, p);
    String channel = realtime.personalChannel(userId);
    // One chain per painting: publications leave in order, a preview's after it is stored.
    Future<?>[] chain = {publish(channel, event("queued", id))};
    p.previewHandler(png -> chain[0] = chain[0].transform(v -> previews.put(userId, png))
      .compose(previewId -> publish(channel, event("partial", id).put("previewMediaId", previewId)))
      .otherwise(e -> {
        LOG.warn("AI painting {}: preview for user {} not stored ({})", id, userId, e.getMessage());
        return null;
      }));
    p.outcome().onComplete(o -> {
      active.remove(id);
      chain[0].transform(v -> publish(channel, finalEvent(o.result())));
    });
    return id;
  }

  private Future<Void> publish(String channel, JsonObject data) {
    return realtime.publish(channel, data).<Void>mapEmpty().onFailure(e ->
      LOG.warn("AI painting {}: publication failed ({})", data.getString("generationId"), e.getMessage()));
  }

  private static JsonObject event(String type, String id) {
    return new JsonObject().put("type", type).put("generationId", id).put("kind", "paint");
  }

  private static JsonObject finalEvent(PaintOutcome o) {
    if (o.status().equals(GenerationOutcome.COMPLETE)) {
      return event("done", o.generationId()).put("mediaId", o.image().mediaId().toString())
        .put("width", o.image().width()).put("height", o.image().height()).put("url", o.image().url());
    }
    String code = o.error() == null ? "ai_cancelled" : o.error().code();
    return event("error", o.generationId()).put("status", o.status()).put("code", code);
  }

  /** Cancels a painting of the user's running on this node; false when there is none. */
  boolean cancel(long userId, String generationId) {
    Painting p = active.get(generationId);
    if (p == null || p.userId() != userId) {
      return false;
    }
    p.cancel();
    return true;
  }

  /** Paintings running on this node. */
  public int running() {
    return active.size();
  }
}
