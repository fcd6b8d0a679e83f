package io.liveroom.ai;

import io.liveroom.config.PaintConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The governed way into the image provider, shared by the socket and the HTTP surface: request
 * rules (prompt length, sizes from the allow-list), prompt moderation (the dialogue's
 * {@link ContentModerator}), quota admission, then a {@link Painting} whose end is always recorded
 * (picture stored as media and put in the gallery, lease freed, usage row), whatever the outcome.
 *
 * <p>Shared by every event loop: a painting's job is owned by the context that opened it, its end
 * and records complete there, and quotas are per-call Redis calls.
 */
public final class Paintings {
  private static final Logger LOG = LoggerFactory.getLogger(Paintings.class);
  private static final Pattern STYLE = Pattern.compile("[\\p{L}\\p{N} _-]{1,32}");

  private final ImageProvider provider;
  private final PaintQuotas quotas;
  private final PaintRepository repo;
  private final ContentModerator moderator;
  private final PaintConfig config;
  private volatile AiImageStore images;

  Paintings(ImageProvider provider, PaintQuotas quotas, PaintRepository repo, ContentModerator moderator,
            PaintConfig config) {
    this.provider = provider;
    this.quotas = quotas;
    this.repo = repo;
    this.moderator = moderator;
    this.config = config;
  }

  /** Set once by the bootstrap, before the node serves (media is built after AI). */
  void use(AiImageStore images) {
    this.images = images;
  }

  AiImageStore images() {
    return images;
  }

  /** A valid request or a 400 with field errors; {@code size} null or {@code auto} is the default size. */
  ImageRequest request(Object prompt, Object size, Object style, byte[] reference) {
    FieldErrors errors = new FieldErrors();
    String p = prompt instanceof String s ? s : null;
    if (p == null || p.isBlank()) {
      errors.add("prompt", "required", "A prompt is required.");
    } else if (p.length() > config.maxPromptChars()) {
      errors.add("prompt", "too_long", "At most " + config.maxPromptChars() + " characters.");
    }
    String sz = size == null || "auto".equals(size) ? config.defaultSize() : size instanceof String s ? s : "";
    String st = style instanceof String s && !s.isBlank() ? s : null;
    if (st != null && !STYLE.matcher(st).matches()) {
      errors.add("style", "invalid", "1-32 letters, digits, spaces, _ or -.");
    }
    errors.throwIfAny();
    if (!config.sizes().contains(sz)) {
      throw AppException.of(ErrorCode.AI_IMAGE_SIZE_UNSUPPORTED, "Sizes: " + String.join(", ", config.sizes()) + ".");
    }
    return new ImageRequest(p, sz, st, reference);
  }

  /** Fails with {@code ai_content_blocked} when the prompt contains a blocked term. */
  Future<Void> moderate(ImageRequest r) {
    String text = r.style() == null ? r.prompt() : r.prompt() + " " + r.style();
    return moderator.findBlocked(text) == null ? Future.succeededFuture()
      : Future.failedFuture(AppException.of(ErrorCode.AI_CONTENT_BLOCKED, "The prompt contains blocked content."));
  }

  /** Takes a quota slot; the id returned names the painting. */
  Future<String> admit(long userId) {
    String id = UUID.randomUUID().toString();
    return quotas.admit(userId, id).map(id);
  }

  /** Gives back a slot taken by {@link #admit} that was not used (and its day's picture). */
  Future<Void> abandon(long userId, String id) {
    return quotas.release(userId, id, true);
  }

  /** Opens an admitted painting. Call on an event loop; set the preview handler in the same turn. */
  Painting open(String id, long userId, String surface, ImageRequest request) {
    Painting p = new Painting(id, userId, surface, request, provider.open(request));
    p.outcome(p.job().end().transform(end -> finish(p, end)).compose(o -> record(p, o).map(o)));
    return p;
  }

  private Future<PaintOutcome> finish(Painting p, AsyncResult<Buffer> end) {
    if (end.failed()) {
      ErrorCode code = end.cause() instanceof AppException app ? app.code() : ErrorCode.AI_UPSTREAM_UNAVAILABLE;
      String status = code == ErrorCode.AI_CANCELLED ? GenerationOutcome.CANCELLED : GenerationOutcome.ERROR;
      return Future.succeededFuture(new PaintOutcome(p.id(), status, status.equals(GenerationOutcome.ERROR) ? code : null,
        null, null));
    }
    Buffer png = end.result();
    return images.store(p.userId(), p.id(), png)
      .compose(stored -> repo.insertImage(stored.mediaId(), p.userId(), p.id(), p.request()).map(stored))
      .map(stored -> new PaintOutcome(p.id(), GenerationOutcome.COMPLETE, null, stored, png))
      .otherwise(e -> {
        LOG.error("AI painting {} of user {}: the picture could not be stored", p.id(), p.userId(), e);
        ErrorCode code = e instanceof AppException app ? app.code() : ErrorCode.AI_UPSTREAM_UNAVAILABLE;
        return new PaintOutcome(p.id(), GenerationOutcome.ERROR, code, null, null);
      });
  }

  private Future<Void> record(Painting p, PaintOutcome o) {
    boolean refund = o.status().equals(GenerationOutcome.ERROR);
    Future<Void> freed = quotas.release(p.userId(), p.id(), refund)
      .onFailure(e -> LOG.warn("AI painting {} of user {}: quota release failed ({})", p.id(), p.userId(), e.getMessage()));
    Future<Void> logged = repo.recordUsage(p, o, provider.name());
    return Future.join(freed, logged).<Void>mapEmpty().otherwiseEmpty();
  }

  PaintConfig config() {
    return config;
  }

  PaintRepository repo() {
    return repo;
  }

  PaintQuotas quotas() {
    return quotas;
  }
}
