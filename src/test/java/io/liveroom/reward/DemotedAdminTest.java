package io.liveroom.reward;

import io.liveroom.auth.Role;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A demoted admin cannot credit coins with the access token they still hold")
class DemotedAdminTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();

  private static void setRole(long userId, Role role) {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement("UPDATE users SET role = ? WHERE id = ?")) {
      st.setString(1, role.wire());
      st.setLong(2, userId);
      assertThat(st.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TestHttp.Response credit(String adminToken, long userId) {
    return http.post("/api/v1/admin/wallets/" + userId + "/credit", new JsonObject().put("coins", 100)
      .put("reason", "support").put("requestId", UUID.randomUUID().toString()), adminToken);
  }

  @Test
  @DisplayName("The role is read from the database: once demoted there, the old admin token's credit is 403")
  void roleReadFromDatabase() {
    long admin = RewardFixtures.admin();
    String token = RewardFixtures.token(node.get(), admin, Role.ADMIN);
    long user = RewardFixtures.adult("credited-user");
    assertThat(credit(token, user).status()).isEqualTo(200);

    setRole(admin, Role.USER);
    TestHttp.Response refused = credit(token, user);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.json().getString("code")).isEqualTo("forbidden");
    assertThat(http.get("/api/v1/admin/ledger/check", token).status()).isEqualTo(403);
  }

  @Test
  @DisplayName("Demoted through the admin API, the admin's sessions end: the old token is refused at once")
  void demotionRevokesSessions() {
    TestUsers.TestUser demoted = TestUsers.register(http);
    setRole(demoted.id(), Role.ADMIN);
    String oldToken = http.post("/api/v1/auth/login", new JsonObject().put("phone", demoted.phone())
      .put("password", demoted.password())).json().getString("accessToken");
    long user = RewardFixtures.adult("another-user");
    assertThat(credit(oldToken, user).status()).isEqualTo(200);

    long boss = RewardFixtures.admin();
    assertThat(http.post("/api/v1/admin/users/" + demoted.id() + "/role", new JsonObject().put("role", "user"),
      RewardFixtures.token(node.get(), boss, Role.ADMIN)).status()).isEqualTo(204);

    TestHttp.Response refused = credit(oldToken, user);
    assertThat(refused.status()).as(refused.toString()).isIn(401, 403);
    assertThat(http.get("/api/v1/me", oldToken).json().getString("code")).isEqualTo("session_revoked");
  }
}
