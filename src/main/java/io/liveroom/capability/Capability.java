package io.liveroom.capability;

import io.liveroom.http.HealthCheck;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;
import io.liveroom.realtime.ChannelNamespace;
import io.liveroom.realtime.RpcMethod;
import io.vertx.core.Future;

import java.util.List;

/**
 * How every capability (accounts, rooms, consent, Nearby, AI, rewards, privacy, and the next ones)
 * plugs into a node. The bootstrap builds them in dependency order, then for each one, in that
 * order: registers its namespaces, RPC methods and personal data, starts it, and mounts its routes
 * once all have started. At shutdown it calls {@link #stop} in reverse order, closes every socket,
 * then calls {@link #drain} in reverse order.
 *
 * <p>Contract:
 * <ul>
 *   <li>The constructor only wires: it may read the capability's own resources (scripts, word
 *   lists, key files) because the bootstrap constructs on a worker thread, but it starts no timer
 *   and makes no network call. Other capabilities may keep references to what it exposes, and
 *   call them once {@link #start} has completed.</li>
 *   <li>{@link #start} runs on an event loop and may fail; a failed start fails the node's boot.</li>
 *   <li>The lists are read once, after construction; a capability returns the same objects on
 *   every call. Routes are mounted on every event loop's router, so they keep no per-router state.</li>
 * </ul>
 */
public interface Capability {
  /** A short name for logs: {@code accounts}, {@code rooms}. */
  String name();

  /** Starts background work (timers, cache watches) and checks what must hold before serving. */
  default Future<Void> start() {
    return Future.succeededFuture();
  }

  /** Stops background work; called before the sockets are closed. Must not fail. */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }

  /**
   * After every socket is closed: writes out what the capability buffers (queued chat, cancelled
   * answers). The bootstrap bounds it with the shutdown timeout.
   */
  default Future<Void> drain() {
    return Future.succeededFuture();
  }

  /** The HTTP routes it serves under the public listener. */
  default List<HttpRoutes> routes() {
    return List.of();
  }

  /** The RPC methods it answers over the socket ({@code gift.send}). */
  default List<RpcMethod> rpcMethods() {
    return List.of();
  }

  /** The channel namespaces it owns, with their permission checks ({@code room}). */
  default List<ChannelNamespace> namespaces() {
    return List.of();
  }

  /** Its personal data, for export, cancellation and erasure. */
  default List<PersonalDataSource> personalData() {
    return List.of();
  }

  /** Data it keeps only for a retention period, purged by the privacy scheduler. */
  default List<RetentionRule> retention() {
    return List.of();
  }

  /** Checks that readiness reports beside PostgreSQL and Redis (none for most capabilities). */
  default List<HealthCheck> healthChecks() {
    return List.of();
  }
}
