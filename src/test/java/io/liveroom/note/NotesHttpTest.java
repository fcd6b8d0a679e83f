package io.liveroom.note;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notes over HTTP, as the app uses them: from text, from a real AI answer (a simulated-provider
 * dialogue over the socket first), from an uploaded picture; owners only; paging; edit; delete;
 * search in Chinese; the configured limits (6 notes, 300 characters here).
 */
@DisplayName("Notes: made from text, an AI answer or a picture, listed, searched, edited and deleted by their owner only")
class NotesHttpTest {
  static final int MAX_NOTES = 6;
  static final int MAX_CHARS = 300;
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(json -> {
    json.getJsonObject("notes").put("maxPerUser", MAX_NOTES).put("maxTextChars", MAX_CHARS);
    json.getJsonObject("ai").getJsonObject("simulated").put("tokensPerSecond", 500).put("replyTokens", 12);
  }).build();
  private static final TestHttp http = node.http();

  private static TestHttp.Response create(TestUser u, JsonObject body) {
    return http.post("/api/v1/notes", body, u.accessToken());
  }

  private static TestHttp.Response send(String method, String path, JsonObject body, TestUser u) {
    return http.send(method, path, body == null ? null : body.encode(), Map.of("Authorization", "Bearer " + u.accessToken()));
  }

  private static JsonArray items(TestUser u, String query) {
    return http.get("/api/v1/notes" + query, u.accessToken()).json().getJsonArray("items");
  }

  @Test
  @DisplayName("A text note is created, read, edited and deleted by its owner; a stranger gets 404 for each")
  void textNoteLifecycle() {
    TestUser owner = TestUsers.register(http);
    TestUser stranger = TestUsers.register(http);
    TestHttp.Response created = create(owner, new JsonObject().put("text", "Buy milk\nand bread"));
    assertThat(created.status()).as("create: %s", created).isEqualTo(201);
    JsonObject note = created.json();
    assertThat(note.getString("source")).isEqualTo("text");
    assertThat(note.getString("title")).as("derived from the first line").isEqualTo("Buy milk");
    assertThat(note.getString("text")).isEqualTo("Buy milk\nand bread");
    String path = "/api/v1/notes/" + note.getLong("id");

    assertThat(http.get(path, owner.accessToken()).json().getString("text")).isEqualTo("Buy milk\nand bread");
    for (TestHttp.Response r : List.of(http.get(path, stranger.accessToken()),
      send("PATCH", path, new JsonObject().put("title", "mine now"), stranger), send("DELETE", path, null, stranger))) {
      assertThat(r.status()).as("stranger: %s", r).isEqualTo(404);
      assertThat(r.json().getString("code")).isEqualTo("note_not_found");
    }
    assertThat(items(stranger, "")).isEmpty();

    TestHttp.Response edited = send("PATCH", path, new JsonObject().put("title", "Groceries").put("text", "Milk, bread"), owner);
    assertThat(edited.status()).as("edit: %s", edited).isEqualTo(200);
    assertThat(edited.json().getString("title")).isEqualTo("Groceries");
    assertThat(edited.json().getString("text")).isEqualTo("Milk, bread");
    assertThat(send("PATCH", path, new JsonObject().put("text", "only the text"), owner).json().getString("title"))
      .as("an omitted title is kept").isEqualTo("Groceries");
    TestHttp.Response blank = send("PATCH", path, new JsonObject().put("title", "  "), owner);
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("title");

    assertThat(send("DELETE", path, null, owner).status()).isEqualTo(204);
    assertThat(http.get(path, owner.accessToken()).status()).isEqualTo(404);
    assertThat(create(owner, new JsonObject()).status()).as("no source at all").isEqualTo(400);
    assertThat(http.get("/api/v1/notes").status()).isEqualTo(401);
  }

