package io.liveroom.geo;

import io.liveroom.Node;
import io.liveroom.account.PgUserDirectory;
import io.liveroom.capability.Platform;
import io.liveroom.config.HttpConfig;
import io.liveroom.consent.ConsentRoutes;
import io.liveroom.consent.ConsentService;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.HttpVerticle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The consent and Nearby HTTP stack as Node wires it, but over the in-memory live rooms and a clock
 * the test moves, served by a second listener of a real test node (same PostgreSQL, Redis and
 * token verification).
 */
final class NearbyTestServer {
  final InMemoryLiveRoomRegions rooms = new InMemoryLiveRoomRegions();
  final MutableClock clock = new MutableClock();
  final NearbyCapability nearby;
  private final HttpVerticle listener;

  NearbyTestServer(Node node) throws Exception {
    ConsentService consents = new ConsentService(node.pool());
    Platform platform = new Platform(node.vertx(), node.pool(), null, node.redis(), node.config(),
      node.metrics().registry(), clock);
    nearby = new NearbyCapability(platform, consents, new PgUserDirectory(node.pool()), rooms,
      (viewer, candidates) -> node.social().blocks().blockedAmong(viewer, candidates), node.bearerAuth());
    nearby.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    List<HttpRoutes> modules = new ArrayList<>();
    modules.add(new ConsentRoutes(consents, node.bearerAuth()));
    modules.addAll(nearby.routes());
    listener = new HttpVerticle(new HttpConfig("127.0.0.1", 0, 1, 1_048_576, List.of(), List.of(), false, ""), modules, 1);
    node.vertx().deployVerticle(listener).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  int port() {
    return listener.actualPort();
  }
}
