package io.liveroom.notification;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push gateway of a node without the push capability: it only logs, at DEBUG, what would have
 * been pushed. The lead replaces it with the push capability's adapter at merge.
 */
public final class LoggedPushGateway implements PushGateway {
  private static final Logger LOG = LoggerFactory.getLogger(LoggedPushGateway.class);

  @Override
  public void push(long userId, String kind, String title, String body, JsonObject data) {
    LOG.debug("Push to user {} ({}): {} / {} {}", userId, kind, title, body, data.encode());
  }
}
