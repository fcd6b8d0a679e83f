package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.RetentionRule;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the ways in beside phone and password: carrier one-click login and verified email (with
 * email login when configured). Each provider is chosen from config the way the SMS sender is; a
 * stand-in is announced at WARN and gets its dev route, and production mode refuses it at boot
 * ({@code ProductionRules}).
 */
final class SignInMethods {
  private static final Logger LOG = LoggerFactory.getLogger(SignInMethods.class);

  /** What these need from the accounts wiring. */
  record Parts(Pool pool, AccountService accounts, UserRepository users, Reauthentication reauth, LoginThrottle throttle,
               FieldCrypto crypto, AuditLog audit, UserDirectory directory, PhoneNumbers phones, BearerAuth auth,
               Clock clock) {
  }

  private final List<HttpRoutes> routes = new ArrayList<>();
  private final EmailPersonalData emailData;

  SignInMethods(Vertx vertx, AccountsConfig cfg, Parts p) {
    routes.add(new OneClickRoutes(oneClick(vertx, cfg.oneClick(), p), p.directory(), cfg.policyVersion(), p.clock()));
    EmailRepository emails = new EmailRepository(p.pool());
    EmailSender sender = emailSender(vertx, cfg.email(), p.clock());
    EmailService service = sender == null ? null
      : new EmailService(emails, p.reauth(), sender, p.crypto(), p.audit(), cfg.email(), p.clock());
    EmailLogin login = cfg.email().login() ? new EmailLogin(emails, p.accounts(), p.crypto()) : null;
    routes.add(new EmailRoutes(service, login, p.directory(), p.auth(), p.clock()));
    if (sender instanceof DevOutboxEmailSender outbox) {
      routes.add(new DevEmailOutboxRoutes(outbox));
    }
    this.emailData = new EmailPersonalData(emails);
  }

  private OneClickService oneClick(Vertx vertx, AccountsConfig.OneClick cfg, Parts p) {
    OneClickProvider provider = switch (cfg.provider()) {
      case "http" -> new HttpOneClickProvider(vertx, cfg, p.phones());
      case "dev-outbox" -> new DevOutboxOneClickProvider(p.clock());
      default -> null;
    };
    if (provider instanceof DevOutboxOneClickProvider dev) {
      LOG.warn("One-click provider is the dev-outbox stand-in: no carrier is asked, and anyone may mint a token for "
        + "any phone at POST /api/v1/dev/one-click-tokens. Configure accounts.oneClick.provider=http for real users.");
      routes.add(new DevOneClickRoutes(dev, p.phones()));
    }
    return provider == null ? null
      : new OneClickService(provider, p.accounts(), p.users(), p.throttle(), p.crypto(), p.audit());
  }

  private static EmailSender emailSender(Vertx vertx, AccountsConfig.Email cfg, Clock clock) {
    return switch (cfg.sender()) {
      case "smtp" -> new SmtpEmailSender(vertx, cfg);
      case "dev-outbox" -> {
        LOG.warn("Email sender is the dev-outbox stand-in: verification codes are NOT mailed, they are readable at "
          + "GET /api/v1/dev/email-outbox. Configure accounts.email.sender=smtp for real users.");
        yield new DevOutboxEmailSender(clock);
      }
      default -> null;
    };
  }

  List<HttpRoutes> routes() {
    return routes;
  }

  EmailPersonalData emailData() {
    return emailData;
  }

  /** Email changes that expired unverified are deleted a day after their expiry. */
  List<RetentionRule> retention() {
    return List.of(new RetentionRule(emailData, 1));
  }
}
