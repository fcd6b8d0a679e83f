package io.liveroom.room;

import io.vertx.core.Future;

/**
 * How many distinct users are subscribed to a channel right now, cluster-wide. Backed by the
 * real-time core's presence stats ({@code numUsers}); rooms use it for the live viewer count, the
 * peak, the hot score and the join/leave threshold. Must be cheap (one Redis round trip) for
 * channels of 100k members. Fails when the count is unknown (presence off, Redis down).
 */
@FunctionalInterface
public interface ViewerCounter {
  Future<Integer> viewers(String channel);
}
