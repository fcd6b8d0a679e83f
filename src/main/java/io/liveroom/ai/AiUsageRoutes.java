package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.QueryParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/me/ai/usage?days=7}: the caller's own AI usage per UTC day (dialogue tokens
 * and generations, pictures started and made), from the usage ledgers, with the quotas they count
 * against. Days without usage are listed with zeros, newest first.
 */
final class AiUsageRoutes implements HttpRoutes {
  private final BearerAuth auth;
  private final UsageRepository dialogue;
  private final PaintRepository paint;
  private final AiConfig config;
  private final Clock clock;

  AiUsageRoutes(BearerAuth auth, UsageRepository dialogue, PaintRepository paint, AiConfig config, Clock clock) {
    this.auth = auth;
    this.dialogue = dialogue;
    this.paint = paint;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/me/ai/usage").handler(auth).handler(this::usage);
  }

  private void usage(RoutingContext ctx) {
    long userId = BearerAuth.principal(ctx).userId();
    int days = QueryParams.intIn(ctx, "days", 7, 1, 90);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate from = today.minusDays(days - 1L);
    Map<LocalDate, JsonObject> byDay = new TreeMap<>(java.util.Comparator.reverseOrder());
    for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
      byDay.put(d, new JsonObject().put("date", d.toString()).put("tokens", 0L).put("generations", 0)
        .put("imagesStarted", 0).put("images", 0));
    }
    dialogue.days(userId, from).compose(tokens -> paint.days(userId, from).map(images -> {
      tokens.forEach(t -> byDay.computeIfPresent(t.day(), (d, o) -> o.put("tokens", t.tokens())
        .put("generations", t.generations())));
      images.forEach(i -> byDay.computeIfPresent(i.day(), (d, o) -> o.put("imagesStarted", i.started())
        .put("images", i.made())));
      return new JsonObject().put("days", new JsonArray(java.util.List.copyOf(byDay.values()))).put("quota", quota());
    })).onSuccess(body -> Bodies.reply(ctx, 200, body)).onFailure(ctx::fail);
  }

  private JsonObject quota() {
    return new JsonObject().put("tokensPerDay", config.quota().tokensPerDay())
      .put("requestsPerMinute", config.quota().requestsPerMinute())
      .put("concurrentGenerations", config.quota().concurrentGenerations())
      .put("imagesPerDay", config.paint().quota().imagesPerDay())
      .put("concurrentPaintings", config.paint().quota().concurrentGenerations());
  }
}
