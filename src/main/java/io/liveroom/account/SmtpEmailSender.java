package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The {@code smtp} email sender: one Vert.x mail client (pooled connections) to the configured relay.
 * TLS is {@code starttls} (required: a relay that does not offer it is refused), {@code tls}
 * (implicit, port 465) or {@code none} (a relay on the same host or network only). Connect and idle
 * timeouts are {@code accounts.email.smtp.timeoutMs}, so a silent relay fails the request instead
 * of holding it.
 */
public final class SmtpEmailSender implements EmailSender {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpEmailSender.class);

  private final MailClient client;
  private final String from;

  public SmtpEmailSender(Vertx vertx, AccountsConfig.Email config) {
    AccountsConfig.Smtp smtp = config.smtp();
    MailConfig mail = new MailConfig().setHostname(smtp.host()).setPort(smtp.port())
      .setStarttls("starttls".equals(smtp.tls()) ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
      .setSsl("tls".equals(smtp.tls()))
      .setLogin(smtp.username().isEmpty() ? LoginOption.DISABLED : LoginOption.REQUIRED)
      .setConnectTimeout(smtp.timeoutMs())
      .setIdleTimeout(smtp.timeoutMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
      .setKeepAlive(true);
    if (!smtp.username().isEmpty()) {
      mail.setUsername(smtp.username()).setPassword(smtp.password());
    }
    this.client = MailClient.create(vertx, mail);
    this.from = config.from();
  }

  @Override
  public Future<Void> sendCode(String address, String code, int ttlSeconds) {
    MailMessage message = new MailMessage().setFrom(from).setTo(address).setSubject(SUBJECT)
      .setText(EmailSender.body(code, ttlSeconds));
    return client.sendMail(message).<Void>mapEmpty().recover(e -> {
      // The relay's own message may quote the address: only the kind of failure is logged.
      LOG.warn("SMTP relay did not take a verification email: {}", e.getClass().getSimpleName());
      return Future.failedFuture(AppException.of(ErrorCode.EMAIL_UNAVAILABLE,
        "The email could not be sent right now; try again shortly."));
    });
  }
}
