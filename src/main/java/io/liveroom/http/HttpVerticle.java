package io.liveroom.http;

import io.liveroom.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP and WebSocket listener. Deployed once per event loop; all instances share the port
 * (Vert.x balances connections across them). Stopping it shuts the server down gracefully: it
 * stops accepting, lets in-flight requests finish, and gives up after the shutdown timeout.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final HttpConfig config;
  private final List<HttpRoutes> modules;
  private final int shutdownTimeoutSeconds;
  private HttpServer server;

  public HttpVerticle(HttpConfig config, List<HttpRoutes> modules, int shutdownTimeoutSeconds) {
    this.config = config;
    this.modules = modules;
    this.shutdownTimeoutSeconds = shutdownTimeoutSeconds;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
      .setHost(config.host())
      .setPort(config.port())
      .setCompressionSupported(false)
      // No cleartext HTTP/2 upgrade: clients reach us over HTTP/1.1 or through a TLS-terminating
      // balancer, and the h2c upgrade path has stalled requests with large responses in tests.
      .setHttp2ClearTextEnabled(false)
      .setTcpNoDelay(true)
      .setIdleTimeout(120)
      .setIdleTimeoutUnit(TimeUnit.SECONDS);
    modules.forEach(m -> m.configure(options));
    server = vertx.createHttpServer(options).requestHandler(router())
      .connectionHandler(connection -> modules.forEach(m -> m.connected(connection)));
    return server.listen().onSuccess(s -> LOG.debug("HTTP listener instance bound to port {}", s.actualPort()));
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(new RequestIds()).handler(new ClientIp(config.trustedProxies())).handler(new AccessLog())
      .handler(new SecurityHeaders(config.hsts()));
    if (!config.corsOrigins().isEmpty()) {
      router.route().handler(CorsHandler.create()
        .addOrigins(config.corsOrigins())
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Authorization", "Content-Type", RequestIds.HEADER, "Idempotency-Key", "If-None-Match",
          "X-Withdrawal-Token"))
        .exposedHeaders(Set.of(RequestIds.HEADER, "Retry-After", "ETag", "X-Policy-Update-Required"))
        .maxAgeSeconds(600));
    }
    modules.forEach(m -> m.mountBeforeBody(router));
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes());
    router.route("/api/*").handler(body);
    router.route("/v1/*").handler(body);
    modules.forEach(m -> m.mount(router));
    router.route().failureHandler(Problems::handleFailure);
    router.errorHandler(404, Problems::handleFailure);
    router.errorHandler(405, Problems::handleFailure);
    router.errorHandler(413, Problems::handleFailure);
    return router;
  }

  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(shutdownTimeoutSeconds, TimeUnit.SECONDS);
  }
}
