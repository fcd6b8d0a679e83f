package io.liveroom.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * How a capability plugs into the HTTP listener: it mounts its routes, and may adjust the server
 * options, and may see each new connection (the real-time core takes WebSocket upgrades over there). {@code mount} is
 * called once per event-loop instance, so a module must not keep per-router state.
 */
public interface HttpRoutes {
  void mount(Router router);

  /**
   * Routes that must see the request before the shared JSON body handler of {@code /api/*} reads
   * it (1 MB, in memory): a streamed upload mounts its own limits and handling here.
   */
  default void mountBeforeBody(Router router) {
  }

  default void configure(HttpServerOptions options) {
  }

  /** A new connection was accepted (on its event loop, before its first request is read). */
  default void connected(HttpConnection connection) {
  }
}
