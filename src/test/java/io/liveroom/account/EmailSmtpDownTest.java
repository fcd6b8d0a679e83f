package io.liveroom.account;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("With the SMTP relay down, an email change is 503 email_unavailable and can be asked again at once")
class EmailSmtpDownTest {
  /** A port nothing listens on: bound once to find it free, then closed. */
  private static final int CLOSED_PORT = closedPort();
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(json -> json.getJsonObject("accounts").getJsonObject("email")
    .put("sender", "smtp").put("from", "no-reply@liveroom.test").getJsonObject("smtp").put("host", "127.0.0.1")
    .put("port", CLOSED_PORT).put("tls", "none").put("timeoutMs", 2000)).build();
  private static final TestHttp http = node.http();

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("Refused by the relay: 503 email_unavailable, no code left pending, and a retry is not rate limited")
  void relayDown() {
    TestUsers.TestUser u = TestUsers.register(http);
    JsonObject body = new JsonObject().put("email", "down@example.com").put("currentPassword", u.password());
    for (int attempt = 1; attempt <= 2; attempt++) {
      TestHttp.Response r = http.post("/api/v1/me/email", body, u.accessToken());
      assertThat(r.status()).as("attempt %d: %s", attempt, r).isEqualTo(503);
      assertThat(r.json().getString("code")).isEqualTo("email_unavailable");
    }
    TestHttp.Response verify = http.post("/api/v1/me/email/verification", new JsonObject().put("code", "123456"),
      u.accessToken());
    assertThat(verify.json().getString("code")).as("nothing is pending").isEqualTo("code_invalid");
  }
}
