package io.liveroom.config;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;

/**
 * The typed configuration tree, built and validated once at boot. Each capability reads its own
 * section through its record's {@code from(ConfigReader)}; the key names are the ones in
 * {@code conf/application.json}. {@code mode} is {@code dev} or {@code production}; a production
 * config is checked by {@link ProductionRules} before anything starts.
 */
public record AppConfig(
  String nodeId,
  String mode,
  List<String> allowStandIns,
  HttpConfig http,
  ManagementConfig management,
  String transport,
  PgConfig pg,
  RedisConfig redis,
  String dataDir,
  int shutdownTimeoutSeconds,
  AuthConfig auth,
  AccountsConfig accounts,
  NearbyConfig nearby,
  RoomsConfig rooms,
  AiConfig ai,
  RealtimeConfig realtime,
  PrivacyConfig privacy,
  RewardsConfig rewards,
  WebConfig web,
  MediaConfig media,
  YouthConfig youth,
  OidcConfig oidc,
  SocialConfig social,
  PushConfig push,
  NotesConfig notes,
  NotificationsConfig notifications,
  JobsConfig jobs,
  PostsConfig posts
) {
  public static AppConfig from(JsonObject json) {
    ConfigReader r = new ConfigReader(json);
    AppConfig config = new AppConfig(
      r.string("node.id"),
      r.oneOf("mode", Set.of("dev", "production")),
      ProductionRules.parseAllowed(r),
      HttpConfig.from(r),
      ManagementConfig.from(r),
      r.oneOf("transport", Set.of("auto", "nio", "epoll", "io_uring")),
      PgConfig.from(r),
      RedisConfig.from(r),
      r.requiredString("data.dir"),
      r.intIn("shutdown.timeoutSeconds", 1, 600),
      AuthConfig.from(r),
      AccountsConfig.from(r),
      NearbyConfig.from(r),
      RoomsConfig.from(r),
      AiConfig.from(r),
      RealtimeConfig.from(r),
      PrivacyConfig.from(r),
      RewardsConfig.from(r),
      WebConfig.from(r),
      MediaConfig.from(r),
      YouthConfig.from(r),
      OidcConfig.from(r),
      SocialConfig.from(r),
      PushConfig.from(r),
      NotesConfig.from(r),
      NotificationsConfig.from(r),
      JobsConfig.from(r),
      PostsConfig.from(r)
    );
    if (config.management().enabled() && config.management().port() != 0
      && config.management().port() == config.http().port()) {
      throw r.fail("management.port", "must differ from http.port");
    }
    ProductionRules.check(config);
    return config;
  }

  public boolean production() {
    return "production".equals(mode);
  }

  /** The same config with other settings, for tests and for the embedded default's resolved URLs. */
  public AppConfig withPg(PgConfig pg) {
    return copy(pg, redis, http, auth, nodeId, accounts);
  }

  public AppConfig withRedis(RedisConfig redis) {
    return copy(pg, redis, http, auth, nodeId, accounts);
  }

  public AppConfig withHttp(HttpConfig http) {
    return copy(pg, redis, http, auth, nodeId, accounts);
  }

  public AppConfig withAuth(AuthConfig auth) {
    return copy(pg, redis, http, auth, nodeId, accounts);
  }

  public AppConfig withNodeId(String nodeId) {
    return copy(pg, redis, http, auth, nodeId, accounts);
  }

  public AppConfig withAccounts(AccountsConfig accounts) {
    return copy(pg, redis, http, auth, nodeId, accounts);
  }

  /** The one place that lists every section, so a new capability's section is added here once. */
  private AppConfig copy(PgConfig pg, RedisConfig redis, HttpConfig http, AuthConfig auth, String nodeId,
                         AccountsConfig accounts) {
    return new AppConfig(nodeId, mode, allowStandIns, http, management, transport, pg, redis, dataDir,
      shutdownTimeoutSeconds, auth, accounts, nearby, rooms, ai, realtime, privacy, rewards, web, media, youth, oidc, social, push,
      notes,
      notifications,
      jobs,
      posts);
  }
}
