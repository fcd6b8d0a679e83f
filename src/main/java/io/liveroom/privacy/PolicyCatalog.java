package io.liveroom.privacy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The published privacy-policy versions ({@code privacy.policy.file}, or the bundled
 * {@code privacy/policies.json}) and the body {@code GET /api/v1/policy} serves for the current
 * one ({@code accounts.policyVersion}): version, effective date, URL and/or text, and the changes
 * since the previous version. Read once at boot, like the rest of the configuration; a current
 * version the file does not describe stops the boot, since registration would then demand a
 * version nobody can read. The body and its strong ETag (a hash of the body) are computed once.
 */
final class PolicyCatalog {
  static final String BUNDLED = "privacy/policies.json";

  private final Buffer body;
  private final String etag;

  private PolicyCatalog(JsonObject current) {
    this.body = Buffer.buffer(current.encode());
    this.etag = "\"" + sha256(body) + "\"";
  }

  /** The catalogue from {@code file} (empty: the bundled one), for the {@code current} version. */
  static PolicyCatalog load(String file, String current) {
    JsonObject doc = new JsonObject(file.isEmpty() ? bundled() : read(Path.of(file)));
    JsonArray versions = doc.getJsonArray("versions", new JsonArray());
    String where = file.isEmpty() ? BUNDLED : file;
    for (int i = 0; i < versions.size(); i++) {
      JsonObject v = versions.getJsonObject(i);
      if (current.equals(v.getString("version"))) {
        String previous = i == 0 ? null : versions.getJsonObject(i - 1).getString("version");
        return new PolicyCatalog(describe(v, previous, where));
      }
    }
    throw new IllegalStateException("accounts.policyVersion " + current + " is not described in " + where
      + " (privacy.policy.file, LIVEROOM_PRIVACY_POLICY_FILE)");
  }

  Buffer body() {
    return body;
  }

  String etag() {
    return etag;
  }

  private static JsonObject describe(JsonObject v, String previous, String where) {
    String version = v.getString("version");
    String url = v.getString("url");
    String text = v.getString("text");
    JsonArray changes = v.getJsonArray("changes", new JsonArray());
    if ((url == null || url.isBlank()) && (text == null || text.isBlank())) {
      throw new IllegalStateException("Policy " + version + " in " + where + " needs a url or a text");
    }
    try {
      LocalDate.parse(v.getString("effectiveDate", ""));
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("Policy " + version + " in " + where + " needs effectiveDate as YYYY-MM-DD", e);
    }
    return new JsonObject().put("version", version).put("effectiveDate", v.getString("effectiveDate"))
      .put("url", url).put("text", text).put("previousVersion", previous).put("changes", changes);
  }

  private static String bundled() {
    try (InputStream in = PolicyCatalog.class.getClassLoader().getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read privacy.policy.file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(Buffer b) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.getBytes());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
