package io.liveroom.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAPI description, read once, asynchronously, and then served from memory. Metrics are
 * {@link MetricsRoutes}, on the management listener in production.
 */
public final class OpsRoutes implements HttpRoutes {
  public static final String OPENAPI_RESOURCE = "openapi/openapi.yaml";
  public static final String OPENAPI_PATH = "/api/v1/openapi.yaml";

  private volatile Buffer openApi;

  @Override
  public void mount(Router router) {
    router.get(OPENAPI_PATH).handler(this::openApi);
  }

  private void openApi(RoutingContext ctx) {
    Buffer cached = openApi;
    if (cached != null) {
      sendOpenApi(ctx, cached);
      return;
    }
    ctx.vertx().fileSystem().readFile(OPENAPI_RESOURCE)
      .onSuccess(buf -> {
        openApi = buf;
        sendOpenApi(ctx, buf);
      })
      .onFailure(ctx::fail);
  }

  private static void sendOpenApi(RoutingContext ctx, Buffer body) {
    ctx.response().putHeader("Content-Type", "application/yaml")
      .putHeader("Cache-Control", "public, max-age=300")
      .end(body);
  }
}
