package io.liveroom.oidc;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.function.Consumer;

/** Test wiring shared by the OIDC tests: a node configured with the test provider as {@code test}. */
public final class OidcFixture {
  public static final String PATH = "/api/v1/auth/oidc/test";

  private OidcFixture() {
  }

  /** The node config: provider {@code test} (web and app client ids as audiences), on {@code port} (0: any). */
  public static Consumer<JsonObject> config(TestOpenIdProvider op, int port, int minRefetchSeconds) {
    return json -> {
      if (port != 0) {
        json.getJsonObject("http").put("port", port);
      }
      json.getJsonObject("oidc").put("jwksMinRefetchSeconds", minRefetchSeconds)
        .put("callbackBaseUrl", port == 0 ? "" : "http://127.0.0.1:" + port)
        .put("providers", new JsonArray().add(new JsonObject().put("id", "test").put("issuer", op.issuer())
          .put("clientId", TestOpenIdProvider.WEB_CLIENT).put("clientSecret", TestOpenIdProvider.WEB_SECRET)
          .put("audiences", new JsonArray().add(TestOpenIdProvider.WEB_CLIENT).add(TestOpenIdProvider.APP_CLIENT))
          .put("scopes", new JsonArray().add("openid").add("email").add("profile"))));
    };
  }

  /** The mobile sign-in request, accepting the current policy. */
  static TestHttp.Response signIn(LiveNode node, String idToken, String nonce) {
    return node.http().post(PATH, new JsonObject().put("idToken", idToken).put("nonce", nonce)
      .put("policyVersion", TestUsers.policyVersion()));
  }
}
