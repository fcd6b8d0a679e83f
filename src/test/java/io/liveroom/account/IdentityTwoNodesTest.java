package io.liveroom.account;

import io.liveroom.Node;
import io.liveroom.config.AccountsConfig;
import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigException;
import io.liveroom.support.ProductionConfig;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes on one PostgreSQL and one Redis, as behind a load balancer. With the keys configured
 * once for both (production), what node A encrypts node B reads, and the blind index refuses an ID
 * number on B that verified an account through A. With keys generated per node (each its own
 * data.dir, the dev default), B can read nothing A wrote and one ID number verifies two accounts:
 * which is why production mode refuses generated keys.
 */
@DisplayName("Two nodes share personal-data keys: identities verified on one are read and enforced on the other")
class IdentityTwoNodesTest {
  private static final String NAME = "张三丰";

  private static TestHttp.Response verify(TestHttp http, String token, String number) {
    return http.post("/api/v1/me/identity", new JsonObject().put("realName", NAME).put("idNumber", number), token);
  }

  /** The stored identity of a user, decrypted with the keys {@code crypto} holds. */
  private static String storedNumber(long userId, AccountsConfig.Crypto crypto) throws Exception {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement(
           "SELECT key_id, number_enc FROM user_identities WHERE user_id = ?")) {
      st.setLong(1, userId);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).as("identity row of user %d", userId).isTrue();
        return new FieldCrypto(crypto).decrypt(rs.getString(1), rs.getBytes(2), userId);
      }
    }
  }

  @Test
  @DisplayName("Production nodes with the same configured keys: B reads A's identity and refuses the same ID number")
  void sharedKeys() throws Exception {
    TestInfra.get().reset();
    Node a = TestNodes.start(json -> ProductionConfig.apply(json, "sms", "identity", "ai", "ai-paint"));
    Node b = TestNodes.start(json -> ProductionConfig.apply(json, "sms", "identity", "ai", "ai-paint"));
    try {
      assertThat(a.config().production()).isTrue();
      TestHttp httpA = new TestHttp(a.httpPort());
      TestHttp httpB = new TestHttp(b.httpPort());
      String number = IdentityTest.idNumber(LocalDate.of(1990, 5, 17), 321);
      TestUsers.TestUser first = TestUsers.register(httpA);
      assertThat(verify(httpA, first.accessToken(), number).status()).isEqualTo(200);

      TestHttp.Response me = httpB.get("/api/v1/me", first.accessToken());
      assertThat(me.status()).as(me.toString()).isEqualTo(200);
      assertThat(me.json().getString("phone")).as("phone written on A, decrypted on B")
        .endsWith(first.phone().substring(first.phone().length() - 4));
      assertThat(me.json().getBoolean("identityVerified")).isTrue();
      assertThat(storedNumber(first.id(), b.config().accounts().crypto()))
        .as("A's identity row under node B's keys").isEqualTo(number);

      TestUsers.TestUser second = TestUsers.register(httpB);
      TestHttp.Response dup = verify(httpB, second.accessToken(), number);
      assertThat(dup.status()).isEqualTo(409);
      assertThat(dup.json().getString("code")).isEqualTo("identity_already_used");
    } finally {
      TestNodes.stop(a);
      TestNodes.stop(b);
    }
  }

  @Test
  @DisplayName("Generated keys per node: B cannot decrypt and one number verifies twice, so production refuses them")
  void generatedKeysBreakAndAreRefused(@TempDir Path dirA, @TempDir Path dirB) throws Exception {
    TestInfra.get().reset();
    Node a = TestNodes.start(json -> json.getJsonObject("data").put("dir", dirA.toString()));
    Node b = TestNodes.start(json -> json.getJsonObject("data").put("dir", dirB.toString()));
    try {
      TestHttp httpA = new TestHttp(a.httpPort());
      TestHttp httpB = new TestHttp(b.httpPort());
      String number = IdentityTest.idNumber(LocalDate.of(1991, 6, 18), 654);
      TestUsers.TestUser first = TestUsers.register(httpA);
      assertThat(verify(httpA, first.accessToken(), number).status()).isEqualTo(200);

      assertThat(httpB.get("/api/v1/me", first.accessToken()).status()).as("B cannot decrypt A's phone").isEqualTo(500);
      AccountsConfig.Crypto keysOfB = AccountKeys.resolve(b.vertx(), b.config().accounts().crypto(), dirB.toString())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThatThrownBy(() -> storedNumber(first.id(), keysOfB)).hasMessageContaining("decryption failed");

      TestUsers.TestUser second = TestUsers.register(httpB);
      assertThat(verify(httpB, second.accessToken(), number).status())
        .as("B's blind index differs, so the same ID number verifies a second account").isEqualTo(200);
    } finally {
      TestNodes.stop(a);
      TestNodes.stop(b);
    }
    JsonObject production = TestNodes.baseConfig();
    ProductionConfig.apply(production, "sms", "identity", "ai");
    production.getJsonObject("accounts").put("crypto", new JsonObject().put("keys", new JsonArray())
      .put("activeKeyId", "").put("indexKey", ""));
    assertThatThrownBy(() -> AppConfig.from(production)).isInstanceOf(ConfigException.class)
      .hasMessageContaining("accounts.crypto.keys (env LIVEROOM_ACCOUNTS_CRYPTO_KEYS)");
  }
}
