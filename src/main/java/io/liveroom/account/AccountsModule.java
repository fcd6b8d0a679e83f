package io.liveroom.account;

import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.SessionGate;
import io.liveroom.config.AccountsConfig;
import io.liveroom.config.AppConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The accounts capability, wired in dependency order: keys and shipped files, repositories,
 * services, then routes. Node builds it once and hands its gate, bearer handler, user directory
 * and session-event hub to the other capabilities.
 */
public final class AccountsModule {
  private static final Logger LOG = LoggerFactory.getLogger(AccountsModule.class);

  private final RedisSessionGate gate;
  private final BearerAuth bearerAuth;
  private final UserDirectory directory;
  private final SessionEventListeners events;
  private final List<HttpRoutes> routes;
  private final AdminService admin;
  private final Set<String> adminPhones;
  private final AccountStatus status;
  private final Privacy privacy;

  /** What accounts hands to the privacy capability. */
  private record Privacy(AccountService accounts, Reauthentication reauth, AccountPersonalData data,
                         PolicyAcceptance policy) {
  }

  private AccountsModule(RedisSessionGate gate, BearerAuth bearerAuth, UserDirectory directory,
                         SessionEventListeners events, List<HttpRoutes> routes, AdminService admin,
                         Set<String> adminPhones, AccountStatus status, Privacy privacy) {
    this.status = status;
    this.privacy = privacy;
    this.admin = admin;
    this.adminPhones = adminPhones;
    this.gate = gate;
    this.bearerAuth = bearerAuth;
    this.directory = directory;
    this.events = events;
    this.routes = routes;
  }

  public static Future<AccountsModule> create(Vertx vertx, Pool pool, RedisAPI redis, AppConfig config,
                                              AccessTokens tokens, MeterRegistry meters, Clock clock) {
    AccountsConfig cfg = config.accounts();
    return AccountKeys.resolve(vertx, cfg.crypto(), config.dataDir())
      .compose(keys -> vertx.executeBlocking(() -> {
        new PhoneNumbers(cfg.defaultRegion()).warmUp();
        return keys;
      }, false))
      .compose(keys -> AccountResources.load(vertx).compose(res -> {
        AccountsModule m = wire(vertx, pool, redis, cfg.withCrypto(keys), config.auth().accessTtlSeconds(),
          config.auth().refreshTtlDays(), tokens, res, meters, clock);
        return m.admin.bootstrapAdmins(m.adminPhones).map(m);
      }));
  }

