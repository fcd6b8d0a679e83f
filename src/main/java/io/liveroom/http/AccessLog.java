package io.liveroom.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access-log line per request, on logger {@code liveroom.access}. It logs the path without its
 * query string: queries can carry personal data (a phone number, a location), which must not land
 * in logs.
 */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("liveroom.access");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      if (!LOG.isInfoEnabled()) {
        return;
      }
      HttpServerRequest req = ctx.request();
      long micros = (System.nanoTime() - start) / 1_000;
      LOG.info("{} {} {} {}B {}.{}ms req={} from={}", req.method(), req.path(),
        ctx.response().getStatusCode(), ctx.response().bytesWritten(), micros / 1000,
        String.format("%03d", micros % 1000), RequestIds.of(ctx),
        ClientIp.of(ctx));
    });
    ctx.next();
  }
}
