package io.liveroom.reward;

import io.liveroom.realtime.DisconnectCode;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A test {@link Realtime} that records every publication (channel and data) in order. */
public final class RecordingRealtime implements Realtime {
  public record Publication(String channel, JsonObject data) {
  }

  private final List<Publication> publications = new CopyOnWriteArrayList<>();
  private final AtomicLong offset = new AtomicLong();

  public List<Publication> publications() {
    return publications;
  }

  public List<JsonObject> on(String channel) {
    return publications.stream().filter(p -> p.channel().equals(channel)).map(Publication::data).toList();
  }

  @Override
  public Future<PublishResult> publish(String channel, JsonObject data) {
    publications.add(new Publication(channel, data.copy()));
    return Future.succeededFuture(new PublishResult(offset.incrementAndGet(), "test"));
  }

  @Override
  public Future<Void> sendToUser(long userId, JsonObject data) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> disconnectUser(long userId, DisconnectCode code) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> unsubscribeUser(long userId, String channel) {
    return Future.succeededFuture();
  }

  @Override
  public String personalChannel(long userId) {
    return "#" + userId;
  }
}