  private static AccountsModule wire(Vertx vertx, Pool pool, RedisAPI redis, AccountsConfig cfg, int accessTtl,
                                     int refreshDays, AccessTokens tokens, AccountResources res, MeterRegistry meters,
                                     Clock clock) {
    FieldCrypto crypto = new FieldCrypto(cfg.crypto());
    PhoneNumbers phones = new PhoneNumbers(cfg.defaultRegion());
    Set<String> adminPhones = adminPhones(cfg, phones);
    AuditLog audit = new AuditLog(pool);
    UserRepository users = new UserRepository(pool);
    IdentityRepository identityRepo = new IdentityRepository(pool);
    UserDirectory directory = new PgUserDirectory(pool);
    SessionEventListeners events = new SessionEventListeners();
    SessionRepository sessionRows = new SessionRepository(pool);
    RedisSessionGate gate = new RedisSessionGate(vertx, redis, sessionRows, accessTtl);
    // Revocations survive a Redis wipe: the gate refills its cache from PostgreSQL (checked every second).
    gate.start();
    BearerAuth auth = new BearerAuth(tokens, gate);
    SmsSender sender = cfg.sms().devOutbox() ? new DevOutboxSmsSender(clock) : new HttpSmsSender(vertx, cfg.sms());
    SmsCodeService codes = new SmsCodeService(redis, sender, crypto, cfg.sms(), res, clock);
    SessionService sessions = new SessionService(sessionRows, tokens, gate, events, audit, refreshDays);
    AccountStatus status = new AccountStatus(users, sessions, gate, events);
    PasswordHasher hasher = new PasswordHasher(vertx, cfg.passwordWorkers(), cfg.passwordQueueMax(), meters);
    LoginThrottle throttle = new LoginThrottle(redis, cfg.login(), res);
    AccountService accounts = new AccountService(users, codes, hasher, sessions, throttle, crypto, audit, adminPhones,
      clock);
    Reauthentication reauth = new Reauthentication(users, hasher, codes, crypto, throttle, audit);
    IdentityVerifier verifier = "http".equals(cfg.identity().provider())
      ? new HttpIdentityVerifier(vertx, cfg.identity()) : new LocalIdentityVerifier();
    AdminService admin = new AdminService(users, identityRepo, directory, status, crypto, audit, sessions);
    List<HttpRoutes> routes = new ArrayList<>(List.of(
      new AuthRoutes(accounts, codes, sessions, directory, phones, new PasswordPolicy(res.commonPasswords()), auth,
        cfg.policyVersion(), clock),
      new SessionRoutes(sessions, auth),
      new ProfileRoutes(new ProfileService(users, identityRepo, directory, codes, crypto, audit, clock,
        new ProfileService.PhoneChange(reauth, sessions, sender)), phones, auth),
      new IdentityRoutes(new IdentityService(identityRepo, verifier,
        new IdentityAttempts(new IdentityAttemptRepository(pool), cfg.identity().maxAttemptsPerDay()), status, crypto,
        audit, clock), auth, clock),
      new AdminRoutes(admin, auth)));
    if (sender instanceof DevOutboxSmsSender outbox) {
      LOG.warn("SMS sender is the dev-outbox stand-in: codes are NOT texted, they are readable at "
        + "GET /api/v1/dev/sms-outbox. Configure accounts.sms.sender=http for real users.");
      routes.add(new DevOutboxRoutes(outbox, phones));
    }
    if (verifier instanceof LocalIdentityVerifier) {
      LOG.warn("Identity provider is the local stand-in: ID numbers are checked for format and checksum only.");
    }
    Privacy privacy = new Privacy(accounts, reauth,
      new AccountPersonalData(pool, redis, crypto, gate), users);
    return new AccountsModule(gate, auth, directory, events, List.copyOf(routes), admin, adminPhones, status, privacy);
  }

  private static Set<String> adminPhones(AccountsConfig cfg, PhoneNumbers phones) {
    Set<String> out = new LinkedHashSet<>();
    for (String p : cfg.adminPhones()) {
      out.add(phones.normalize(p).orElseThrow(() -> new IllegalArgumentException(
        "accounts.adminPhones holds an invalid phone number")));
    }
    return Set.copyOf(out);
  }

  /** Stops background work (the session cache's watch). */
  public void stop() {
    gate.stop();
  }

  public SessionGate gate() {
    return gate;
  }

  public BearerAuth bearerAuth() {
    return bearerAuth;
  }

  public UserDirectory directory() {
    return directory;
  }

  /** Register listeners here; Node connects the real-time core's disconnects once it exists. */
  public SessionEventListeners events() {
    return events;
  }

  /**
   * For capabilities that change an account's status themselves (privacy: cancellation): after
   * committing the new status, call {@code disabled(userId, status, reason)} to revoke sessions,
   * refuse live tokens and close sockets.
   */
  public AccountStatus accountStatus() {
    return status;
  }

  /** Privacy: accounts' {@link io.liveroom.personaldata.PersonalDataSource} (profile, contact, identity, sessions). */
  public AccountPersonalData personalData() {
    return privacy.data();
  }

  /** Privacy: password or SMS-code proof before an irreversible request (throttled and audited). */
  public Reauthentication reauthentication() {
    return privacy.reauth();
  }

  /** Privacy: the policy version each account accepted (the account's own column, read and written for privacy). */
  public PolicyAcceptance policyAcceptance() {
    return privacy.policy();
  }

  /** Privacy: registers what a frozen account's correct login is told (see {@link FrozenAccountLogin}). */
  public void onFrozenLogin(FrozenAccountLogin handler) {
    privacy.accounts().onFrozenLogin(handler);
  }

  /** Privacy's guardian flow and reports: admin checks reuse accounts' own. */
  public AdminService admin() {
    return admin;
  }

  public List<HttpRoutes> routes() {
    return routes;
  }
}
