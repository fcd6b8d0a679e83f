package io.liveroom.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.liveroom.support.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A real OpenID provider for tests: {@code tools/oidc/provider.mjs} (the certified oidc-provider
 * package) in a Node process on a free port, with RSA keys and clients made here. ID tokens are
 * obtained the way an app obtains them, through the provider's authorization-code flow with PKCE;
 * tokens the provider would never mint (expired, for another issuer, signed by a stranger) are
 * signed here with Nimbus, with the provider's own key or a stranger's.
 */
public final class TestOpenIdProvider implements AutoCloseable {
  static final String WEB_CLIENT = "liveroom-web";
  static final String WEB_SECRET = "web-secret-for-tests";
  static final String APP_CLIENT = "liveroom-app";
  static final String OTHER_CLIENT = "other-app";
  static final String APP_REDIRECT = "https://app.example.test/cb";

  final RSAKey key;
  final RSAKey rotatedKey;
  private final int port;
  private final Process process;
  private final Path log;
  private final HttpClient plain = newBrowser();

  /** Starts the provider; {@code webRedirectUri} is the node's callback, registered for the web client. */
  public TestOpenIdProvider(int port, String webRedirectUri) {
    this.port = port;
    try {
      key = rsa("k1");
      rotatedKey = rsa("k2");
      Path setup = Files.createTempFile("oidc-setup", ".json");
      Files.writeString(setup, new JsonObject()
        .put("keys", new JsonArray().add(new JsonObject(key.toJSONObject())))
        .put("rotatedKeys", new JsonArray().add(new JsonObject(rotatedKey.toJSONObject()))
          .add(new JsonObject(key.toJSONObject())))
        .put("clients", new JsonArray()
          .add(new JsonObject().put("client_id", WEB_CLIENT).put("client_secret", WEB_SECRET)
            .put("redirect_uris", new JsonArray().add(webRedirectUri)))
          .add(publicClient(APP_CLIENT)).add(publicClient(OTHER_CLIENT)))
        .encode());
      log = Files.createTempFile("oidc-provider", ".log");
      ProcessBuilder pb = new ProcessBuilder("node", "provider.mjs").directory(Path.of("tools/oidc").toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(Map.of("PORT", Integer.toString(port), "ISSUER", issuer(), "SETUP", setup.toString()));
      process = pb.start();
      // Also ended with the JVM, should a test class never reach its @AfterAll.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "oidc-provider-teardown"));
      awaitReady();
    } catch (IOException | JOSEException e) {
      throw new IllegalStateException("could not start the test OpenID provider", e);
    }
  }

  private static JsonObject publicClient(String id) {
    return new JsonObject().put("client_id", id).put("token_endpoint_auth_method", "none")
      .put("redirect_uris", new JsonArray().add(APP_REDIRECT));
  }

  private static RSAKey rsa(String kid) throws JOSEException {
    return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
  }

  public String issuer() {
    return "http://127.0.0.1:" + port;
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() throws IOException {
    boolean up = Await.within(30_000, 100, () -> {
      if (!process.isAlive()) {
        return true;
      }
      try {
        return get(issuer() + "/.well-known/openid-configuration").statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    });
    if (!up || !process.isAlive()) {
      throw new IllegalStateException("the test OpenID provider did not start: " + Files.readString(log));
    }
  }

  /**
   * An ID token for {@code subject}, issued to {@code clientId} with {@code nonce}: the app's
   * authorization-code flow with PKCE, signing in through the provider's interaction.
   */
  String idToken(String clientId, String subject, String nonce) {
    String verifier = random();
    String location = issuer() + "/auth?" + query(Map.of("client_id", clientId, "response_type", "code",
      "scope", "openid email profile", "redirect_uri", APP_REDIRECT, "nonce", nonce, "state", random(),
      "code_challenge", challenge(verifier), "code_challenge_method", "S256", "login_hint", subject));
    String done = followUntil(newBrowser(), location, APP_REDIRECT);
    String code = queryParam(done, "code");
    JsonObject tokens = new JsonObject(post(issuer() + "/token", query(Map.of("grant_type", "authorization_code",
      "code", code, "redirect_uri", APP_REDIRECT, "client_id", clientId, "code_verifier", verifier))));
    return tokens.getString("id_token");
  }

  /** Follows redirects as a browser would (cookies kept) until one leads to {@code prefix}; returns that URL. */
  String followUntil(HttpClient browser, String url, String prefix) {
    String next = url;
    for (int hops = 0; hops < 10; hops++) {
      if (next.startsWith(prefix)) {
        return next;
      }
      try {
        HttpResponse<String> r = get(browser, next);
        String location = r.headers().firstValue("Location").orElseThrow(() ->
          new AssertionError("no redirect from " + r.uri() + ": " + r.statusCode() + " " + r.body()));
        next = location.startsWith("/") ? issuer() + location : location;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new AssertionError("too many redirects before " + prefix);
  }

  /** Switches the provider to the rotated key set (signs with {@code k2}, still publishes {@code k1}). */
  void rotate() {
    post(issuer() + "/test/rotate", "");
  }

  /** How often the provider's JWKS was fetched. */
  int jwksFetches() {
    try {
      return new JsonObject(get(issuer() + "/test/stats").body()).getInteger("jwksFetches");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A token the provider would never mint: {@code claims} signed here with {@code with} under its kid. */
  static String sign(JWTClaimsSet claims, RSAKey with) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A browser of its own: no redirects followed, cookies kept. */
  static HttpClient newBrowser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private HttpResponse<String> get(String url) throws IOException {
    return get(plain, url);
  }

  private static HttpResponse<String> get(HttpClient browser, String url) throws IOException {
    try {
      return browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private String post(String url, String form) {
    try {
      HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new AssertionError("POST " + url + ": " + r.statusCode() + " " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String queryParam(String url, String name) {
    Map<String, String> out = new HashMap<>();
    String q = URI.create(url).getRawQuery();
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out.get(name);
  }

  static String query(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    params.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=')
      .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return out.toString();
  }

  public static String random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String challenge(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
