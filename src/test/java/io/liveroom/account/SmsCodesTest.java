package io.liveroom.account;

import io.liveroom.Node;
import io.liveroom.support.MutableClock;
import io.liveroom.support.NodesPerTest;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("SMS codes expire, are single use, die after 5 wrong tries, and sending is rate limited")
class SmsCodesTest {
  private final MutableClock clock = MutableClock.now();
  @RegisterExtension
  final NodesPerTest nodes = new NodesPerTest();
  private Node node;
  private TestHttp http;

  private void boot(int resendSeconds, int perDay, int perIp, int perPrefix) {
    node = nodes.start(clock, json -> json.getJsonObject("accounts").getJsonObject("sms")
      .put("resendSeconds", resendSeconds).put("perNumberPerDay", perDay)
      .put("perIpPerHour", perIp).put("perPrefixPerHour", perPrefix));
    http = new TestHttp(node.httpPort());
  }

  private TestHttp.Response register(String phone, String code) {
    return http.post("/api/v1/auth/register", new JsonObject().put("phone", phone).put("code", code)
      .put("password", TestUsers.PASSWORD).put("nickname", "n").put("policyVersion", TestUsers.policyVersion()));
  }

  private TestHttp.Response send(String phone) {
    return http.post("/api/v1/auth/sms-codes", new JsonObject().put("phone", phone).put("purpose", "register"));
  }

  private static String wrong(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  @Test
  @DisplayName("A code is 6 digits, and is refused once the 10-minute validity has passed")
  void codeExpires() {
    boot(60, 10, 100, 100);
    String phone = TestUsers.newPhone();
    String code = TestUsers.requestCode(http, phone, "register");
    assertThat(code).matches("[0-9]{6}");
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    TestHttp.Response r = register(phone, code);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("code")).isEqualTo("code_expired");
  }

  @Test
  @DisplayName("A code is accepted just before it expires, and only once")
  void codeSingleUse() {
    boot(60, 10, 100, 100);
    String phone = TestUsers.newPhone();
    String code = TestUsers.requestCode(http, phone, "register");
    clock.advance(Duration.ofMinutes(9));
    assertThat(register(phone, code).status()).isEqualTo(201);
    TestHttp.Response again = http.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("code", code));
    assertThat(again.json().getString("code")).as("bound to its purpose").isEqualTo("code_invalid");
    TestHttp.Response replay = register(phone, code);
    assertThat(replay.status()).isEqualTo(400);
    assertThat(replay.json().getString("code")).isEqualTo("code_invalid");
  }

  @Test
  @DisplayName("After 5 wrong tries even the right code is refused")
  void fiveTries() {
    boot(60, 10, 100, 100);
    String phone = TestUsers.newPhone();
    String code = TestUsers.requestCode(http, phone, "register");
    for (int i = 0; i < 5; i++) {
      TestHttp.Response r = register(phone, wrong(code));
      assertThat(r.json().getString("code")).isEqualTo("code_invalid");
    }
    TestHttp.Response r = register(phone, code);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("code")).isEqualTo("code_attempts_exceeded");
  }

  @Test
  @DisplayName("Four wrong tries still leave the right code usable")
  void fourTriesThenRight() {
    boot(60, 10, 100, 100);
    String phone = TestUsers.newPhone();
    String code = TestUsers.requestCode(http, phone, "register");
    for (int i = 0; i < 4; i++) {
      register(phone, wrong(code));
    }
    assertThat(register(phone, code).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("A second code within 60 s for the same number is a 429 with Retry-After")
  void cooldown() {
    boot(60, 10, 100, 100);
    String phone = TestUsers.newPhone();
    assertThat(send(phone).status()).isEqualTo(202);
    TestHttp.Response r = send(phone);
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().getString("code")).isEqualTo("sms_rate_limited");
    assertThat(r.json().getString("limit")).isEqualTo("cooldown");
    assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 60);
    assertThat(send(TestUsers.newPhone()).status()).as("other numbers are not affected").isEqualTo(202);
  }

  @Test
  @DisplayName("The daily cap per number is enforced")
  void dailyCap() {
    boot(0, 3, 100, 100);
    String phone = TestUsers.newPhone();
    for (int i = 0; i < 3; i++) {
      assertThat(send(phone).status()).isEqualTo(202);
    }
    TestHttp.Response r = send(phone);
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().getString("limit")).isEqualTo("daily");
    assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(86_000, 86_400);
  }

  @Test
  @DisplayName("The per-IP cap stops one client from requesting codes for many numbers")
  void perIpCap() {
    boot(60, 10, 3, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(send(TestUsers.newPhone()).status()).isEqualTo(202);
    }
    TestHttp.Response r = send(TestUsers.newPhone());
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().getString("limit")).isEqualTo("ip");
    assertThat(r.header("Retry-After")).isNotNull();
  }

  @Test
  @DisplayName("The per-prefix cap stops pumping through consecutive numbers of one range")
  void perPrefixCap() {
    boot(60, 10, 100, 2);
    String range = "+86139" + "1234";
    assertThat(send(range + "0001").status()).isEqualTo(202);
    assertThat(send(range + "0002").status()).isEqualTo(202);
    TestHttp.Response r = send(range + "0003");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().getString("limit")).isEqualTo("prefix");
    assertThat(send("+86139" + "5678" + "0003").status()).as("another range").isEqualTo(202);
  }

  @Test
  @DisplayName("A refused request does not use up the number's daily allowance")
  void refusalsAreNotCounted() {
    boot(60, 2, 100, 100);
    String phone = TestUsers.newPhone();
    assertThat(send(phone).status()).isEqualTo(202);
    for (int i = 0; i < 5; i++) {
      assertThat(send(phone).json().getString("limit")).isEqualTo("cooldown");
    }
    String dayKeyCount = io.liveroom.support.RedisProbe.command(TestInfra.get().redisUrl(), "EVAL",
      "local n = 0 for _, k in ipairs(redis.call('KEYS', 'acct:sms:day:*')) do n = n + tonumber(redis.call('GET', k)) end return n", "0");
    assertThat(dayKeyCount).isEqualTo("1");
  }

  @Test
  @DisplayName("Invalid phone numbers and purposes are 400 with field errors")
  void invalidInput() {
    boot(60, 10, 100, 100);
    TestHttp.Response r = http.post("/api/v1/auth/sms-codes", new JsonObject().put("phone", "12345").put("purpose", "spam"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.json().getJsonArray("errors").encode()).contains("\"field\":\"phone\"").contains("\"field\":\"purpose\"");
  }

  @Test
  @DisplayName("A local number is normalized to E.164 in the default region")
  void normalization() {
    boot(60, 10, 100, 100);
    assertThat(send("138 0013 8000").status()).isEqualTo(202);
    assertThat(TestUsers.latestCode(http, "+8613800138000", "register")).matches("[0-9]{6}");
  }
}
