package io.liveroom.config;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts: SMS codes and their send limits, login throttling, real-name verification and the keys
 * that encrypt personal data at rest. {@code sms.sender = dev-outbox} and
 * {@code identity.provider = local} are stand-ins for local runs: the first keeps codes in memory
 * instead of texting them, the second checks ID format and checksum only.
 */
public record AccountsConfig(String policyVersion, String defaultRegion, List<String> adminPhones,
                             int passwordWorkers, int passwordQueueMax, Sms sms, Login login, Identity identity, Crypto crypto,
                             OneClick oneClick, Email email, int minorAge) {
  /**
   * Under this age an account is sensitive personal information (PIPL Art. 28/31): fixed by law,
   * whatever {@code accounts.minorAge} says, so the minor age can never be set below it.
   */
  public static final int SENSITIVE_MINOR_AGE = 14;

  /** SMS codes. {@code resendSeconds = 0} disables the per-number cooldown (tests only). */
  public record Sms(String sender, int codeTtlSeconds, int maxAttempts, int resendSeconds, int perNumberPerDay,
                    int perIpPerHour, int perPrefixPerHour, String httpUrl, String httpSecret, int httpTimeoutMs) {
    public boolean devOutbox() {
      return "dev-outbox".equals(sender);
    }
  }

  /** Failed-login throttling: at most N failures per phone and per IP within the window. */
  public record Login(int maxFailuresPerAccount, int maxFailuresPerIp, int windowSeconds) {
  }

  /** {@code maxAttemptsPerDay}: verification attempts (each a paid eKYC call) per user per 24 hours. */
  public record Identity(String provider, String httpUrl, String httpSecret, int httpTimeoutMs, int maxAttemptsPerDay) {
  }

  /**
   * Field encryption keys: {@code keys} maps key id to a base64 32-byte AES key, {@code activeKeyId}
   * encrypts new values (old ids keep decrypting, so keys rotate), {@code indexKey} is the base64
   * HMAC key of the blind indexes (it cannot rotate without re-indexing). All empty: a single
   * embedded node generates them under {@code data.dir}.
   */
  public record Crypto(Map<String, byte[]> keys, String activeKeyId, byte[] indexKey) {
    public boolean generated() {
      return keys.isEmpty();
    }
  }

  /**
   * Carrier one-click login: {@code off} (not offered), {@code dev-outbox} (stand-in: test tokens
   * issued by {@code POST /api/v1/dev/one-click-tokens}) or {@code http} (the carrier gateway, called
   * with requests signed by {@code appKey}/{@code appSecret}).
   */
  public record OneClick(String provider, String httpUrl, String appKey, String appSecret, int httpTimeoutMs) {
    public boolean devOutbox() {
      return "dev-outbox".equals(provider);
    }
  }

  /**
   * Verified email: {@code sender} is {@code off}, {@code dev-outbox} (stand-in: messages kept in
   * memory) or {@code smtp}; {@code login} lets a verified email and the password log in.
   */
  public record Email(String sender, boolean login, int codeTtlSeconds, int maxAttempts, int resendSeconds, String from,
                      Smtp smtp) {
    public boolean devOutbox() {
      return "dev-outbox".equals(sender);
    }
  }

  /** {@code tls}: {@code starttls} (required), {@code tls} (implicit, port 465) or {@code none} (local relays only). */
  public record Smtp(String host, int port, String username, String password, String tls, int timeoutMs) {
  }

  static AccountsConfig from(ConfigReader r) {
    return new AccountsConfig(r.requiredString("accounts.policyVersion"),
      r.requiredString("accounts.defaultRegion").toUpperCase(), r.strings("accounts.adminPhones"),
      r.intIn("accounts.passwordWorkers", 1, 64), r.intIn("accounts.passwordQueueMax", 1, 100_000), sms(r), login(r), identity(r), crypto(r),
      SignInConfig.oneClick(r), SignInConfig.email(r),
      r.intIn("accounts.minorAge", SENSITIVE_MINOR_AGE, 21));
  }

  private static Sms sms(ConfigReader r) {
    String sender = r.oneOf("accounts.sms.sender", Set.of("dev-outbox", "http"));
    String url = r.string("accounts.sms.httpUrl");
    String secret = r.string("accounts.sms.httpSecret");
    if ("http".equals(sender) && (url.isEmpty() || secret.length() < 16)) {
      throw r.fail("accounts.sms.httpUrl", "the http sender needs httpUrl and an httpSecret of 16+ characters");
    }
    return new Sms(sender, r.intIn("accounts.sms.codeTtlSeconds", 1, 600), r.intIn("accounts.sms.maxAttempts", 1, 10),
      r.intIn("accounts.sms.resendSeconds", 0, 3600), r.intIn("accounts.sms.perNumberPerDay", 1, 1000),
      r.intIn("accounts.sms.perIpPerHour", 1, 1_000_000), r.intIn("accounts.sms.perPrefixPerHour", 1, 1_000_000),
      url, secret, r.intIn("accounts.sms.httpTimeoutMs", 100, 60_000));
  }

  private static Login login(ConfigReader r) {
    return new Login(r.intIn("accounts.login.maxFailuresPerAccount", 1, 1000),
      r.intIn("accounts.login.maxFailuresPerIp", 1, 1_000_000), r.intIn("accounts.login.windowSeconds", 1, 86_400));
  }

  private static Identity identity(ConfigReader r) {
    String provider = r.oneOf("accounts.identity.provider", Set.of("local", "http"));
    String url = r.string("accounts.identity.httpUrl");
    String secret = r.string("accounts.identity.httpSecret");
    if ("http".equals(provider) && (url.isEmpty() || secret.length() < 16)) {
      throw r.fail("accounts.identity.httpUrl", "the http provider needs httpUrl and an httpSecret of 16+ characters");
    }
    return new Identity(provider, url, secret, r.intIn("accounts.identity.httpTimeoutMs", 100, 60_000),
      r.intIn("accounts.identity.maxAttemptsPerDay", 1, 1000));
  }

  private static Crypto crypto(ConfigReader r) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (String entry : r.strings("accounts.crypto.keys")) {
      int colon = entry.indexOf(':');
      if (colon < 1) {
        throw r.fail("accounts.crypto.keys", "entries look like 'keyId:base64-32-byte-key'");
      }
      keys.put(entry.substring(0, colon), key(r, "accounts.crypto.keys", entry.substring(colon + 1)));
    }
    String active = r.string("accounts.crypto.activeKeyId");
    String index = r.string("accounts.crypto.indexKey");
    if (keys.isEmpty()) {
      if (!active.isEmpty() || !index.isEmpty()) {
        throw r.fail("accounts.crypto.keys", "set keys, activeKeyId and indexKey together, or none of them");
      }
      return new Crypto(Map.of(), "", new byte[0]);
    }
    if (!keys.containsKey(active)) {
      throw r.fail("accounts.crypto.activeKeyId", "must name one of accounts.crypto.keys");
    }
    return new Crypto(Map.copyOf(keys), active, key(r, "accounts.crypto.indexKey", index));
  }

  private static byte[] key(ConfigReader r, String name, String base64) {
    try {
      byte[] k = Base64.getDecoder().decode(base64.trim());
      if (k.length != 32) {
        throw r.fail(name, "keys must be 32 bytes (base64)");
      }
      return k;
    } catch (IllegalArgumentException e) {
      throw r.fail(name, "is not valid base64");
    }
  }

  public AccountsConfig withCrypto(Crypto crypto) {
    return new AccountsConfig(policyVersion, defaultRegion, adminPhones, passwordWorkers, passwordQueueMax, sms, login,
      identity, crypto, oneClick, email, minorAge);
  }
}
