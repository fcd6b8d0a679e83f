package io.liveroom.http;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * How a capability plugs into the HTTP listener: it mounts its routes, and may adjust the server
 * options (the real-time core registers its WebSocket subprotocols that way). {@code mount} is
 * called once per event-loop instance, so a module must not keep per-router state.
 */
public interface HttpModule {
  void mount(Router router);

  default void configure(HttpServerOptions options) {
  }
}
