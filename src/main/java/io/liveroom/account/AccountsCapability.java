package io.liveroom.account;

import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.SessionGate;
import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.AccountsConfig;
import io.liveroom.config.AppConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;
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
public final class AccountsCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(AccountsCapability.class);

  private final RedisSessionGate gate;
  private final BearerAuth bearerAuth;
  private final UserDirectory directory;
  private final SessionEventListeners events;
  private final List<HttpRoutes> routes;
  private final AdminService admin;
  private final Set<String> adminPhones;
  private final AccountStatus status;
  private final Minors minors;
  private final Privacy privacy;
  private final SignInMethods signIn;
  private final ProfileService profiles;
  private final ExternalSignIn externalSignIn;
  private final PeopleDirectory people;

  /** What accounts hands to the privacy capability. */
  private record Privacy(AccountService accounts, Reauthentication reauth, AccountPersonalData data,
                         PolicyAcceptance policy) {
  }

  /** Wires accounts; reads its key file and shipped files, so it runs on a worker (see {@link Capability}). */
  public AccountsCapability(Platform platform, AccessTokens tokens) {
    AppConfig config = platform.config();
    AccountsConfig cfg = config.accounts().withCrypto(
      AccountKeys.resolveBlocking(config.accounts().crypto(), config.dataDir()));
    Set<String> commonPasswords = CommonPasswords.read(platform.vertx());
    Vertx vertx = platform.vertx();
    Pool pool = platform.pool();
    RedisAPI redis = platform.redis();
    Clock clock = platform.clock();
    int refreshDays = config.auth().refreshTtlDays();
    FieldCrypto crypto = new FieldCrypto(cfg.crypto());
    PhoneNumbers phones = new PhoneNumbers(cfg.defaultRegion());
    phones.warmUp();
    Set<String> adminPhones = adminPhones(cfg, phones);
    AuditLog audit = new AuditLog(pool);
    UserRepository users = new UserRepository(pool);
    IdentityRepository identityRepo = new IdentityRepository(pool);
    UserDirectory directory = new PgUserDirectory(pool);
    GuardianConsentRepository guardians = new GuardianConsentRepository(pool);
    Minors minors = new Minors(cfg.minorAge(), directory, guardians, clock);
    SessionEventListeners events = new SessionEventListeners();
    SessionRepository sessionRows = new SessionRepository(pool);
    RedisSessionGate gate = new RedisSessionGate(vertx, redis, sessionRows, config.auth().accessTtlSeconds());
    BearerAuth auth = new BearerAuth(tokens, gate);
    SmsSender sender = cfg.sms().devOutbox() ? new DevOutboxSmsSender(clock) : new HttpSmsSender(vertx, cfg.sms());
    SmsCodeService codes = new SmsCodeService(redis, sender, crypto, cfg.sms(), clock);
    SessionService sessions = new SessionService(sessionRows, tokens, gate, events, audit, refreshDays);
    AccountStatus status = new AccountStatus(users, sessions, gate, events);
    PasswordHasher hasher = new PasswordHasher(vertx, cfg.passwordWorkers(), cfg.passwordQueueMax(), platform.meters());
    LoginThrottle throttle = new LoginThrottle(redis, cfg.login());
    AccountService accounts = new AccountService(users, codes, hasher, sessions, throttle, crypto, audit, adminPhones,
      minors);
    Reauthentication reauth = new Reauthentication(users, hasher, codes, crypto, throttle, audit);
    IdentityVerifier verifier = "http".equals(cfg.identity().provider())
      ? new HttpIdentityVerifier(vertx, cfg.identity()) : new LocalIdentityVerifier();
    AdminService admin = new AdminService(users, guardians, minors, directory, status, crypto, audit, sessions);
    this.profiles = new ProfileService(users, identityRepo, directory, codes, crypto, audit, clock,
      new ProfileService.PhoneChange(reauth, sessions, sender));
    List<HttpRoutes> routes = new ArrayList<>(List.of(
      new AuthRoutes(accounts, codes, sessions, directory, phones, new PasswordPolicy(commonPasswords), auth,
        cfg.policyVersion(), clock),
      new SessionRoutes(sessions, auth),
      new ProfileRoutes(profiles, phones, auth),
      new IdentityRoutes(new IdentityService(identityRepo, minors, verifier,
        new IdentityAttempts(new IdentityAttemptRepository(pool), cfg.identity().maxAttemptsPerDay()), status, crypto,
        audit, clock), auth, clock),
      new AdminRoutes(admin, auth)));
    SignInMethods signIn = new SignInMethods(vertx, cfg, new SignInMethods.Parts(pool, accounts, users, reauth, throttle,
      crypto, audit, directory, phones, auth, clock));
    routes.addAll(signIn.routes());
    if (sender instanceof DevOutboxSmsSender outbox) {
      LOG.warn("SMS sender is the dev-outbox stand-in: codes are NOT texted, they are readable at "
        + "GET /api/v1/dev/sms-outbox. Configure accounts.sms.sender=http for real users.");
      routes.add(new DevOutboxRoutes(outbox, phones));
    }
    if (verifier instanceof LocalIdentityVerifier) {
      LOG.warn("Identity provider is the local stand-in: ID numbers are checked for format and checksum only.");
    }
    this.externalSignIn = new ExternalSignIn(users, new ExternalAccountRepository(pool), accounts, directory, audit,
      cfg.policyVersion(), clock);
    this.privacy = new Privacy(accounts, reauth, new AccountPersonalData(pool, redis, crypto, gate), users);
    this.signIn = signIn;
    this.gate = gate;
    this.bearerAuth = auth;
    this.directory = directory;
    this.events = events;
    this.routes = List.copyOf(routes);
    this.admin = admin;
    this.adminPhones = adminPhones;
    this.status = status;
    this.minors = minors;
    this.people = new PeopleRepository(pool);
  }

  @Override
  public String name() {
    return "accounts";
  }

  /**
   * Starts the session cache's watch (revocations survive a Redis wipe: the gate refills its cache
   * from PostgreSQL, checked every second) and makes the configured admin phones admins.
   */
  @Override
  public Future<Void> start() {
    gate.start();
    return admin.bootstrapAdmins(adminPhones);
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
  @Override
  public Future<Void> stop() {
    gate.stop();
    return Future.succeededFuture();
  }

  public SessionGate gate() {
    return gate;
  }

  /** Plugs in uploaded pictures as avatars (the bootstrap's media adapter); called once during wiring. */
  public void useAvatarPictures(AvatarPictures avatars) {
    profiles.useAvatarPictures(avatars);
  }

  public BearerAuth bearerAuth() {
    return bearerAuth;
  }

  public UserDirectory directory() {
    return directory;
  }

  /** Many users at once: lists and people search (social). */
  public PeopleDirectory people() {
    return people;
  }

  /** Adds fields to every public profile (social's counts); the bootstrap calls it while wiring. */
  public void addProfileSection(ProfileSection section) {
    profiles.addSection(section);
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

  /** Profile, contact, identity and sessions; a pending email change. */
  @Override
  public List<PersonalDataSource> personalData() {
    return List.of(privacy.data(), signIn.emailData());
  }

  @Override
  public List<RetentionRule> retention() {
    return signIn.retention();
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

  /**
   * Minors' rules for other capabilities: a user's age band and minor status, guardian consents
   * per purpose, and the hosting rule (rooms ask it through the bootstrap; youth mode asks the age).
   */
  public Minors minors() {
    return minors;
  }

  /** Sign-in providers (OpenID Connect): create accounts without phone, open sessions, check for a phone. */
  public ExternalSignIn externalSignIn() {
    return externalSignIn;
  }

  /** Privacy's guardian flow and reports: admin checks reuse accounts' own. */
  public AdminService admin() {
    return admin;
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }
}
