package io.liveroom.geo;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Placeholder until the rooms capability is wired in {@code Node}: it claims no rooms exist (it
 * would be a lie), it answers 503 {@code not_available} naming the missing piece. Withdrawal
 * clean-up has nothing to clear while no rooms exist, so that one succeeds.
 */
public final class UnwiredLiveRoomRegions implements LiveRoomRegions {
  private static AppException unwired() {
    return AppException.of(ErrorCode.NOT_AVAILABLE, "Live rooms are not available on this node yet.");
  }

  @Override
  public Future<List<LiveRoom>> liveRoomsHostedBy(Collection<Long> hostIds) {
    return Future.failedFuture(unwired());
  }

  @Override
  public Future<Optional<LiveRoom>> tagHostRoom(long hostId, String region, RegionSource source) {
    return Future.failedFuture(unwired());
  }

  @Override
  public Future<Void> clearHostRegions(long hostId, RegionSource source) {
    return Future.succeededFuture();
  }

  @Override
  public Future<List<LiveRoom>> hottest(String region, int limit) {
    return Future.failedFuture(unwired());
  }
}
