package io.liveroom.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns a test node's config ({@link TestNodes#baseConfig()}: external PostgreSQL and Redis, a
 * shared JWT secret) into what a production deployment runs: {@code mode=production}, explicit
 * personal-data keys every node shares, the management listener for /metrics on a random port and
 * a media webhook token. The stand-ins named are allowed by name, as a staging deployment would.
 */
public final class ProductionConfig {
  /** The AES and blind-index keys every "production" test node shares, like a real deployment's. */
  public static final String AES_KEY = base64("liveroom-test-aes-key-32-bytes!!");
  public static final String INDEX_KEY = base64("liveroom-test-index-key-32bytes!");

  private ProductionConfig() {
  }

  public static void apply(JsonObject json, String... allowedStandIns) {
    json.put("mode", "production").put("allowStandIns", new JsonArray(java.util.List.of((Object[]) allowedStandIns)));
    json.getJsonObject("accounts").getJsonObject("crypto").put("keys", new JsonArray().add("k1:" + AES_KEY))
      .put("activeKeyId", "k1").put("indexKey", INDEX_KEY);
    json.getJsonObject("management").put("enabled", true).put("host", "127.0.0.1").put("port", 0);
    json.getJsonObject("rooms").getJsonObject("media").put("webhookToken", "media-webhook-token-for-tests");
    json.getJsonObject("privacy").getJsonObject("policy").put("file", publishedPolicy().toString());
    // The pictures' directory every node of the deployment mounts, and an image-moderation service
    // at an address nothing answers (only an upload made public would call it).
    json.getJsonObject("media").getJsonObject("storage").put("dir",
      System.getProperty("java.io.tmpdir") + "/liveroom-test-media");
    json.getJsonObject("media").getJsonObject("moderation").put("provider", "http")
      .put("url", "http://127.0.0.1:9/moderation");
    // Mobile push off (not a stand-in: nothing pretends to be sent); the push tests run fcm and apns.
    json.getJsonObject("push").put("provider", "off");
  }

  /** An operator's own policy file (a copy of the bundled example, which production refuses as such). */
  public static synchronized java.nio.file.Path publishedPolicy() {
    try {
      java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "liveroom-test-policies.json");
      try (java.io.InputStream in = ProductionConfig.class.getResourceAsStream("/privacy/policies.json")) {
        java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Real (http) providers pointed at addresses nothing answers: boot never calls them. */
  public static void realProviders(JsonObject json) {
    JsonObject accounts = json.getJsonObject("accounts");
    accounts.getJsonObject("sms").put("sender", "http").put("httpUrl", "http://127.0.0.1:9/sms")
      .put("httpSecret", "sms-gateway-secret-for-tests");
    accounts.getJsonObject("identity").put("provider", "http").put("httpUrl", "http://127.0.0.1:9/ekyc")
      .put("httpSecret", "ekyc-secret-for-tests-0123");
    json.getJsonObject("ai").put("provider", "openai").getJsonObject("openai")
      .put("baseUrls", new JsonArray().add("http://127.0.0.1:9/v1")).put("models", new JsonArray().add("assistant"));
    json.getJsonObject("ai").getJsonObject("paint").put("provider", "openai").getJsonObject("openai")
      .put("baseUrls", new JsonArray().add("http://127.0.0.1:9/v1"));
  }

  private static String base64(String key32) {
    byte[] bytes = key32.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length != 32) {
      throw new IllegalArgumentException("test keys are 32 bytes");
    }
    return Base64.getEncoder().encodeToString(bytes);
  }
}
