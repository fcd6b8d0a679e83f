package io.liveroom.config;

import java.util.Set;

/** Reads the carrier one-click and verified-email keys of {@link AccountsConfig} (kept apart so that file stays small). */
final class SignInConfig {
  private SignInConfig() {
  }

  static AccountsConfig.OneClick oneClick(ConfigReader r) {
    String provider = r.oneOf("accounts.oneClick.provider", Set.of("off", "dev-outbox", "http"));
    String url = r.string("accounts.oneClick.httpUrl");
    String appKey = r.string("accounts.oneClick.appKey");
    String secret = r.string("accounts.oneClick.appSecret");
    if ("http".equals(provider) && (url.isEmpty() || appKey.isEmpty() || secret.length() < 16)) {
      throw r.fail("accounts.oneClick.httpUrl",
        "the http provider needs httpUrl, appKey and an appSecret of 16+ characters");
    }
    return new AccountsConfig.OneClick(provider, url, appKey, secret, r.intIn("accounts.oneClick.httpTimeoutMs", 100, 60_000));
  }

  static AccountsConfig.Email email(ConfigReader r) {
    String sender = r.oneOf("accounts.email.sender", Set.of("off", "dev-outbox", "smtp"));
    String from = r.string("accounts.email.from");
    AccountsConfig.Smtp smtp = new AccountsConfig.Smtp(r.string("accounts.email.smtp.host"),
      r.intIn("accounts.email.smtp.port", 1, 65_535), r.string("accounts.email.smtp.username"),
      r.string("accounts.email.smtp.password"), r.oneOf("accounts.email.smtp.tls", Set.of("starttls", "tls", "none")),
      r.intIn("accounts.email.smtp.timeoutMs", 100, 60_000));
    if ("smtp".equals(sender) && (smtp.host().isEmpty() || from.isEmpty())) {
      throw r.fail("accounts.email.smtp.host", "the smtp sender needs smtp.host and accounts.email.from");
    }
    return new AccountsConfig.Email(sender, r.bool("accounts.email.login"), r.intIn("accounts.email.codeTtlSeconds", 60, 86_400),
      r.intIn("accounts.email.maxAttempts", 1, 10), r.intIn("accounts.email.resendSeconds", 0, 3600), from, smtp);
  }
}
