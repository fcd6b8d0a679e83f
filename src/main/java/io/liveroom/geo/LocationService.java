package io.liveroom.geo;

import io.liveroom.consent.ConsentService;
import io.liveroom.consent.ConsentWithdrawalListener;
import io.liveroom.consent.Purpose;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A user's shared location: accepted only under a current {@code location} consent, snapped to a
 * grid cell before it is stored (the exact position is dropped here and never stored or logged),
 * kept for the configured TTL, and refused when it implies impossible travel. Also the user's
 * separate opt-in to be listed in Nearby.
 */
public final class LocationService {
  private static final Logger LOG = LoggerFactory.getLogger(LocationService.class);

  private final ConsentService consents;
  private final GeoStore store;
  private final LocationGrid grid;
  private final WindowLimit updateLimiter;
  private final NearbyRepository repository;
  private final Clock clock;
  private final int maxSpeedMetersPerSecond;
  private final int ttlSeconds;
  private final int regionPrecision;
  volatile NearbyGate gate = NearbyGate.OPEN;

  public LocationService(ConsentService consents, GeoStore store, LocationGrid grid, WindowLimit updateLimiter,
                         Pool pool, Clock clock, int maxSpeedMetersPerSecond, int ttlSeconds, int regionPrecision) {
    this.consents = consents;
    this.store = store;
    this.grid = grid;
    this.updateLimiter = updateLimiter;
    this.repository = new NearbyRepository(pool);
    this.clock = clock;
    this.maxSpeedMetersPerSecond = maxSpeedMetersPerSecond;
    this.ttlSeconds = ttlSeconds;
    this.regionPrecision = regionPrecision;
  }

  /** What the user is told after an update: their region and when the stored cell expires. */
  public record Receipt(String region, int cellMeters, Instant expiresAt) {
  }

  /**
   * Stores the cell of a position. Fails with {@code consent_required} (nothing stored),
   * {@code rate_limited}, or {@code location_implausible}.
   */
  public Future<Receipt> update(long userId, double lat, double lng) {
    GridCell cell = grid.snap(lat, lng);
    return gate.mayUseNearby(userId).compose(v -> consents.require(userId, Purpose.LOCATION))
      .compose(ok -> updateLimiter.hit(userId))
      .compose(ok -> store.get(userId))
      .compose(previous -> checkPlausible(userId, previous, cell))
      .compose(ok -> store.put(userId, cell))
      .compose(stored -> undoIfWithdrawnMeanwhile(userId))
      .map(ok -> new Receipt(RegionCodes.encode(cell.lat(), cell.lng(), regionPrecision), grid.cellMeters(),
        Instant.ofEpochMilli(clock.millis()).plusSeconds(ttlSeconds)));
  }

  /**
   * Travel between the two cells, less one cell diagonal (either end may lie anywhere in its cell),
   * must not beat the speed limit; at least one second is assumed between updates.
   */
  private Future<Void> checkPlausible(long userId, Optional<StoredCell> previous, GridCell next) {
    if (previous.isEmpty()) {
      return Future.succeededFuture();
    }
    double meters = Math.max(0, LocationGrid.distanceMeters(previous.get().cell(), next) - grid.cellDiagonalMeters());
    double seconds = Math.max(1.0, (clock.millis() - previous.get().seenAtMillis()) / 1000.0);
    if (meters / seconds <= maxSpeedMetersPerSecond) {
      return Future.succeededFuture();
    }
    LOG.info("Refused a location update of user {}: implies {} km/h since the previous one", userId,
      Math.round(meters / seconds * 3.6));
    return Future.failedFuture(AppException.of(ErrorCode.LOCATION_IMPLAUSIBLE,
      "This location is too far from your previous one for the time in between."));
  }

  /**
   * A withdrawal committed while this update was in flight may have removed the entry before we
   * wrote it; checking again after the write closes that race.
   */
  private Future<Void> undoIfWithdrawnMeanwhile(long userId) {
    return consents.isGranted(userId, Purpose.LOCATION).compose(granted -> granted ? Future.succeededFuture()
      : store.remove(userId).compose(r -> Future.failedFuture(ConsentService.consentRequired(Purpose.LOCATION))));
  }

  /** The caller's fresh cell, or {@code consent_required} / {@code location_required}. */
  public Future<GridCell> currentCell(long userId) {
    return consents.require(userId, Purpose.LOCATION)
      .compose(ok -> store.get(userId))
      .compose(stored -> stored.isPresent() ? Future.succeededFuture(stored.get().cell())
        : Future.failedFuture(AppException.of(ErrorCode.LOCATION_REQUIRED,
          "Share your location first (PUT /api/v1/me/location); it is kept for " + ttlSeconds / 60 + " minutes.")));
  }

  /** Deletes the user's stored cell at once. Idempotent. */
  public Future<Void> clear(long userId) {
    return store.remove(userId).mapEmpty();
  }

  /** The withdrawal effect for {@code location}: the GEO entry is the data that consent alone justified. */
  public ConsentWithdrawalListener withdrawalEffect() {
    return (userId, purpose) -> clear(userId);
  }

  public Future<Void> setVisible(long userId, boolean visible) {
    return repository.setVisible(userId, visible);
  }

  public Future<Boolean> isVisible(long userId) {
    return repository.isVisible(userId);
  }

  public int regionPrecision() {
    return regionPrecision;
  }
}
