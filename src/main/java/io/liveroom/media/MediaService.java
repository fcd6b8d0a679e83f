package io.liveroom.media;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reading and serving stored pictures, their owners' views, and the references other capabilities
 * make ({@link MediaReferences}). Public pictures are served to anyone under their stable URL;
 * anything else only through a signed URL, which the owner's views hand out.
 */
final class MediaService implements MediaReferences {
  /** One year: a stored variant never changes, so caches may keep it as long as they like. */
  static final String PUBLIC_CACHE = "public, max-age=31536000, immutable";
  private static final Pattern KIND = Pattern.compile("[a-z][a-z_]{0,31}");

  /**
   * A variant the caller may have: its type, caching and entity tag, and a way to read its bytes.
   * A stored variant never changes under its key, so the tag is derived from the key and a
   * conditional request is answered without reading the store.
   */
  record Served(String contentType, String cacheControl, String etag, Supplier<Future<Buffer>> bytes) {
  }

  private final MediaRepository repository;
  private final MediaStore store;
  private final SignedUrls urls;
  private final Publication publication;
  private final Duration signedTtl;
  private final Clock clock;

  MediaService(MediaRepository repository, MediaStore store, SignedUrls urls, Publication publication,
               Duration signedTtl, Clock clock) {
    this.repository = repository;
    this.store = store;
    this.urls = urls;
    this.publication = publication;
    this.signedTtl = signedTtl;
    this.clock = clock;
  }

  /** A variant for a request with no signature (public pictures only) or with one (any picture, until it expires). */
  Future<Served> serve(UUID id, Variant variant, String expires, String sig) {
    boolean signed = expires != null || sig != null;
    Instant now = clock.instant();
    if (signed) {
      SignedUrls.Check check = urls.check(id, variant, expires, sig, now);
      if (check == SignedUrls.Check.FORGED) {
        return Future.failedFuture(AppException.of(ErrorCode.MEDIA_LINK_INVALID, "This picture link is not valid."));
      }
      if (check == SignedUrls.Check.EXPIRED) {
        return Future.failedFuture(AppException.of(ErrorCode.MEDIA_LINK_EXPIRED, "This picture link has expired."));
      }
    }
    return existing(id).compose(m -> {
      if (!signed && !m.publiclyServed() || signed && m.frozen()) {
        return Future.failedFuture(notFound());
      }
      String cache = signed ? "private, max-age=" + Math.max(0, Long.parseLong(expires) - now.getEpochSecond())
        : PUBLIC_CACHE;
      String key = variant.key(id);
      return Future.succeededFuture(new Served(m.contentType(), cache, "\"" + id + "-" + variant.wire + "\"",
        () -> store.get(key)));
    });
  }

  /** The owner's view of one picture, with URLs that work in an {@code <img>} tag. */
  Future<JsonObject> view(long ownerId, UUID id) {
    return owned(ownerId, id).compose(m -> repository.referencedBy(id)
      .map(refs -> describe(m).put("referencedBy", new JsonArray(refs))));
  }

  Future<JsonArray> mine(long ownerId) {
    return repository.mine(ownerId, 200).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(m -> out.add(describe(m)));
      return out;
    });
  }

  JsonObject describe(MediaObject m) {
    JsonObject links = new JsonObject();
    Instant expires = clock.instant().plus(signedTtl);
    for (Variant v : Variant.values()) {
      links.put(v.wire, m.publiclyServed() ? urls.publicUrl(m.id(), v) : urls.signedUrl(m.id(), v, expires));
    }
    return MediaUploads.describe(m).put("urls", links);
  }

  @Override
  public Future<Attached> attach(long ownerId, UUID mediaId, String kind, String refId, boolean makePublic) {
    if (!KIND.matcher(kind).matches() || refId == null || refId.isEmpty() || refId.length() > 64) {
      return Future.failedFuture(new IllegalArgumentException("bad media reference " + kind + "/" + refId));
    }
    return owned(ownerId, mediaId).compose(m -> {
      if ("rejected".equals(m.moderation())) {
        return Future.failedFuture(AppException.of(ErrorCode.MEDIA_NOT_USABLE, "Moderation rejected this picture."));
      }
      return makePublic ? publication.publish(m) : Future.succeededFuture(m);
    }).compose(m -> {
      if (makePublic && !m.publiclyServed()) {
        return Future.failedFuture(AppException.of(ErrorCode.MEDIA_NOT_USABLE, "rejected".equals(m.moderation())
          ? "Moderation rejected this picture." : "This picture is waiting for moderation; try again later."));
      }
      return repository.attach(mediaId, kind, refId, clock.instant()).map(v -> attached(m));
    });
  }

  @Override
  public Future<Attached> publish(long ownerId, UUID mediaId) {
    return owned(ownerId, mediaId).compose(publication::publish).map(m -> {
      if (!m.publiclyServed()) {
        throw AppException.of(ErrorCode.MEDIA_NOT_USABLE, "rejected".equals(m.moderation())
          ? "Moderation rejected this picture." : "This picture is waiting for moderation; try again later.");
      }
      return attached(m);
    });
  }

  @Override
  public Future<Void> detach(String kind, String refId) {
    return repository.detach(kind, refId, clock.instant());
  }

  @Override
  public Attached links(UUID mediaId, boolean signed) {
    if (!signed) {
      return new Attached(mediaId, urls.publicUrl(mediaId, Variant.THUMB), urls.publicUrl(mediaId, Variant.MEDIUM),
        urls.publicUrl(mediaId, Variant.ORIGINAL));
    }
    Instant expires = clock.instant().plus(signedTtl);
    return new Attached(mediaId, urls.signedUrl(mediaId, Variant.THUMB, expires),
      urls.signedUrl(mediaId, Variant.MEDIUM, expires), urls.signedUrl(mediaId, Variant.ORIGINAL, expires));
  }

  private Attached attached(MediaObject m) {
    if (!m.publiclyServed()) {
      return new Attached(m.id(), null, null, null);
    }
    return new Attached(m.id(), urls.publicUrl(m.id(), Variant.THUMB), urls.publicUrl(m.id(), Variant.MEDIUM),
      urls.publicUrl(m.id(), Variant.ORIGINAL));
  }

  /** A picture of {@code ownerId}'s; another user's is "not found" like a missing one. */
  Future<MediaObject> owned(long ownerId, UUID id) {
    return existing(id).map(m -> {
      if (m.ownerId() != ownerId) {
        throw notFound();
      }
      return m;
    });
  }

  Future<MediaObject> existing(UUID id) {
    return repository.find(id).map(found -> found.orElseThrow(MediaService::notFound));
  }

  static AppException notFound() {
    return AppException.of(ErrorCode.MEDIA_NOT_FOUND, "No such picture.");
  }
}
