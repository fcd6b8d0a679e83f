package io.liveroom.notification;

import io.liveroom.account.PeopleDirectory;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Objects;

/** The user's inbox: pages newest first with the actors' current names, unread count, read marks, deletes. */
final class InboxService {
  private final InboxRepository inbox;
  private final PeopleDirectory people;

  InboxService(InboxRepository inbox, PeopleDirectory people) {
    this.inbox = inbox;
    this.people = people;
  }

  /** A page below {@code cursor} (an item id; null: the newest); {@code nextCursor} while a full page came back. */
  Future<JsonObject> page(long userId, Long cursor, int limit) {
    return inbox.page(userId, cursor == null ? Long.MAX_VALUE : cursor, limit).compose(items -> {
      List<Long> actors = items.stream().map(Notification::actorId).filter(Objects::nonNull).distinct().toList();
      return people.summaries(actors).map(found -> {
        JsonArray out = new JsonArray();
        items.forEach(n -> out.add(n.toJson(n.actorId() == null ? null : found.get(n.actorId()))));
        JsonObject page = new JsonObject().put("items", out);
        if (items.size() == limit) {
          page.put("nextCursor", Long.toString(items.get(items.size() - 1).id()));
        }
        return page;
      });
    });
  }

  Future<JsonObject> unreadCount(long userId) {
    return inbox.unread(userId).map(n -> new JsonObject().put("count", n));
  }

  Future<Void> markRead(long userId, long id) {
    return inbox.markRead(userId, id).compose(found -> found ? Future.succeededFuture() : notFound());
  }

  Future<JsonObject> markAllRead(long userId) {
    return inbox.markAllRead(userId).map(n -> new JsonObject().put("marked", n));
  }

  Future<Void> delete(long userId, long id) {
    return inbox.delete(userId, id).compose(found -> found ? Future.succeededFuture() : notFound());
  }

  private static Future<Void> notFound() {
    return Future.failedFuture(AppException.of(ErrorCode.NOTIFICATION_NOT_FOUND, "No such notification in your inbox."));
  }
}
