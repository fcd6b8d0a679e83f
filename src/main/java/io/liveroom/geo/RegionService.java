package io.liveroom.geo;

import io.liveroom.consent.ConsentWithdrawalListener;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldError;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/**
 * Coarse regions for the hot list. "My region" is derived from the caller's consented, fresh cell
 * (so it needs the location consent); browsing a named region needs nothing. Rooms carry a region
 * through {@link LiveRoomRegions}: derived from the host's location, or picked by the host.
 */
public final class RegionService {
  private final LocationService locations;
  private final LiveRoomRegions rooms;
  private final int precision;

  public RegionService(LocationService locations, LiveRoomRegions rooms, int precision) {
    this.locations = locations;
    this.rooms = rooms;
    this.precision = precision;
  }

  /** The caller's region; {@code consent_required} or {@code location_required} otherwise. */
  public Future<String> myRegion(long userId) {
    return locations.currentCell(userId).map(cell -> RegionCodes.encode(cell.lat(), cell.lng(), precision));
  }

  /**
   * The region a new room of this host should carry when the host picked none: derived from the
   * host's consented fresh location, or empty (no region) when there is no consent or location.
   * For the rooms capability to call when a room goes live.
   */
  public Future<Optional<String>> derivedRegionFor(long hostId) {
    return myRegion(hostId).map(Optional::of).recover(e -> e instanceof AppException a
      && (a.code() == ErrorCode.CONSENT_REQUIRED || a.code() == ErrorCode.LOCATION_REQUIRED)
      ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
  }

  public Future<List<LiveRoom>> hottest(String region, int limit) {
    return valid(region).compose(ok -> rooms.hottest(region, limit));
  }

  public Future<List<LiveRoom>> hottestInMyRegion(long userId, int limit) {
    return myRegion(userId).compose(region -> rooms.hottest(region, limit));
  }

  /**
   * Tags the host's live room with the region they picked, or with their derived region when
   * {@code chosen} is null. {@code not_found} when the host has no live room.
   */
  public Future<LiveRoom> tagMyLiveRoom(long hostId, String chosen) {
    Future<Optional<LiveRoom>> tagged;
    if (chosen != null) {
      tagged = valid(chosen).compose(ok -> rooms.tagHostRoom(hostId, chosen, RegionSource.CHOSEN));
    } else {
      tagged = myRegion(hostId).compose(region -> rooms.tagHostRoom(hostId, region, RegionSource.LOCATION));
    }
    return tagged.compose(room -> room.isPresent() ? Future.succeededFuture(room.get())
      : Future.failedFuture(AppException.of(ErrorCode.NOT_FOUND, "You have no live room to tag.")));
  }

  /** Withdrawal effect for {@code location}: regions derived from it are cleared; chosen ones stay. */
  public ConsentWithdrawalListener withdrawalEffect() {
    return (userId, purpose) -> rooms.clearHostRegions(userId, RegionSource.LOCATION);
  }

  private Future<Void> valid(String region) {
    if (RegionCodes.isValid(region, precision)) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(AppException.validation(List.of(new FieldError("region", "invalid",
      "region must be a " + precision + "-character geohash (digits and lowercase letters except a, i, l, o)."))));
  }

  public int precision() {
    return precision;
  }
}
