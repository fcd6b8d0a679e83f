package io.liveroom.geo;

import io.liveroom.account.UserDirectory;
import io.liveroom.config.NearbyConfig;
import io.liveroom.consent.ConsentService;
import io.liveroom.consent.Purpose;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Nearby and the regional hot list, built and wired in one place for {@code Node}: the store, the
 * limits, the services, the withdrawal effects on the {@code location} consent, and the periodic
 * clean-up of expired GEO entries (safe on every node: each run deletes only expired entries).
 */
public final class NearbyCapability {
  private static final Logger LOG = LoggerFactory.getLogger(NearbyCapability.class);

  private final GeoStore store;
  private final LocationService locations;
  private final NearbyService nearby;
  private final RegionService regions;

  private NearbyCapability(GeoStore store, LocationService locations, NearbyService nearby, RegionService regions) {
    this.store = store;
    this.locations = locations;
    this.nearby = nearby;
    this.regions = regions;
  }

  public static Future<NearbyCapability> create(Vertx vertx, Pool pool, RedisAPI redis, NearbyConfig config,
                                                ConsentService consents, UserDirectory users,
                                                LiveRoomRegions rooms, Clock clock) {
    // The Redis scripts are read from the classpath as the store and the limits load: nothing to wait for.
    return Future.succeededFuture(new LocationGrid(config.cellMeters())).map(grid -> {
      GeoStore store = new GeoStore(redis, grid, clock, config.locationTtlSeconds());
      WindowLimit updates = new WindowLimit(redis, "location-update", config.updateLimit(),
        config.updateWindowSeconds());
      WindowLimit queries = new WindowLimit(redis, "nearby-query", config.queryLimit(),
        config.queryWindowSeconds());
      LocationService locations = new LocationService(consents, store, grid, updates, pool, clock,
        config.maxSpeedMetersPerSecond(), config.locationTtlSeconds(), config.regionPrecision());
      NearbyService nearby = new NearbyService(locations, store, consents, users, rooms, queries, pool, clock,
        config.maxResults());
      RegionService regions = new RegionService(locations, rooms, config.regionPrecision());
      consents.onWithdrawal(Purpose.LOCATION, locations.withdrawalEffect());
      consents.onWithdrawal(Purpose.LOCATION, regions.withdrawalEffect());
      vertx.setPeriodic(config.pruneIntervalSeconds() * 1000L, id -> store.prune()
        .onSuccess(n -> {
          if (n > 0) {
            LOG.debug("Pruned {} expired Nearby locations", n);
          }
        })
        .onFailure(e -> LOG.warn("Pruning expired Nearby locations failed: {}", e.getMessage())));
      return new NearbyCapability(store, locations, nearby, regions);
    });
  }

  public List<HttpRoutes> modules(BearerAuth auth) {
    return List.of(new LocationRoutes(locations, auth), new NearbyRoutes(nearby, regions, auth));
  }

  public LocationService locations() {
    return locations;
  }

  public NearbyService nearby() {
    return nearby;
  }

  public RegionService regions() {
    return regions;
  }

  public GeoStore store() {
    return store;
  }
}
