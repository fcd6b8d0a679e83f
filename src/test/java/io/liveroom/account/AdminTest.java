package io.liveroom.account;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Admins are bootstrapped from config, and their actions are audited")
class AdminTest {
  @Test
  @DisplayName("An existing account whose phone is listed in accounts.adminPhones becomes admin at boot; it grants moderator")
  void bootstrapAndGrant() {
    TestInfra.get().reset();
    String phone = TestUsers.newPhone();
    Node plain = TestNodes.start();
    TestUsers.TestUser future;
    TestUsers.TestUser member;
    try {
      TestHttp http = new TestHttp(plain.httpPort());
      future = TestUsers.register(http, phone, "boss");
      member = TestUsers.register(http);
      assertThat(http.get("/api/v1/me", future.accessToken()).json().getString("role")).isEqualTo("user");
    } finally {
      TestNodes.stop(plain);
    }

    Node node = TestNodes.start(json -> json.getJsonObject("accounts").put("adminPhones", new JsonArray().add(phone)));
    try {
      TestHttp http = new TestHttp(node.httpPort());
      JsonObject login = http.post("/api/v1/auth/login", new JsonObject().put("phone", phone)
        .put("password", TestUsers.PASSWORD)).json();
      assertThat(login.getJsonObject("user").getString("role")).isEqualTo("admin");
      assertThat(AuditRows.count("admin.bootstrap", future.id())).isEqualTo(1);

      String admin = login.getString("accessToken");
      assertThat(http.post("/api/v1/admin/users/" + member.id() + "/role", new JsonObject().put("role", "moderator"),
        admin).status()).isEqualTo(204);
      assertThat(AuditRows.count("admin.set_role", member.id())).isEqualTo(1);
      // A role change ends the user's sessions: the next login carries the new role.
      assertThat(http.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", member.refreshToken()))
        .json().getString("code")).isEqualTo("refresh_token_invalid");
      JsonObject relogin = http.post("/api/v1/auth/login", new JsonObject().put("phone", member.phone())
        .put("password", member.password())).json();
      assertThat(relogin.getJsonObject("user").getString("role")).isEqualTo("moderator");
      assertThat(node.accessTokens().verify(relogin.getString("accessToken")).toCompletionStage()
        .toCompletableFuture().join().role()).isEqualTo(Role.MODERATOR);

      TestHttp.Response bad = http.post("/api/v1/admin/users/" + member.id() + "/role",
        new JsonObject().put("role", "root"), admin);
      assertThat(bad.status()).isEqualTo(400);
      assertThat(http.post("/api/v1/admin/users/424242/role", new JsonObject().put("role", "user"), admin).status())
        .isEqualTo(404);
    } finally {
      TestNodes.stop(node);
    }
  }
}
