package io.liveroom.social;

import io.liveroom.Node;
import io.liveroom.support.Members;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;


import static org.assertj.core.api.Assertions.assertThat;

/** Users with tokens, and the HTTP calls of the social API, against a real node. */
final class SocialFixtures extends Members {

  SocialFixtures(Node node) {
    super(node);
  }

  TestHttp.Response follow(Member who, Member whom) {
    return send("PUT", "/api/v1/users/" + whom.id() + "/follow", who);
  }

  TestHttp.Response unfollow(Member who, Member whom) {
    return send("DELETE", "/api/v1/users/" + whom.id() + "/follow", who);
  }

  TestHttp.Response block(Member who, Member whom) {
    return send("PUT", "/api/v1/users/" + whom.id() + "/block", who);
  }

  JsonObject profile(Member viewer, Member user) {
    TestHttp.Response r = http.get("/api/v1/users/" + user.id(), viewer.token());
    assertThat(r.status()).as("profile: %s", r).isEqualTo(200);
    return r.json();
  }

}
