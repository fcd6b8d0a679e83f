package io.liveroom.room;

import io.vertx.core.Future;

/**
 * Whether a user may host a live room under the rules on minors (under 16 never, 16 to 18 only
 * with a guardian's consent to hosting). Rooms own this seam; the bootstrap answers it from
 * accounts. Fails with {@code minor_cannot_host} or {@code hosting_consent_required}. Never cached
 * by rooms: asked when a room is created and every time one goes live (HTTP start and the media
 * server's on_publish), so a room created earlier cannot go live once its host may not host.
 */
@FunctionalInterface
public interface HostEligibility {
  Future<Void> requireMayHost(long userId);
}
