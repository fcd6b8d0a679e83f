package io.liveroom.social;

import io.liveroom.support.Members.Member;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Search finds people and rooms (Chinese too), leaves out blocked and inactive accounts, and keeps a history the user controls")
class SearchHttpTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();
  private SocialFixtures app;

  @BeforeEach
  void fixtures() {
    app = new SocialFixtures(node.get());
  }

  private JsonObject search(Member as, String type, String q) {
    TestHttp.Response r = app.http.get("/api/v1/search?type=" + type + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
      as.token());
    assertThat(r.status()).as("search: %s", r).isEqualTo(200);
    return r.json();
  }

  private static List<Long> ids(JsonObject result) {
    return result.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  private long room(Member host, String title, String category, boolean live) {
    TestHttp.Response created = app.http.post("/api/v1/rooms", new JsonObject().put("title", title)
      .put("category", category), host.token());
    assertThat(created.status()).as("create: %s", created).isEqualTo(201);
    long id = created.json().getJsonObject("room").getLong("id");
    if (live) {
      assertThat(app.http.post("/api/v1/rooms/" + id + "/start", null, host.token()).status()).isEqualTo(200);
    }
    return id;
  }

  @Test
  @DisplayName("Nicknames match by prefix (one Chinese character is enough) and, from three characters, anywhere")
  void people() {
    Member me = app.user("searcher");
    Member xiaoming = app.user("小明同学");
    Member xiaohong = app.user("小红");
    Member anna = app.user("Annabelle");
    Member joanna = app.user("joanna_k");
    assertThat(ids(search(me, "users", "小"))).containsExactlyInAnyOrder(xiaoming.id(), xiaohong.id());
    assertThat(ids(search(me, "users", "明同学"))).containsExactly(xiaoming.id());
    assertThat(ids(search(me, "users", "ann"))).as("prefix first, then substring").containsExactly(anna.id(), joanna.id());
    assertThat(ids(search(me, "users", "an"))).as("two letters: prefix only").containsExactly(anna.id());
    assertThat(ids(search(me, "users", "%"))).as("wildcards match literally").isEmpty();
  }

  @Test
  @DisplayName("Blocked (either way), banned and cancelled accounts and their rooms are left out of results")
  void exclusions() {
    Member me = app.user("viewer");
    Member blockedByMe = app.user("music-a");
    Member blocksMe = app.user("music-b");
    Member banned = app.user("music-c");
    Member cancelled = app.user("music-d");
    Member fine = app.user("music-e");
    room(blocksMe, "Music night B", "music", false);
    room(banned, "Music night C", "music", false);
    long fineRoom = room(fine, "Music night E", "music", false);
    app.block(me, blockedByMe);
    app.block(blocksMe, me);
    SocialFixtures.sql("UPDATE users SET status = 'banned' WHERE id = ?", banned.id());
    SocialFixtures.sql("UPDATE users SET status = 'cancelled' WHERE id = ?", cancelled.id());
    assertThat(ids(search(me, "users", "music"))).containsExactly(fine.id());
    assertThat(ids(search(me, "rooms", "music night"))).containsExactly(fineRoom);
  }

  @Test
  @DisplayName("Rooms match title or category, live rooms first; Chinese titles match")
  void roomsLiveFirst() {
    Member me = app.user("viewer");
    Member h1 = app.user("h1");
    Member h2 = app.user("h2");
    Member h3 = app.user("h3");
    long idle = room(h1, "深夜音乐电台", "music", false);
    long live = room(h2, "午后音乐分享", "music", true);
    long byCategory = room(h3, "Chat", "yinyue", false);
    JsonObject found = search(me, "rooms", "音乐");
    assertThat(ids(found)).as("live first").containsExactly(live, idle);
    assertThat(ids(search(me, "rooms", "yin"))).as("by category").containsExactly(byCategory);
    assertThat(found.getJsonArray("items").getJsonObject(0).getBoolean("live")).isTrue();
    assertThat(ids(search(me, "rooms", "音乐电台"))).containsExactly(idle);
  }

  @Test
  @DisplayName("History records while on, moves a repeated query to the top, deletes one or all, and stops when turned off")
  void history() {
    Member me = app.user("me");
    Member other = app.user("other");
    search(me, "users", "alpha");
    search(me, "rooms", "beta");
    search(me, "users", "alpha");
    search(other, "users", "secret of other");
    JsonObject h = app.http.get("/api/v1/me/search-history", me.token()).json();
    assertThat(h.getBoolean("recordHistory")).isTrue();
    JsonArray items = h.getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("query")).toList()).containsExactly("alpha", "beta");

    long betaId = items.getJsonObject(1).getLong("id");
    assertThat(app.send("DELETE", "/api/v1/me/search-history/" + betaId, other).status()).isEqualTo(204);
    assertThat(app.http.get("/api/v1/me/search-history", me.token()).json().getJsonArray("items").size())
      .as("another user cannot delete my entry").isEqualTo(2);
    assertThat(app.send("DELETE", "/api/v1/me/search-history/" + betaId, me).status()).isEqualTo(204);
    assertThat(app.http.get("/api/v1/me/search-history", me.token()).json().getJsonArray("items").size()).isEqualTo(1);

    TestHttp.Response off = app.http.put("/api/v1/me/search-history/settings", new JsonObject().put("recordHistory", false),
      me.token());
    assertThat(off.status()).isEqualTo(200);
    search(me, "users", "gamma");
    JsonObject afterOff = app.http.get("/api/v1/me/search-history", me.token()).json();
    assertThat(afterOff.getBoolean("recordHistory")).isFalse();
    assertThat(afterOff.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("query")).toList())
      .containsExactly("alpha");

    assertThat(app.send("DELETE", "/api/v1/me/search-history", me).status()).isEqualTo(204);
    assertThat(app.http.get("/api/v1/me/search-history", me.token()).json().getJsonArray("items")).isEmpty();
    assertThat(app.http.get("/api/v1/me/search-history", other.token()).json().getJsonArray("items").size()).isEqualTo(1);
  }

  @Test
  @DisplayName("A missing or too long query, or an unknown type, is a 400 naming the field")
  void validation() {
    Member me = app.user("me");
    assertThat(app.http.get("/api/v1/search?type=users", me.token()).status()).isEqualTo(400);
    assertThat(app.http.get("/api/v1/search?type=groups&q=x", me.token()).status()).isEqualTo(400);
    assertThat(app.http.get("/api/v1/search?q=" + "x".repeat(65), me.token()).status()).isEqualTo(400);
  }
}
