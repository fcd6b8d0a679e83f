package io.liveroom.room;

import io.liveroom.account.UserSummary;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A room's newest stored chat in the shape of {@code chat} publications, each with its sender's
 * profile: what a room's history serves when Redis lost it. The profiles come from the same
 * {@link Profiles} cache live chat uses (accounts' {@link io.liveroom.account.UserDirectory}
 * behind it, one lookup per distinct sender at most), never from accounts' tables, so a reload
 * after a Redis wipe costs about one query, not one per sender. A message whose sender accounts
 * does not know is left out; any other failed lookup fails the reload, as a failed query would.
 */
final class ChatHistory {
  private final ChatRepository chat;
  private final Profiles users;

  ChatHistory(ChatRepository chat, Profiles users) {
    this.chat = chat;
    this.users = users;
  }

  /** The newest {@code limit} undeleted messages of the room, oldest first. */
  Future<List<JsonObject>> recent(long roomId, int limit) {
    return chat.recent(roomId, limit).compose(messages -> {
      Map<Long, Future<UserSummary>> senders = new LinkedHashMap<>();
      messages.forEach(m -> senders.computeIfAbsent(m.senderId(), users::find));
      return Future.join(new ArrayList<>(senders.values())).transform(done -> {
        for (Future<UserSummary> f : senders.values()) {
          if (f.failed() && !unknownUser(f.cause())) {
            return Future.failedFuture(f.cause());
          }
        }
        List<JsonObject> out = new ArrayList<>();
        for (ChatRepository.ArchivedChat m : messages) {
          Future<UserSummary> sender = senders.get(m.senderId());
          if (sender.succeeded()) {
            out.add(publication(m, sender.result()));
          }
        }
        return Future.succeededFuture(out);
      });
    });
  }

  private static boolean unknownUser(Throwable e) {
    return e instanceof AppException a && a.code() == ErrorCode.NOT_FOUND;
  }

  private static JsonObject publication(ChatRepository.ArchivedChat m, UserSummary sender) {
    return new JsonObject().put("type", "chat").put("id", Long.toString(m.id())).put("text", m.text())
      .put("sender", new JsonObject().put("id", m.senderId()).put("nickname", sender.nickname())
        .put("avatarUrl", sender.avatarUrl()))
      .put("ts", m.sentAt().toEpochMilli());
  }
}
