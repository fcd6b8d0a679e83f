package io.liveroom;

import io.liveroom.media.MediaReferences;
import io.liveroom.note.NotePictures;
import io.vertx.core.Future;

import java.util.UUID;

/**
 * Notes' pictures answered by media: a note references its picture as {@code note/<note id>},
 * private (it is shown to its owner only, through signed URLs), so the orphan sweeper keeps it.
 */
final class MediaNotePictures implements NotePictures {
  private static final String KIND = "note";
  private final MediaReferences references;

  MediaNotePictures(MediaReferences references) {
    this.references = references;
  }

  @Override
  public Future<Void> attach(long userId, UUID mediaId, long noteId) {
    return references.attach(userId, mediaId, KIND, Long.toString(noteId), false).mapEmpty();
  }

  @Override
  public Future<Void> release(long noteId) {
    return references.detach(KIND, Long.toString(noteId));
  }
}