  @Test
  @DisplayName("A note from an AI answer copies its text and links it; a stranger cannot save it; deleting the conversation keeps the text")
  void fromAiAnswer() {
    TestUser owner = TestUsers.register(http);
    TestUser stranger = TestUsers.register(http);
    NoteFixtures.Answer answer = NoteFixtures.answer(http, node.socket(), owner.accessToken(), "What is a trigram?");
    assertThat(answer.text()).isNotBlank();
    JsonObject source = new JsonObject().put("conversationId", answer.conversationId()).put("messageId", answer.messageId());

    TestHttp.Response created = create(owner, source.copy().put("title", "Trigrams"));
    assertThat(created.status()).as("create: %s", created).isEqualTo(201);
    JsonObject note = created.json();
    assertThat(note.getString("source")).isEqualTo("ai_message");
    assertThat(note.getString("text")).isEqualTo(answer.text());
    assertThat(note.getLong("conversationId")).isEqualTo(answer.conversationId());
    assertThat(note.getLong("messageId")).isEqualTo(answer.messageId());

    TestHttp.Response stolen = create(stranger, source);
    assertThat(stolen.status()).as("another user's answer: %s", stolen).isEqualTo(404);
    assertThat(stolen.json().getString("code")).isEqualTo("note_source_not_found");
    long question = NoteFixtures.count("SELECT id FROM ai_messages WHERE conversation_id = ? AND role = 'user'",
      answer.conversationId());
    assertThat(create(owner, new JsonObject().put("conversationId", answer.conversationId()).put("messageId", question))
      .status()).as("the user's own question is not an AI answer").isEqualTo(404);
    assertThat(create(owner, source.copy().put("text", "forged")).status()).as("the text comes from the answer").isEqualTo(400);

    assertThat(send("DELETE", "/api/v1/ai/conversations/" + answer.conversationId(), null, owner).status()).isEqualTo(204);
    JsonObject kept = http.get("/api/v1/notes/" + note.getLong("id"), owner.accessToken()).json();
    assertThat(kept.getString("text")).as("the copied text stays").isEqualTo(answer.text());
    assertThat(kept.getValue("conversationId")).as("the link is gone").isNull();
    assertThat(kept.getValue("messageId")).isNull();
  }

  @Test
  @DisplayName("A note from a picture references it through media (kept from the sweeper); another user's picture is refused; delete releases it")
  void fromPicture() throws Exception {
    TestUser owner = TestUsers.register(http);
    TestUser stranger = TestUsers.register(http);
    String mediaId = NoteFixtures.uploadPicture(node.httpPort(), owner.accessToken());

    TestHttp.Response created = create(owner, new JsonObject().put("mediaId", mediaId).put("text", "Sunset, drawn by AI"));
    assertThat(created.status()).as("create: %s", created).isEqualTo(201);
    JsonObject note = created.json();
    assertThat(note.getString("source")).isEqualTo("image");
    assertThat(note.getString("mediaId")).isEqualTo(mediaId);
    assertThat(note.getString("title")).isEqualTo("Sunset, drawn by AI");
    String ref = Long.toString(note.getLong("id"));
    assertThat(NoteFixtures.count("SELECT count(*) FROM media_refs WHERE media_id = ?::uuid AND ref_kind = 'note' AND ref_id = ?",
      mediaId, ref)).isEqualTo(1);
    assertThat(NoteFixtures.count("SELECT count(*) FROM media_objects WHERE id = ?::uuid AND unreferenced_since IS NULL",
      mediaId)).as("no longer an orphan").isEqualTo(1);

    TestHttp.Response stolen = create(stranger, new JsonObject().put("mediaId", mediaId));
    assertThat(stolen.status()).as("another user's picture: %s", stolen).isEqualTo(404);
    assertThat(stolen.json().getString("code")).isEqualTo("media_not_found");
    assertThat(items(stranger, "")).as("no half-made note").isEmpty();
    assertThat(create(owner, new JsonObject().put("mediaId", "not-a-uuid")).status()).isEqualTo(400);

    assertThat(send("DELETE", "/api/v1/notes/" + ref, null, owner).status()).isEqualTo(204);
    assertThat(NoteFixtures.count("SELECT count(*) FROM media_refs WHERE ref_kind = 'note' AND ref_id = ?", ref)).isZero();
    assertThat(NoteFixtures.count("SELECT count(*) FROM media_objects WHERE id = ?::uuid AND unreferenced_since IS NOT NULL",
      mediaId)).as("an orphan again, for the sweeper").isEqualTo(1);
  }

