package io.liveroom.account;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.liveroom.support.LiveNode;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("No plaintext password, phone, code, ID number or real name in the database, Redis or the logs")
class PersonalDataAtRestTest {
  private static final String PASSWORD = "my secret passphrase 42";
  private static final String NAME = "欧阳娜娜";
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().beforeStart(PersonalDataAtRestTest::captureLogs).build();
  private static final TestHttp http = node.http();
  private static ListAppender<ILoggingEvent> logs;
  private static Level previousLevel;
  private static final List<String> secrets = new ArrayList<>();

  private static void captureLogs() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    logs = new ListAppender<>();
    logs.setContext(ctx);
    logs.start();
    ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
    Logger app = ctx.getLogger("io.liveroom");
    previousLevel = app.getLevel();
    app.setLevel(Level.DEBUG);
    ctx.getLogger("liveroom.access").setLevel(Level.INFO);
  }

  @AfterAll
  static void shutdown() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
    ctx.getLogger("io.liveroom").setLevel(previousLevel);
    ctx.getLogger("liveroom.access").setLevel(Level.WARN);
  }

  @Test
  @DisplayName("After registering, failing and succeeding at login, verifying, and changing phone, no secret is stored or logged")
  void nothingInClear() throws Exception {
    String phone = TestUsers.newPhone();
    String code = TestUsers.requestCode(http, phone, "register");
    secrets.add(code);
    TestHttp.Response reg = http.post("/api/v1/auth/register", new JsonObject().put("phone", phone).put("code", code)
      .put("password", PASSWORD).put("nickname", "nana").put("policyVersion", TestUsers.policyVersion()));
    assertThat(reg.status()).isEqualTo(201);
    String access = reg.json().getString("accessToken");
    secrets.add(reg.json().getString("refreshToken"));
    secrets.add(access);
    http.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("password", "wrong " + PASSWORD));
    String loginCode = TestUsers.requestCode(http, phone, "login");
    secrets.add(loginCode);
    http.post("/api/v1/auth/login", new JsonObject().put("phone", phone).put("code", loginCode));
    String idNumber = IdentityTest.idNumber(LocalDate.of(1988, 8, 8), 456);
    assertThat(http.post("/api/v1/me/identity", new JsonObject().put("realName", NAME).put("idNumber", idNumber),
      access).status()).isEqualTo(200);
    String newPhone = TestUsers.newPhone();
    String changeCode = TestUsers.requestCode(http, newPhone, "change_phone");
    secrets.add(changeCode);
    String confirmCode = TestUsers.requestCode(http, phone, "confirm_phone_change");
    secrets.add(confirmCode);
    assertThat(http.post("/api/v1/me/phone", new JsonObject().put("phone", newPhone).put("code", changeCode)
      .put("currentPhoneCode", confirmCode), access).status()).isEqualTo(204);
    assertThat(http.get("/api/v1/me", access).json().getString("phone")).endsWith(newPhone.substring(newPhone.length() - 4))
      .contains("*");

    List<String> plain = List.of(PASSWORD, phone, phone.substring(3), newPhone, newPhone.substring(3), idNumber, NAME);
    String db = dumpDatabase();
    assertThat(db).contains("nana");
    for (String s : plain) {
      assertThat(db).doesNotContain(s).doesNotContain(hex(s));
    }
    for (String c : List.of(code, loginCode, changeCode, confirmCode)) {
      assertThat(db).doesNotContain("\"" + c + "\"").doesNotContain(":" + c + ",").doesNotContain(":" + c + "}");
    }
    String redis = RedisProbe.command(TestInfra.get().redisUrl(), "EVAL", """
      local out = {}
      for _, k in ipairs(redis.call('KEYS', '*')) do
        table.insert(out, k)
        local t = redis.call('TYPE', k).ok
        if t == 'string' then table.insert(out, redis.call('GET', k))
        elseif t == 'hash' then for _, v in ipairs(redis.call('HGETALL', k)) do table.insert(out, v) end end
      end
      return table.concat(out, ' ')""", "0");
    assertThat(redis).contains("acct:");
    for (String s : plain) {
      assertThat(redis).doesNotContain(s);
    }
    for (String c : List.of(code, loginCode, changeCode, confirmCode)) {
      assertThat(redis).doesNotContain(" " + c + " ");
    }

    StringBuilder logged = new StringBuilder();
    for (ILoggingEvent e : logs.list) {
      logged.append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        logged.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    assertThat(logged.toString()).as("the capture works").contains("registered").contains("/api/v1/auth/login");
    List<String> all = new ArrayList<>(plain);
    all.addAll(secrets);
    for (String s : all) {
      assertThat(logged.toString()).doesNotContain(s);
    }
  }

  private static String dumpDatabase() throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet rs = st.executeQuery("SELECT row_to_json(x)::text FROM \"" + t + "\" x")) {
          while (rs.next()) {
            out.append(rs.getString(1)).append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  private static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
  }
}
