package io.liveroom.oidc;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.liveroom.oidc.OidcFixture.signIn;
import static io.liveroom.oidc.TestOpenIdProvider.APP_CLIENT;
import static io.liveroom.oidc.TestOpenIdProvider.random;
import static org.assertj.core.api.Assertions.assertThat;

/** Linking and unlinking provider identities, the phone an OIDC-only account needs, and its personal data. */
class OidcLinkingTest {
  static final TestOpenIdProvider OP = new TestOpenIdProvider(TestOpenIdProvider.freePort(), "http://127.0.0.1:1/cb");

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(OidcFixture.config(OP, 0, 0)).build();

  @AfterAll
  static void stopProvider() {
    OP.close();
  }

  private static TestHttp.Response link(String bearer, String subject) {
    String nonce = random();
    return node.http().post("/api/v1/me/oidc/test", new JsonObject().put("idToken", OP.idToken(APP_CLIENT, subject, nonce))
      .put("nonce", nonce), bearer);
  }

  private static JsonObject newOidcAccount(String subject) {
    String nonce = random();
    TestHttp.Response r = signIn(node, OP.idToken(APP_CLIENT, subject, nonce), nonce);
    assertThat(r.status()).as("%s", r).isEqualTo(201);
    return r.json();
  }

  @Test
  @DisplayName("A phone user links a provider identity, then signs in with it; unlinking leaves the phone")
  void phoneUserLinksSignsInAndUnlinks() {
    TestUsers.TestUser user = TestUsers.register(node.http());
    String subject = "linker-" + random().substring(0, 8);
    TestHttp.Response linked = link(user.accessToken(), subject);
    assertThat(linked.status()).as("%s", linked).isEqualTo(200);
    JsonArray identities = linked.json().getJsonArray("identities");
    assertThat(identities).hasSize(1);
    assertThat(identities.getJsonObject(0).getString("subject")).isEqualTo(subject);
    assertThat(identities.getJsonObject(0).getString("email")).isEqualTo(subject + "@example.test");

    String nonce = random();
    TestHttp.Response in = signIn(node, OP.idToken(APP_CLIENT, subject, nonce), nonce);
    assertThat(in.status()).as("%s", in).isEqualTo(200);
    assertThat(in.json().getJsonObject("user").getLong("id")).isEqualTo(user.id());

    assertThat(node.http().send("DELETE", "/api/v1/me/oidc/test", null,
      java.util.Map.of("Authorization", "Bearer " + user.accessToken())).status()).isEqualTo(204);
    assertThat(node.http().get("/api/v1/me/oidc", user.accessToken()).json().getJsonArray("identities")).isEmpty();
  }

  @Test
  @DisplayName("An identity that signs in to one account cannot be linked to another; an account links one identity per provider")
  void linkConflicts() {
    String taken = "taken-" + random().substring(0, 8);
    newOidcAccount(taken);
    TestUsers.TestUser user = TestUsers.register(node.http());
    TestHttp.Response conflict = link(user.accessToken(), taken);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().getString("code")).isEqualTo("oidc_identity_taken");

    assertThat(link(user.accessToken(), "first-" + random().substring(0, 8)).status()).isEqualTo(200);
    TestHttp.Response second = link(user.accessToken(), "second-" + random().substring(0, 8));
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().getString("code")).isEqualTo("oidc_already_linked");
  }

  @Test
  @DisplayName("An OIDC-only account cannot unlink its last sign-in method nor host until it adds a phone; then both work")
  void oidcOnlyAccountNeedsAPhone() {
    JsonObject account = newOidcAccount("solo-" + random().substring(0, 8));
    String bearer = account.getString("accessToken");
    java.util.Map<String, String> auth = java.util.Map.of("Authorization", "Bearer " + bearer);

    TestHttp.Response unlink = node.http().send("DELETE", "/api/v1/me/oidc/test", null, auth);
    assertThat(unlink.status()).isEqualTo(409);
    assertThat(unlink.json().getString("code")).isEqualTo("last_sign_in_method");

    JsonObject room = new JsonObject().put("title", "My room").put("category", "music");
    TestHttp.Response host = node.http().post("/api/v1/rooms", room, bearer);
    assertThat(host.status()).as("%s", host).isEqualTo(403);
    assertThat(host.json().getString("code")).isEqualTo("phone_required");

    String phone = TestUsers.newPhone();
    String code = TestUsers.requestCode(node.http(), phone, "change_phone");
    TestHttp.Response added = node.http().post("/api/v1/me/phone", new JsonObject().put("phone", phone).put("code", code),
      bearer);
    assertThat(added.status()).as("the first phone needs only its own code: %s", added).isEqualTo(204);

    TestHttp.Response hostAgain = node.http().post("/api/v1/rooms", room, bearer);
    assertThat(hostAgain.json().getString("code")).as("the phone is there; identity verification is next")
      .isEqualTo("host_not_verified");
    assertThat(node.http().send("DELETE", "/api/v1/me/oidc/test", null, auth).status()).isEqualTo(204);
  }

  @Test
  @DisplayName("Linked identities are in the user's data export and deleted on erasure")
  void exportAndErasure() throws Exception {
    String subject = "exported-" + random().substring(0, 8);
    long userId = newOidcAccount(subject).getJsonObject("user").getLong("id");
    PersonalDataSource source = node.get().personalData().sources().stream()
      .filter(s -> s.categories().contains("linkedIdentities")).findFirst().orElseThrow();
    List<JsonObject> exported = export(source, userId);
    assertThat(exported).extracting(j -> j.getString("subject")).containsExactly(subject);
    assertThat(exported.get(0).getString("provider")).isEqualTo("test");

    node.get().pool().withTransaction(tx -> source.erase(tx, userId, ErasureMode.ANONYMIZE))
      .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(export(source, userId)).isEmpty();
  }

  private static List<JsonObject> export(PersonalDataSource source, long userId) throws Exception {
    List<JsonObject> out = new ArrayList<>();
    ExportWriter writer = new ExportWriter() {
      @Override
      public Future<Void> object(String category, JsonObject value) {
        out.add(value);
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> list(String category, List<JsonObject> values) {
        out.addAll(values);
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> query(Pool pool, String category, String sql, Tuple args, Function<Row, JsonObject> mapper) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
          rows.forEach(r -> out.add(mapper.apply(r)));
          return null;
        });
      }
    };
    source.export(userId, writer).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return out;
  }
}
