package io.liveroom.push;

import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the push tests do through the API (register, list, delete devices; log in again) and the keys they generate. */
final class PushFixtures {
  private final TestHttp http;

  PushFixtures(TestHttp http) {
    this.http = http;
  }

  TestUser user() {
    return TestUsers.register(http);
  }

  /** A second login session of the same user: its access token. */
  String loginAgain(TestUser u) {
    TestHttp.Response r = http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone())
      .put("password", u.password()));
    assertThat(r.status()).as("login: %s", r).isEqualTo(200);
    return r.json().getString("accessToken");
  }

  JsonObject register(String accessToken, String platform, String provider, String token) {
    TestHttp.Response r = http.put("/api/v1/me/devices", new JsonObject().put("platform", platform)
      .put("provider", provider).put("token", token).put("appId", "io.liveroom.app"), accessToken);
    assertThat(r.status()).as("register device: %s", r).isEqualTo(200);
    return r.json();
  }

  JsonArray devices(String accessToken) {
    TestHttp.Response r = http.get("/api/v1/me/devices", accessToken);
    assertThat(r.status()).as("list devices: %s", r).isEqualTo(200);
    return r.json().getJsonArray("devices");
  }

  TestHttp.Response delete(String accessToken, String tokenOrId) {
    return http.send("DELETE", "/api/v1/me/devices/" + URLEncoder.encode(tokenOrId, StandardCharsets.UTF_8)
      .replace("+", "%20"), null, Map.of("Authorization", "Bearer " + accessToken));
  }

  static KeyPair keyPair(String algorithm) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if ("EC".equals(algorithm)) {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        g.initialize(2048);
      }
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException | java.security.InvalidAlgorithmParameterException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A private key as PKCS#8 PEM, the form of Google's service-account files and Apple's .p8 keys. */
  static String pem(KeyPair pair) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
      .encodeToString(pair.getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  static Path write(String prefix, String suffix, String content) {
    try {
      Path file = Files.createTempFile(prefix, suffix);
      file.toFile().deleteOnExit();
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
