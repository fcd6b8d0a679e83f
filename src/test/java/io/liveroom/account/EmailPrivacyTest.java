package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.PrivacyRequests;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The verified email and a pending email change are exported, erased with the account, and expire")
class EmailPrivacyTest {
  private static final MutableClock clock = MutableClock.now();
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().clock(clock).config(json -> json.getJsonObject("accounts")
    .getJsonObject("email").put("sender", "dev-outbox").put("resendSeconds", 0)).build();
  private static final TestHttp http = node.http();

  private static String address(String tag) {
    return tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  private static void ask(TestUsers.TestUser u, String address) {
    TestHttp.Response r = http.post("/api/v1/me/email", new JsonObject().put("email", address)
      .put("currentPassword", u.password()), u.accessToken());
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
  }

  private static void verify(TestUsers.TestUser u, String address) {
    TestHttp.Response r = http.post("/api/v1/me/email/verification", new JsonObject()
      .put("code", EmailOutbox.outboxCode(http, address)), u.accessToken());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  @Test
  @DisplayName("Export shows the verified email and the pending change; erasure clears both; expired changes are purged")
  void exportEraseRetention() throws Exception {
    TestUsers.TestUser leaver = TestUsers.register(http);
    String verified = address("verified");
    ask(leaver, verified);
    verify(leaver, verified);
    String pending = address("pending");
    ask(leaver, pending);

    TestHttp.Response file = PrivacyRequests.exportFile(http, leaver);
    assertThat(file.body()).as("the code's hash is never exported").doesNotContain("code_hash", "codeHash");
    JsonObject categories = file.json().getJsonObject("categories");
    assertThat(categories.getJsonObject("contact").getString("email")).isEqualTo(verified);
    assertThat(categories.getJsonObject("contact").getString("emailVerifiedAt")).isNotBlank();
    assertThat(categories.getJsonObject("emailVerification").getString("email")).isEqualTo(pending);
    assertThat(categories.getJsonObject("emailVerification").getString("expiresAt")).isNotBlank();

    TestUsers.TestUser stayer = TestUsers.register(http);
    ask(stayer, address("abandoned"));
    assertThat(count("SELECT count(*) FROM email_verifications WHERE user_id = ?", stayer.id())).isEqualTo(1);

    PrivacyRequests.cancel(http, leaver);
    clock.advance(Duration.ofDays(31));
    JsonObject run = PrivacyRequests.housekeeping(node.get());
    assertThat(run.getInteger("erased")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM users WHERE id = ? AND email IS NULL AND email_verified_at IS NULL",
      leaver.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM email_verifications WHERE user_id = ?", leaver.id())).isZero();
    assertThat(count("SELECT count(*) FROM email_verifications WHERE user_id = ?", stayer.id()))
      .as("a change that expired a day ago is purged by retention").isZero();
  }

  private static long count(String sql, long id) throws SQLException {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, id);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
