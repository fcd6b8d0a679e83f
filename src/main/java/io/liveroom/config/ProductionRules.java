package io.liveroom.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code mode=production} refuses at boot. A production node must not run anything that is
 * only safe on a developer's machine: a stand-in provider, a key generated into its own data.dir
 * (the other nodes can neither read what it encrypts nor accept what it signs), an embedded
 * database, metrics on the public port, or the benchmark namespace. Every problem goes into one
 * message naming the key and its env var, so an operator fixes them all in one pass.
 *
 * <p>The mode is an explicit key rather than derived from, say, an external {@code pg.url}: a
 * developer pointing at a local PostgreSQL is not running production, and a production deployment
 * that forgot its {@code pg.url} must be refused, not quietly become a dev node.
 *
 * <p>Stand-ins, and only stand-ins, can be let through by name ({@code allowStandIns}) for a
 * staging deployment; the node then logs each one at WARN on every boot. Keys and servers cannot:
 * a staging deployment can generate real ones with one command.
 */
public final class ProductionRules {
  /** The stand-ins {@code allowStandIns} may name: the key that selects each, its value, and its risk. */
  public enum StandIn {
    SMS("sms", "accounts.sms.sender", "dev-outbox",
      "codes are not texted, and GET /api/v1/dev/sms-outbox hands out any phone's login code"),
    IDENTITY("identity", "accounts.identity.provider", "local",
      "any checksum-valid ID number verifies anyone as its holder"),
    AI("ai", "ai.provider", "simulated", "AI answers are canned text"),
    POLICY("policy", "privacy.policy.file", "bundled example",
      "GET /api/v1/policy publishes the example privacy policy shipped in the jar, not the operator's own"),
    ONE_CLICK("one-click", "accounts.oneClick.provider", "dev-outbox",
      "POST /api/v1/dev/one-click-tokens hands anyone a one-click login token for any phone"),
    EMAIL("email", "accounts.email.sender", "dev-outbox",
      "verification codes are not mailed, and GET /api/v1/dev/email-outbox shows them to anyone"),
    MEDIA_MODERATION("media-moderation", "media.moderation.provider", "none",
      "uploaded pictures become public (avatars, covers) without any image moderation"),
    PUSH("push", "push.provider", "dev-outbox",
      "mobile push notifications reach no phone: they are only recorded in the node's memory"),
    AI_PAINT("ai-paint", "ai.paint.provider", "simulated", "AI pictures are generated patterns, not paintings");

    public final String id;
    public final String key;
    public final String value;
    private final String risk;

    StandIn(String id, String key, String value, String risk) {
      this.id = id;
      this.key = key;
      this.value = value;
      this.risk = risk;
    }

    boolean inUse(AppConfig c) {
      return switch (this) {
        case SMS -> c.accounts().sms().devOutbox();
        case IDENTITY -> value.equals(c.accounts().identity().provider());
        case AI -> value.equals(c.ai().provider());
        case POLICY -> c.privacy().policyFile().isEmpty();
        case ONE_CLICK -> c.accounts().oneClick().devOutbox();
        case EMAIL -> c.accounts().email().devOutbox();
        case MEDIA_MODERATION -> value.equals(c.media().moderation().provider());
        case PUSH -> c.push().devOutbox();
        case AI_PAINT -> value.equals(c.ai().paint().provider());
      };
    }

    static Optional<StandIn> byId(String id) {
      return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
  }

  /**
   * The secrets and provider settings a production deployment with real providers sets; the
   * Compose file passes each from the operator's environment with {@code ${VAR:?}}.
   */
  public static final List<String> REQUIRED_SECRETS = List.of("auth.jwtSecret", "accounts.crypto.keys",
    "accounts.crypto.activeKeyId", "accounts.crypto.indexKey", "accounts.sms.httpUrl", "accounts.sms.httpSecret",
    "accounts.identity.httpUrl", "accounts.identity.httpSecret", "ai.openai.baseUrls", "ai.openai.models",
    "rooms.media.webhookToken", "privacy.policy.file", "media.moderation.url");

  private ProductionRules() {
  }

  static List<String> parseAllowed(ConfigReader r) {
    List<String> allowed = r.strings("allowStandIns");
    for (String id : allowed) {
      if (StandIn.byId(id).isEmpty()) {
        throw r.fail("allowStandIns", "names stand-ins among " + ids() + ", got '" + id + "'");
      }
    }
    return allowed;
  }

