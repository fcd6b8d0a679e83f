package io.liveroom.loadtest;

import io.liveroom.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The public HTTP API, as an app calls it: users are made through SMS codes read from the
 * <em>dev outbox</em> (a stand-in sender, absent in production), identity-verified with a
 * checksum-valid test ID number (the {@code local} provider checks the checksum only), then rooms
 * and AI conversations are created with their tokens. Also scrapes the node's {@code /metrics}.
 */
public final class Api {
  private static final String PASSWORD = "load test password 0123";
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  /** A user made by the load test: id and access token. */
  public record User(long id, String token) {
  }

  private final WebClient http;
  private final String policyVersion = ConfigLoader.readDefaults().getJsonObject("accounts").getString("policyVersion");

  public Api(Vertx vertx, String host, int port) {
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost(host).setDefaultPort(port)
      .setConnectTimeout(10_000), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(16));
  }

  public Future<User> register() {
    return register(5);
  }

  /**
   * Registers with a random phone number, and another one if it is taken: after a few thousand
   * users (earlier runs' users stay) two random numbers out of 10^8 collide now and then.
   */
  private Future<User> register(int attempts) {
    String phone = "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    return registerWith(phone).recover(e -> attempts > 1 && String.valueOf(e.getMessage()).contains("phone_taken")
      ? register(attempts - 1) : Future.failedFuture(e));
  }

  private Future<User> registerWith(String phone) {
    return post("/api/v1/auth/sms-codes", null, new JsonObject().put("phone", phone).put("purpose", "register"), 202)
      .compose(v -> http.get("/api/v1/dev/sms-outbox").addQueryParam("phone", phone).send())
      .compose(r -> expect(r, 200, "dev SMS outbox (is the server using the dev-outbox sender?)"))
      .compose(box -> post("/api/v1/auth/register", null, new JsonObject().put("phone", phone)
        .put("code", code(box.getJsonArray("messages"))).put("password", PASSWORD)
        .put("nickname", "lt" + ThreadLocalRandom.current().nextInt(1_000_000)).put("policyVersion", policyVersion), 201))
      .map(b -> new User(b.getJsonObject("user").getLong("id"), b.getString("accessToken")));
  }

  /** A registered and identity-verified (adult) user: verified users may chat and host. */
  public Future<User> verifiedUser() {
    return register().compose(u -> post("/api/v1/me/identity", u.token(),
      new JsonObject().put("realName", "张测试").put("idNumber", idNumber()), 200).map(u));
  }

  /** Creates a room hosted by {@code host} and takes it live; returns its id. */
  public Future<Long> liveRoom(User host, String title) {
    return post("/api/v1/rooms", host.token(), new JsonObject().put("title", title).put("category", "chat"), 201)
      .map(b -> b.getJsonObject("room", b).getLong("id"))
      .compose(id -> post("/api/v1/rooms/" + id + "/start", host.token(), new JsonObject(), 200).map(id));
  }

  public Future<Long> conversation(User user) {
    return post("/api/v1/ai/conversations", user.token(), new JsonObject().put("title", "load test"), 201)
      .map(b -> b.getLong("id"));
  }

  /** The node's Prometheus text, summed per metric name for the names asked. */
  public Future<JsonObject> metrics(String... names) {
    return http.get("/metrics").send().map(r -> PromText.sums(r.bodyAsString(), names));
  }

  public Future<JsonObject> post(String path, String token, JsonObject body, int status) {
    var req = http.post(path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return req.sendJsonObject(body).compose(r -> expect(r, status, "POST " + path));
  }

  public Future<JsonObject> get(String path, String token) {
    var req = http.get(path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return req.send().compose(r -> expect(r, 200, "GET " + path));
  }

  private static Future<JsonObject> expect(HttpResponse<Buffer> r, int status, String what) {
    if (r.statusCode() != status) {
      return Future.failedFuture(what + " answered " + r.statusCode() + ": " + r.bodyAsString());
    }
    Buffer b = r.body();
    return Future.succeededFuture(b == null || b.length() == 0 ? new JsonObject() : b.toJsonObject());
  }

  private static String code(JsonArray messages) {
    for (int i = 0; i < messages.size(); i++) {
      JsonObject m = messages.getJsonObject(i);
      if ("register".equals(m.getString("purpose"))) {
        return m.getString("code");
      }
    }
    throw new IllegalStateException("no register code in the dev outbox");
  }

  /**
   * A checksum-valid resident ID number (Beijing Dongcheng, an adult birth date in 1970-1999), random
   * over about 11 million numbers: the server refuses a number that already verified another account.
   */
  static String idNumber() {
    java.time.LocalDate birth = java.time.LocalDate.of(1970, 1, 1)
      .plusDays(ThreadLocalRandom.current().nextInt(365 * 30));
    String n = "110101" + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
      + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (n.charAt(i) - '0') * WEIGHTS[i];
    }
    return n + CHECK.charAt(sum % 11);
  }

  public void close() {
    http.close();
  }
}
