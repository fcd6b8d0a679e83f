package io.liveroom.privacy;

import io.liveroom.account.AccountsModule;
import io.liveroom.account.AuditLog;
import io.liveroom.config.AppConfig;
import io.liveroom.config.PrivacyConfig;
import io.liveroom.consent.ConsentService;
import io.liveroom.geo.NearbyCapability;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The privacy-rights capability, wired by Node after accounts, rooms, consent and Nearby. It owns
 * the registry of {@link PersonalDataSource}s and {@link RetentionTarget}s: the capabilities merged
 * later (rewards, AI) add theirs with {@link #register} and {@link #retain} before {@link #start}.
 * Sources run in registration order for export, freeze, restore and erasure.
 */
public final class PrivacyModule {
  private final List<PersonalDataSource> sources = new CopyOnWriteArrayList<>();
  private final List<PrivacyScheduler.Retention> retention = new CopyOnWriteArrayList<>();
  private final PrivacyConfig config;
  private final ExportService exports;
  private final CancellationService cancellations;
  private final PolicyService policy;
  private final ReportService reports;
  private final PrivacyScheduler scheduler;
  private final List<HttpRoutes> routes;

  public PrivacyModule(Vertx vertx, Pool pool, RedisAPI redis, AppConfig app, AccountsModule accounts, RoomActions rooms,
                       ConsentService consents, NearbyCapability nearby, Clock clock) {
    this.config = app.privacy();
    AuditLog audit = new AuditLog(pool);
    register(accounts.personalData());
    register(new ConsentPersonalData(consents, nearby.locations(), nearby.nearby()));
    AuditTrailRepository auditTrail = new AuditTrailRepository(pool);
    register(new AuditPersonalData(auditTrail));
    register(new ReportPersonalData(new ReportRepository(pool)));
    retain(rooms.chatRetention(), config.chatRetentionDays());
    retain(auditTrail, config.auditRetentionDays());
    ExportRepository exportRepo = new ExportRepository(pool);
    this.exports = new ExportService(exportRepo, new ExportDocuments(pool), sources,
      new DownloadLinks(app.auth().jwtSecret()), config.exportsPerDay(), config.exportLinkTtl(), clock);
    CancellationRepository cancelRepo = new CancellationRepository(pool);
    this.cancellations = new CancellationService(cancelRepo, sources, accounts.reauthentication(),
      accounts.accountStatus(), new WithdrawalTokens(redis, config.withdrawalTokenTtl()), config.coolingOff(), clock);
    this.policy = new PolicyService(new PolicyRepository(pool), accounts.policyAcceptance(),
      app.accounts().policyVersion(), audit, clock);
    PolicyCatalog published = PolicyCatalog.load(config.policyFile(), app.accounts().policyVersion());
    this.reports = new ReportService(new ReportRepository(pool), accounts.directory(), rooms, accounts.admin(), audit, clock);
    ErasureJob erasure = new ErasureJob(cancelRepo, sources, ErasureMode.fromWire(config.chatOnErasure()), app.nodeId(), clock);
    this.scheduler = new PrivacyScheduler(vertx, erasure, retention, exportRepo, config.schedulerBatch(), clock);
    accounts.onFrozenLogin(cancellations::refuseLogin);
    accounts.bearerAuth().decorateWith(policy);
    this.routes = List.of(
      new PrivacyRoutes(accounts.bearerAuth(), exports, cancellations, policy, rooms),
      new ReportRoutes(accounts.bearerAuth(), reports),
      new PolicyRoutes(published),
      new GuardianRoutes(accounts.bearerAuth(), accounts.admin(), exports, cancellations));
  }

  /**
   * Registration point for a capability's personal data (rewards: gifts, wallet statement, ledger
   * pseudonymization, pending-withdrawal and dispute refusals, leaderboard hiding; AI:
   * conversations). Call during wiring, before {@link #start}.
   */
  public PrivacyModule register(PersonalDataSource source) {
    sources.add(source);
    return this;
  }

  /** Registration point for a retention period enforced by the scheduler (AI: {@code privacy.retention.aiConversationDays}). */
  public PrivacyModule retain(RetentionTarget target, int days) {
    retention.add(new PrivacyScheduler.Retention(target, days));
    return this;
  }

  public PrivacyConfig config() {
    return config;
  }

  public void start() {
    scheduler.start(config.schedulerInterval());
  }

  public void stop() {
    scheduler.stop();
  }

  /** One housekeeping run now (what the timer does): erasure, retention, export expiry. */
  public Future<JsonObject> runHousekeeping() {
    return scheduler.runOnce();
  }

  /** For sensitive routes, after bearer auth: refuses until the current policy is accepted. */
  public PolicyService policy() {
    return policy;
  }

  /** The categories every export holds, in order (each source's {@link PersonalDataSource#categories}). */
  public List<String> categories() {
    List<String> all = new ArrayList<>();
    sources.forEach(s -> all.addAll(s.categories()));
    return all;
  }

  public List<HttpRoutes> routes() {
    return routes;
  }
}
