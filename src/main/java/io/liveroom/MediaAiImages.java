package io.liveroom;

import io.liveroom.ai.AiImageStore;
import io.liveroom.media.MediaImports;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.UUID;

/**
 * AI painting's pictures answered by media: each is imported as a private picture of purpose
 * {@code ai}, referenced as {@code ai_image/<generation id>} while it is in the gallery.
 */
final class MediaAiImages implements AiImageStore {
  private static final String KIND = "ai_image";
  private final MediaImports media;

  MediaAiImages(MediaImports media) {
    this.media = media;
  }

  @Override
  public Future<Stored> store(long userId, String generationId, Buffer png) {
    return media.importPicture(userId, "ai", png, KIND, generationId).map(MediaAiImages::stored);
  }

  @Override
  public Future<Stored> links(long userId, UUID mediaId) {
    return media.links(userId, mediaId).map(MediaAiImages::stored);
  }

  @Override
  public Future<Void> delete(long userId, UUID mediaId, String generationId) {
    return media.deleteReferenced(userId, mediaId, KIND, generationId);
  }

  @Override
  public Future<Buffer> read(long userId, UUID mediaId) {
    return media.original(userId, mediaId);
  }

  private static Stored stored(MediaImports.Imported i) {
    return new Stored(i.id(), i.width(), i.height(), i.originalUrl(), i.thumbUrl());
  }
}