  @Test
  @DisplayName("The list is newest first, in pages that neither skip nor repeat, and nextCursor is absent on the last")
  void paging() {
    TestUser owner = TestUsers.register(http);
    List<Long> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(create(owner, new JsonObject().put("text", "note " + i)).json().getLong("id"));
    }
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = http.get("/api/v1/notes?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
        owner.accessToken()).json();
      page.getJsonArray("items").forEach(o -> seen.add(((JsonObject) o).getLong("id")));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    java.util.Collections.reverse(made);
    assertThat(seen).containsExactlyElementsOf(made);
    assertThat(http.get("/api/v1/notes?limit=0", owner.accessToken()).status()).isEqualTo(400);
    assertThat(http.get("/api/v1/notes?cursor=abc", owner.accessToken()).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("Search finds the caller's own notes by text anywhere in title or text, Chinese included, wildcards literal")
  void searchChinese() {
    TestUser owner = TestUsers.register(http);
    TestUser other = TestUsers.register(http);
    long painting = create(owner, new JsonObject().put("title", "学习笔记").put("text", "今天学习了人工智能绘画的基本方法")).json().getLong("id");
    long beijing = create(owner, new JsonObject().put("text", "明天去北京看展览")).json().getLong("id");
    long shopping = create(owner, new JsonObject().put("text", "Shopping list: 100% cotton")).json().getLong("id");
    create(other, new JsonObject().put("text", "我也喜欢人工智能"));

    assertThat(ids(owner, "人工智能")).containsExactly(painting);
    assertThat(ids(owner, "北京")).as("two characters").containsExactly(beijing);
    assertThat(ids(owner, "笔记")).as("in the title").containsExactly(painting);
    assertThat(ids(owner, "学")).as("one character").containsExactly(painting);
    assertThat(ids(owner, "SHOPPING")).as("case-insensitive").containsExactly(shopping);
    assertThat(ids(owner, "100%")).containsExactly(shopping);
    assertThat(ids(owner, "%")).as("a literal percent sign").containsExactly(shopping);
    assertThat(ids(owner, "_")).as("a literal underscore").isEmpty();
    assertThat(ids(owner, "上海")).isEmpty();
    assertThat(ids(other, "北京")).as("only one's own notes").isEmpty();
    assertThat(http.get("/api/v1/notes?q=" + "x".repeat(101), owner.accessToken()).status()).isEqualTo(400);
  }

  private static List<Long> ids(TestUser u, String q) {
    TestHttp.Response r = http.get("/api/v1/notes?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8),
      u.accessToken());
    assertThat(r.status()).as("search %s: %s", q, r).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  @Test
  @DisplayName("Past notes.maxPerUser a new note is 409 note_limit_reached; past notes.maxTextChars, 413 note_too_long")
  void limits() {
    TestUser owner = TestUsers.register(http);
    TestHttp.Response tooLong = create(owner, new JsonObject().put("text", "字".repeat(MAX_CHARS + 1)));
    assertThat(tooLong.status()).as("too long: %s", tooLong).isEqualTo(413);
    assertThat(tooLong.json().getString("code")).isEqualTo("note_too_long");
    assertThat(tooLong.json().getString("detail")).contains(Integer.toString(MAX_CHARS));
    long first = create(owner, new JsonObject().put("text", "字".repeat(MAX_CHARS))).json().getLong("id");
    assertThat(send("PATCH", "/api/v1/notes/" + first, new JsonObject().put("text", "x".repeat(MAX_CHARS + 1)), owner)
      .status()).as("an edit is held to the same size").isEqualTo(413);
    for (int i = 1; i < MAX_NOTES; i++) {
      assertThat(create(owner, new JsonObject().put("text", "n" + i)).status()).isEqualTo(201);
    }
    TestHttp.Response full = create(owner, new JsonObject().put("text", "one too many"));
    assertThat(full.status()).as("over the cap: %s", full).isEqualTo(409);
    assertThat(full.json().getString("code")).isEqualTo("note_limit_reached");
    assertThat(full.json().getString("type")).isNotBlank();
    assertThat(NoteFixtures.count("SELECT count(*) FROM notes WHERE user_id = ?", owner.id())).isEqualTo(MAX_NOTES);
    assertThat(send("DELETE", "/api/v1/notes/" + first, null, owner).status()).isEqualTo(204);
    assertThat(create(owner, new JsonObject().put("text", "room again")).status()).isEqualTo(201);
  }
}
