package io.liveroom;

import io.liveroom.ai.DialogueGate;
import io.liveroom.geo.NearbyGate;
import io.liveroom.realtime.Realtime;
import io.liveroom.reward.SpendingGate;
import io.liveroom.room.RoomNamespace;
import io.liveroom.room.ViewingGate;
import io.liveroom.youth.UsageMeter;
import io.liveroom.youth.YouthService;
import io.vertx.core.Future;

/**
 * The gated capabilities' seams (rooms, AI, rewards, Nearby), answered by youth mode, and the
 * real-time core's live-room subscriptions reported to youth's meter (wiring only, no rules here).
 */
final class YouthGates implements ViewingGate, DialogueGate, SpendingGate, NearbyGate, Realtime.SubscriptionListener {
  private static final String LIVE_ROOMS = RoomNamespace.NAME + ":";

  private final YouthService youth;
  private final UsageMeter meter;

  YouthGates(YouthService youth, UsageMeter meter) {
    this.youth = youth;
    this.meter = meter;
  }

  @Override
  public Future<Void> mayWatch(long userId) {
    return youth.checkLive(userId);
  }

  @Override
  public Future<Void> mayStart(long userId) {
    return youth.checkAi(userId);
  }

  @Override
  public Runnable answering(long userId, Runnable stop) {
    return meter.answering(userId, stop);
  }

  @Override
  public Future<Void> maySpend(long userId, String what) {
    return youth.checkRestricted(userId, what);
  }

  @Override
  public Future<Void> mayUseNearby(long userId) {
    return youth.checkRestricted(userId, "Nearby");
  }

  @Override
  public void subscribed(long userId, String clientId, String channel) {
    if (channel.startsWith(LIVE_ROOMS)) {
      meter.watching(userId, clientId, channel);
    }
  }

  @Override
  public void unsubscribed(long userId, String clientId, String channel) {
    if (channel.startsWith(LIVE_ROOMS)) {
      meter.stoppedWatching(userId, clientId, channel);
    }
  }
}