  /** Throws one ConfigException listing everything production mode refuses; does nothing in dev mode. */
  static void check(AppConfig c) {
    if (!c.production()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (StandIn s : StandIn.values()) {
      if (s.inUse(c) && !c.allowStandIns().contains(s.id)) {
        problems.add(line(s.key, "is the " + s.value + " stand-in: " + s.risk
          + ". Configure the real provider, or allow it by name for staging (allowStandIns " + s.id + ")"));
      }
    }
    servers(c, problems);
    keys(c, problems);
    if (c.rooms().webhookToken().isEmpty()) {
      problems.add(line("rooms.media.webhookToken", "is empty, so anyone reaching the load balancer may call the "
        + "media-server webhooks; set a token (openssl rand -hex 32) and add ?token= to the media server's hook URLs"));
    }
    if (!c.management().enabled()) {
      problems.add(line("management.enabled", "is false, so GET /metrics is served on the public port; "
        + "enable the management listener (management.host, management.port)"));
    }
    if (c.realtime().benchmarkNamespace()) {
      problems.add(line("realtime.benchmarkNamespace", "is on: anyone with a token may publish in bench:*"));
    }
    oidc(c, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException("mode=production (env LIVEROOM_MODE) refuses this configuration:\n"
        + String.join("\n", problems) + "\nOnly stand-ins can be allowed, by name, for a staging deployment: "
        + "allowStandIns (env LIVEROOM_ALLOW_STAND_INS), any of " + ids() + ".");
    }
  }

  /** Sign-in providers: keys and tokens fetched over plain HTTP could be swapped; the web flow's callback needs its public URL. */
  private static void oidc(AppConfig c, List<String> problems) {
    for (OidcConfig.Provider p : c.oidc().providers()) {
      if (!p.issuer().startsWith("https://")) {
        problems.add(line("oidc.providers", "provider '" + p.id() + "' has a plain-HTTP issuer; its keys and "
          + "tokens must come over https"));
      }
    }
    if (!c.oidc().providers().isEmpty() && c.oidc().callbackBaseUrl().isEmpty()) {
      problems.add(line("oidc.callbackBaseUrl", "is empty, so the web sign-in's callback URL would follow the "
        + "request's Host header; set this service's public origin (https://live.example.com)"));
    }
  }

  private static void servers(AppConfig c, List<String> problems) {
    if (c.pg().embedded()) {
      problems.add(line("pg.url", "is empty, so this node would start an embedded PostgreSQL of its own; "
        + "point every node at one server"));
    }
    if (c.redis().embedded()) {
      problems.add(line("redis.url", "is empty, so this node would start an embedded Redis of its own; "
        + "point every node at one server"));
    }
    if (!c.media().storage().s3() && c.media().storage().dir().isEmpty()) {
      problems.add(line("media.storage.dir", "is empty, so pictures go to this node's data.dir, where the other nodes "
        + "cannot serve them; use media.storage.backend=s3, or set media.storage.dir to a mount every node shares"));
    }
    if ("memory".equals(c.realtime().broker())) {
      problems.add(line("realtime.broker", "is memory, which reaches the sockets of this node only; use redis"));
    }
  }

  private static void keys(AppConfig c, List<String> problems) {
    if (c.auth().jwtSecret().isEmpty()) {
      problems.add(line("auth.jwtSecret", "is empty, so each node would generate its own into data.dir and refuse "
        + "the others' tokens and export links; set one shared secret (openssl rand -base64 48)"));
    }
    if (c.accounts().crypto().generated()) {
      String why = "is empty, so each node would generate its own personal-data keys into data.dir: no node could "
        + "read what another encrypted, and one ID number could verify an account on each node";
      problems.add(line("accounts.crypto.keys", why + "; set k1:$(openssl rand -base64 32)"));
      problems.add(line("accounts.crypto.activeKeyId", "is empty; set the id of the key that encrypts (k1)"));
      problems.add(line("accounts.crypto.indexKey", why + "; set $(openssl rand -base64 32)"));
    }
  }

  /**
   * The WARN lines of a production node running stand-ins its config allowed by name: one per
   * stand-in, on every boot, so a staging deployment never passes for production unnoticed.
   */
  public static List<String> allowedStandInWarnings(AppConfig c) {
    if (!c.production()) {
      return List.of();
    }
    return Arrays.stream(StandIn.values()).filter(s -> s.inUse(c))
      .map(s -> "Production mode is running the " + s.id + " stand-in (" + s.key + "=" + s.value
        + "), allowed by allowStandIns: " + s.risk + ". Not for real users.")
      .toList();
  }

  private static String line(String key, String problem) {
    return "  - " + key + " (env " + EnvNames.of(key) + ") " + problem;
  }

  private static String ids() {
    return Arrays.stream(StandIn.values()).map(s -> s.id).collect(Collectors.joining(", "));
  }
}
