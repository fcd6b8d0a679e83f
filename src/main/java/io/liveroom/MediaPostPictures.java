package io.liveroom;

import io.liveroom.media.MediaReferences;
import io.liveroom.post.PostPictures;
import io.vertx.core.Future;

import java.util.UUID;

/**
 * Posts' pictures answered by media: picture {@code n} of post {@code p} is the
 * {@code post/<p>.<n>} reference (media keeps one picture per reference), made public for a public
 * post; links are media's public or signed URLs of the medium and thumbnail variants.
 */
final class MediaPostPictures implements PostPictures {
  private static final String KIND = "post";
  private final MediaReferences references;

  MediaPostPictures(MediaReferences references) {
    this.references = references;
  }

  @Override
  public Future<Void> attach(long authorId, UUID mediaId, long postId, int position, boolean makePublic) {
    return references.attach(authorId, mediaId, KIND, postId + "." + position, makePublic).mapEmpty();
  }

  @Override
  public Future<Void> detach(long postId, int count) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < count; i++) {
      String ref = postId + "." + i;
      chain = chain.compose(v -> references.detach(KIND, ref));
    }
    return chain;
  }

  @Override
  public Links links(UUID mediaId, boolean signed) {
    MediaReferences.Attached a = references.links(mediaId, signed);
    return new Links(a.mediumUrl(), a.thumbUrl());
  }
}
