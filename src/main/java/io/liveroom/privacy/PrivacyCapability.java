package io.liveroom.privacy;

import io.liveroom.account.AccountsCapability;
import io.liveroom.account.AuditLog;
import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.AppConfig;
import io.liveroom.config.PrivacyConfig;
import io.liveroom.consent.ConsentService;
import io.liveroom.geo.NearbyCapability;
import io.liveroom.http.HttpRoutes;
import io.liveroom.jobs.JobQueue;
import io.liveroom.jobs.JobWorker;
import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.PersonalDataRegistry;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.List;

/**
 * The privacy-rights capability, built last: it reaches every capability's personal data through
 * the {@link PersonalDataRegistry} the bootstrap fills from each capability's
 * {@link Capability#personalData} and {@link Capability#retention}. Sources run in that order for
 * export, freeze, restore and erasure. Its own sources: consent decisions and location history,
 * the audit log, and reports.
 */
public final class PrivacyCapability implements Capability {
  private final PrivacyConfig config;
  private final PersonalDataRegistry registry;
  private final List<PersonalDataSource> ownData;
  private final List<RetentionRule> ownRetention;
  private final ExportService exports;
  private final CancellationService cancellations;
  private final PolicyService policy;
  private final ReportService reports;
  private final PrivacyScheduler scheduler;
  private final JobQueue jobs;
  private final JobWorker worker;
  private final List<HttpRoutes> routes;

  public PrivacyCapability(Platform platform, PersonalDataRegistry registry, AccountsCapability accounts,
                           RoomActions rooms, ConsentService consents, NearbyCapability nearby, ReportedPictures pictures,
                           ReportedPosts posts) {
    AppConfig app = platform.config();
    Pool pool = platform.pool();
    Clock clock = platform.clock();
    this.config = app.privacy();
    this.registry = registry;
    AuditLog audit = new AuditLog(pool);
    AuditTrailRepository auditTrail = new AuditTrailRepository(pool);
    this.ownData = List.of(new ConsentPersonalData(consents, nearby.locations(), nearby.nearby()),
      new AuditPersonalData(auditTrail), new ReportPersonalData(new ReportRepository(pool)));
    this.ownRetention = List.of(new RetentionRule(auditTrail, config.auditRetentionDays()));
    List<PersonalDataSource> sources = registry.sources();
    ExportRepository exportRepo = new ExportRepository(pool);
    this.exports = new ExportService(exportRepo, new ExportDocuments(pool), sources,
      new DownloadLinks(app.auth().jwtSecret()), config.exportsPerDay(), config.exportLinkTtl(), clock);
    CancellationRepository cancelRepo = new CancellationRepository(pool);
    this.cancellations = new CancellationService(cancelRepo, sources, accounts.reauthentication(),
      accounts.accountStatus(), new WithdrawalTokens(platform.redis(), config.withdrawalTokenTtl()),
      config.coolingOff(), clock);
    this.policy = new PolicyService(new PolicyRepository(pool), accounts.policyAcceptance(),
      app.accounts().policyVersion(), audit, clock);
    PolicyCatalog published = PolicyCatalog.load(config.policyFile(), app.accounts().policyVersion());
    this.reports = new ReportService(new ReportRepository(pool), accounts.directory(), rooms, accounts.admin(), audit,
      clock, pictures, posts);
    ErasureJob erasure = new ErasureJob(cancelRepo, sources, ErasureMode.fromWire(config.chatOnErasure()),
      app.nodeId(), clock);
    this.scheduler = new PrivacyScheduler(erasure, registry.retention(), exportRepo, config.schedulerBatch(), clock);
    this.jobs = new JobQueue(pool);
    this.worker = new JobWorker(platform.vertx(), jobs, app.jobs(), app.nodeId(), List.of(scheduler));
    accounts.onFrozenLogin(cancellations::refuseLogin);
    accounts.bearerAuth().decorateWith(policy);
    this.routes = List.of(
      new PrivacyRoutes(accounts.bearerAuth(), exports, cancellations, policy, rooms),
      new ReportRoutes(accounts.bearerAuth(), reports),
      new PolicyRoutes(published),
      new GuardianRoutes(accounts.bearerAuth(), accounts.admin(), exports, cancellations));
  }

  @Override
  public String name() {
    return "privacy";
  }

  @Override
  public Future<Void> start() {
    return jobs.ensureRecurring(PrivacyScheduler.KIND, (int) config.schedulerInterval().toSeconds())
      .onSuccess(v -> worker.start());
  }

  @Override
  public Future<Void> stop() {
    worker.stop();
    return Future.succeededFuture();
  }

  /** A housekeeping run in progress ends, and its job is handed back for another node. */
  @Override
  public Future<Void> drain() {
    return worker.stop();
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  /** Consent decisions and location history, the audit log, reports. */
  @Override
  public List<PersonalDataSource> personalData() {
    return ownData;
  }

  /** The audit log is kept {@code privacy.retention.auditDays} (rooms retain their chat themselves). */
  @Override
  public List<RetentionRule> retention() {
    return ownRetention;
  }

  /** Who is told when an export is ready and when a cancellation is scheduled (the bootstrap wires notifications). */
  public void notifyWith(PrivacyNotices notices) {
    exports.useNotices(notices);
    cancellations.useNotices(notices);
  }

  /** For tests: registers one more source (the bootstrap registers every capability's). */
  public PrivacyCapability register(PersonalDataSource source) {
    registry.add(source);
    return this;
  }

  public PrivacyConfig config() {
    return config;
  }

  /** One housekeeping run now (what the timer does): erasure, retention, export expiry. */
  public Future<JsonObject> runHousekeeping() {
    return scheduler.runOnce();
  }

  /** For sensitive routes, after bearer auth: refuses until the current policy is accepted. */
  public PolicyService policy() {
    return policy;
  }

  /** The categories every export holds, in order. */
  public List<String> categories() {
    return registry.categories();
  }
}
