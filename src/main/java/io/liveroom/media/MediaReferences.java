package io.liveroom.media;

import io.vertx.core.Future;

import java.util.UUID;

/**
 * The "referenced by" seam: how a profile (avatar), a room (cover), a post or an AI note says it
 * uses an uploaded picture, so the sweeper keeps it. A thing is named by a kind and an id
 * ({@code avatar}/{@code 42}); it references at most one picture per kind, so attaching another
 * one replaces the old reference, and the old picture, referenced by nothing any more, becomes an
 * orphan the sweeper deletes after the grace period. A capability that needs this defines its own
 * small interface and the bootstrap adapts it to this one (no import cycle).
 *
 * <p>Guarantees: {@link #attach} succeeds only for a picture of {@code ownerId}'s that moderation
 * has not rejected; with {@code makePublic} it returns only once the picture is public (moderation
 * ran and approved), and fails with {@code media_not_usable} otherwise. Both calls are idempotent.
 */
public interface MediaReferences {
  /** A referenced picture and its public URLs (null when it is private). */
  record Attached(UUID id, String thumbUrl, String mediumUrl, String originalUrl) {
  }

  Future<Attached> attach(long ownerId, UUID mediaId, String kind, String refId, boolean makePublic);

  /**
   * Makes a picture of {@code ownerId}'s public (moderation first) without referencing it yet, for
   * a thing whose id is known only once it exists (a new room); {@link #attach} follows.
   */
  Future<Attached> publish(long ownerId, UUID mediaId);

  /** Drops what {@code kind}/{@code refId} references (nothing referenced is a success). */
  Future<Void> detach(String kind, String refId);

  /**
   * The URLs of a referenced picture without a lookup, for lists that show many: its stable public
   * URLs, or ({@code signed}) URLs signed for the configured TTL, which serve it whatever its
   * visibility (a private or followers-only post's pictures). A signed URL of a frozen or deleted
   * picture serves nothing.
   */
  Attached links(UUID mediaId, boolean signed);
}
