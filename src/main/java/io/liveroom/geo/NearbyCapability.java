package io.liveroom.geo;

import io.liveroom.account.UserDirectory;
import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
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
 * Nearby and the regional hot list: the store, the limits, the services, the withdrawal effects on
 * the {@code location} consent, and the periodic clean-up of expired GEO entries (safe on every
 * node: each run deletes only expired entries).
 */
public final class NearbyCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(NearbyCapability.class);

  private final Vertx vertx;
  private final NearbyConfig config;
  private final GeoStore store;
  private final LocationService locations;
  private final NearbyService nearby;
  private final RegionService regions;
  private final List<HttpRoutes> routes;
  private long pruneTimer = -1;

  /** Wires Nearby (its store and limits read their Lua scripts as their classes load: on the bootstrap's worker). */
  public NearbyCapability(Platform platform, ConsentService consents, UserDirectory users, LiveRoomRegions rooms,
                          BlockedPairs blocks, BearerAuth auth) {
    this.vertx = platform.vertx();
    this.config = platform.config().nearby();
    RedisAPI redis = platform.redis();
    Pool pool = platform.pool();
    Clock clock = platform.clock();
    LocationGrid grid = new LocationGrid(config.cellMeters());
    this.store = new GeoStore(redis, grid, clock, config.locationTtlSeconds());
    WindowLimit updates = new WindowLimit(redis, "location-update", config.updateLimit(),
      config.updateWindowSeconds());
    WindowLimit queries = new WindowLimit(redis, "nearby-query", config.queryLimit(),
      config.queryWindowSeconds());
    this.locations = new LocationService(consents, store, grid, updates, pool, clock,
      config.maxSpeedMetersPerSecond(), config.locationTtlSeconds(), config.regionPrecision());
    this.nearby = new NearbyService(locations, store, consents, users, rooms, blocks, queries, pool, clock,
      config.maxResults());
    this.regions = new RegionService(locations, rooms, config.regionPrecision());
    consents.onWithdrawal(Purpose.LOCATION, locations.withdrawalEffect());
    consents.onWithdrawal(Purpose.LOCATION, regions.withdrawalEffect());
    this.routes = List.of(new LocationRoutes(locations, auth), new NearbyRoutes(nearby, regions, auth));
  }

  /** Who may use Nearby (youth mode): asked before location updates and Nearby lists. */
  public void gateNearby(NearbyGate gate) {
    nearby.gate = gate;
    locations.gate = gate;
  }

  @Override
  public String name() {
    return "nearby";
  }

  @Override
  public Future<Void> start() {
    pruneTimer = vertx.setPeriodic(config.pruneIntervalSeconds() * 1000L, id -> store.prune()
      .onSuccess(n -> {
        if (n > 0) {
          LOG.debug("Pruned {} expired Nearby locations", n);
        }
      })
      .onFailure(e -> LOG.warn("Pruning expired Nearby locations failed: {}", e.getMessage())));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    vertx.cancelTimer(pruneTimer);
    return Future.succeededFuture();
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
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
