package io.liveroom.room;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;

/**
 * The media server's publish webhooks, in the forms the servers send them:
 * <ul>
 *   <li>SRS {@code http_hooks}: a JSON body with {@code action}, {@code app}, {@code stream} and
 *   {@code param} (the RTMP URL's query string, e.g. {@code ?key=...}). SRS allows the publish when
 *   the reply is HTTP 200 with code 0.</li>
 *   <li>nginx-rtmp {@code on_publish} / {@code on_publish_done}: a form-encoded body with
 *   {@code call}, {@code app}, {@code name} and the RTMP URL's query arguments as fields. nginx-rtmp
 *   allows the publish on any 2xx.</li>
 * </ul>
 * We answer 200 {@code {"code":0}} to accept and a 403 problem ({@code stream_key_refused}) to
 * refuse, which both servers read as intended. When {@code rooms.media.webhookToken} is set, the
 * webhook URL must carry {@code ?token=<it>}. Refusals are logged with the room id only, never the key.
 */
final class MediaWebhookRoutes implements HttpRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(MediaWebhookRoutes.class);
  static final String ON_PUBLISH = "/api/v1/media/on-publish";
  static final String ON_UNPUBLISH = "/api/v1/media/on-unpublish";

  private final RoomService rooms;
  private final String token;

  MediaWebhookRoutes(RoomService rooms, String token) {
    this.rooms = rooms;
    this.token = token;
  }

  @Override
  public void mount(Router router) {
    router.post(ON_PUBLISH).handler(ctx -> handle(ctx, "publish", rooms::mediaPublish));
    router.post(ON_UNPUBLISH).handler(ctx -> handle(ctx, "unpublish", rooms::mediaUnpublish));
  }

  private void handle(RoutingContext ctx, String what, Function<StreamKeys.Parsed, Future<Room>> action) {
    if (!token.isEmpty() && !constantTimeEquals(token, ctx.queryParams().get("token"))) {
      throw AppException.of(ErrorCode.UNAUTHORIZED, "This webhook needs the configured token.");
    }
    StreamKeys.Parsed key = parse(ctx);
    action.apply(key)
      .onSuccess(room -> Bodies.reply(ctx, 200, new JsonObject().put("code", 0).put("roomId", room.id())
        .put("status", room.status())))
      .onFailure(e -> {
        LOG.info("Media {} refused for room {}: {}", what, key == null ? "?" : key.roomId(), e.getMessage());
        ctx.fail(e);
      });
  }

  /** Stream name and key from either server's format. */
  static StreamKeys.Parsed parse(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && type.toLowerCase().startsWith("application/json")) {
      JsonObject body = Bodies.json(ctx);
      return StreamKeys.parse(body.getString("stream"), queryValue(body.getString("param"), "key"));
    }
    return StreamKeys.parse(ctx.request().getFormAttribute("name"), ctx.request().getFormAttribute("key"));
  }

  /** A value from a query string such as {@code ?key=abc&x=1}; null when absent. */
  static String queryValue(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.replaceFirst("^\\?", "").split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static boolean constantTimeEquals(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
      given.getBytes(StandardCharsets.UTF_8));
  }
}
