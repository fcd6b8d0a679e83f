package io.liveroom.youth;

import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.YouthConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;

import java.util.List;

/**
 * Youth mode, wired: on for minors and for adults who turn it on; daily limits on live watching
 * and AI dialogue metered on the server, a curfew, and no gifts, recharge, withdrawal or Nearby.
 * Rooms, AI, rewards and Nearby ask it through gates of their own that the bootstrap answers with
 * {@link #service()}; the bootstrap also tells {@link #meter()} of live subscriptions and AI answers.
 */
public final class YouthCapability implements Capability {
  private final YouthService service;
  private final UsageMeter meter;
  private final List<HttpRoutes> routes;
  private final YouthPersonalData personalData;

  public YouthCapability(Platform platform, YouthAccounts accounts, Realtime realtime, BearerAuth auth) {
    YouthConfig config = platform.config().youth();
    YouthRepository repo = new YouthRepository(platform.pool());
    YouthUsageRepository usageStore = new YouthUsageRepository(platform.pool());
    UsageCounter usage = new UsageCounter(platform.redis(), usageStore, platform.clock(), config.tickSeconds());
    this.service = new YouthService(repo, accounts, platform.redis(), config, platform.clock(), usage);
    this.meter = new UsageMeter(platform.vertx(), service, usage, realtime, config);
    YouthSwitch youthSwitch = new YouthSwitch(repo, service, accounts, new YouthPasswords(platform.vertx()),
      platform.redis(), config);
    this.routes = List.of(new YouthRoutes(service, youthSwitch, auth));
    this.personalData = new YouthPersonalData(repo, usageStore, usage, service);
  }

  @Override
  public String name() {
    return "youth";
  }

  /** Starts the usage tick. */
  @Override
  public Future<Void> start() {
    meter.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    meter.stop();
    return Future.succeededFuture();
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  @Override
  public List<PersonalDataSource> personalData() {
    return List.of(personalData);
  }

  /** The rules the gated capabilities ask. */
  public YouthService service() {
    return service;
  }

  /** Where live subscriptions and AI answers are reported, to be metered. */
  public UsageMeter meter() {
    return meter;
  }
}
