package io.liveroom.room;

import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;

import java.time.Instant;

/** Stored chat ({@code chat}): purged by privacy's scheduler once older than its retention period. */
final class ChatRetention implements RetentionTarget {
  private final ChatRepository chat;

  ChatRetention(ChatRepository chat) {
    this.chat = chat;
  }

  @Override
  public String name() {
    return "chat";
  }

  @Override
  public Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return chat.purgeOlderThan(cutoff, limit);
  }
}
