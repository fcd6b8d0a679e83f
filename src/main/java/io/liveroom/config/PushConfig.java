package io.liveroom.config;

import java.util.Set;

/**
 * Mobile push ({@code push.*}). {@code provider} is {@code dev-outbox} (the stand-in: sends nothing,
 * records what would have been sent; refused in production unless allowed by name), {@code fcm}
 * (Firebase Cloud Messaging HTTP v1), {@code apns} (Apple, HTTP/2 with a .p8 key) or {@code off}
 * (tokens are kept, nothing is sent). A failed send is retried up to {@code maxAttempts} times in
 * all, waiting {@code initialDelayMs} doubled per attempt up to {@code maxDelayMs}, with jitter.
 * A user keeps at most {@code maxDevicesPerUser} tokens (the oldest go first); a token not
 * registered again for {@code deviceRetentionDays} is purged.
 */
public record PushConfig(String provider, int maxAttempts, long initialDelayMs, long maxDelayMs, int timeoutMs,
                         int maxDevicesPerUser, int deviceRetentionDays, Fcm fcm, Apns apns) {

  /** FCM HTTP v1: the project, the service-account JSON file, and where to send (tests point both URLs at a local server). */
  public record Fcm(String projectId, String credentialsFile, String endpoint, String tokenUri) {
  }

  /** APNs token auth: the .p8 key, its key id, the team id, the app's bundle id, and the host (sandbox or production). */
  public record Apns(String keyFile, String keyId, String teamId, String topic, String host, int port, boolean sandbox,
                     String caFile) {
    /** The host to call: the configured one, else Apple's production or sandbox host. */
    public String effectiveHost() {
      return !host.isEmpty() ? host : sandbox ? "api.sandbox.push.apple.com" : "api.push.apple.com";
    }
  }

  public boolean devOutbox() {
    return "dev-outbox".equals(provider);
  }

  static PushConfig from(ConfigReader r) {
    String provider = r.oneOf("push.provider", Set.of("dev-outbox", "fcm", "apns", "off"));
    Fcm fcm = new Fcm(r.string("push.fcm.projectId"), r.string("push.fcm.credentialsFile"),
      r.requiredString("push.fcm.endpoint"), r.string("push.fcm.tokenUri"));
    Apns apns = new Apns(r.string("push.apns.keyFile"), r.string("push.apns.keyId"), r.string("push.apns.teamId"),
      r.string("push.apns.topic"), r.string("push.apns.host"), r.intIn("push.apns.port", 1, 65_535),
      r.bool("push.apns.sandbox"), r.string("push.apns.caFile"));
    if ("fcm".equals(provider)) {
      require(r, "push.fcm.projectId", fcm.projectId());
      require(r, "push.fcm.credentialsFile", fcm.credentialsFile());
    }
    if ("apns".equals(provider)) {
      require(r, "push.apns.keyFile", apns.keyFile());
      require(r, "push.apns.keyId", apns.keyId());
      require(r, "push.apns.teamId", apns.teamId());
      require(r, "push.apns.topic", apns.topic());
    }
    long initial = r.longIn("push.retry.initialDelayMs", 1, 3_600_000);
    long max = r.longIn("push.retry.maxDelayMs", 1, 3_600_000);
    if (max < initial) {
      throw r.fail("push.retry.maxDelayMs", "must be at least push.retry.initialDelayMs (" + initial + ")");
    }
    return new PushConfig(provider, r.intIn("push.retry.maxAttempts", 1, 20), initial, max,
      r.intIn("push.timeoutMs", 100, 120_000), r.intIn("push.devices.maxPerUser", 1, 1_000),
      r.intIn("push.devices.retentionDays", 1, 3_650), fcm, apns);
  }

  private static void require(ConfigReader r, String key, String value) {
    if (value.isEmpty()) {
      throw r.fail(key, "is required when push.provider is " + r.string("push.provider"));
    }
  }
}
