package io.liveroom.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notes page in headless Chromium: create, search (Chinese), edit, delete, Older paging")
class NotesPageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final TestHttp http = node.http();
  private static final LocatorAssertions.HasAttributeOptions LONG =
    new LocatorAssertions.HasAttributeOptions().setTimeout(30_000);

  @Test
  @DisplayName("A user creates a note, finds it by a Chinese word among others, edits its title and text, and deletes it; the API agrees at each step")
  void createSearchEditDelete() {
    TestUser user = TestUsers.register(http, TestUsers.newPhone(), "notetaker");
    TestUser stranger = TestUsers.register(http, TestUsers.newPhone(), "stranger");
    createByApi(user, "Shopping list\nmilk, eggs");
    createByApi(stranger, "陌生人的乌龙茶笔记");  // another user's note never shows up
    Page page = open(user);
    PlaywrightAssertions.assertThat(page.locator("#notes li.note-item")).hasCount(1);

    page.locator("#new-title").fill("Tea tasting");
    page.locator("#new-text").fill("今天喝了乌龙茶，很香。\nSecond line");
    page.locator("#new-save").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText("Note saved.");
    Locator items = page.locator("#notes li.note-item");
    PlaywrightAssertions.assertThat(items).hasCount(2);
    PlaywrightAssertions.assertThat(items.first().locator(".note-title")).hasText("Tea tasting");
    JsonArray stored = http.get("/api/v1/notes", user.accessToken()).json().getJsonArray("items");
    assertThat(stored).hasSize(2);
    JsonObject created = stored.getJsonObject(0);
    assertThat(created.getString("title")).isEqualTo("Tea tasting");
    assertThat(created.getString("text")).isEqualTo("今天喝了乌龙茶，很香。\nSecond line");
    long id = created.getLong("id");
    Locator note = page.locator("#notes li.note-item[data-note-id='" + id + "']");

    page.locator("#search-q").fill("乌龙");
    page.locator("#search-submit").click();
    PlaywrightAssertions.assertThat(page.locator("#showing")).hasText("Notes containing \"乌龙\"");
    PlaywrightAssertions.assertThat(items).hasCount(1);
    PlaywrightAssertions.assertThat(note.locator(".note-text")).containsText("乌龙茶");
    page.locator("#search-q").fill("咖啡");
    page.locator("#search-submit").click();
    PlaywrightAssertions.assertThat(items).hasCount(0);
    PlaywrightAssertions.assertThat(page.locator("#notes-empty")).hasText("No notes contain that.");
    page.locator("#search-q").fill("乌龙茶");
    page.locator("#search-submit").click();
    PlaywrightAssertions.assertThat(items).hasCount(1);

    note.locator("button.edit").click();
    note.locator("input.edit-title").fill("Oolong");
    note.locator("textarea.edit-text").fill("乌龙茶，第二次泡更好。");
    note.locator("button.save").click();
    PlaywrightAssertions.assertThat(note.locator(".note-title")).hasText("Oolong");
    PlaywrightAssertions.assertThat(note.locator(".note-text")).hasText("乌龙茶，第二次泡更好。");
    JsonObject edited = http.get("/api/v1/notes/" + id, user.accessToken()).json();
    assertThat(edited.getString("title")).isEqualTo("Oolong");
    assertThat(edited.getString("text")).isEqualTo("乌龙茶，第二次泡更好。");

    // A blank title is refused by the server and said as a sentence; the stored note is unchanged.
    note.locator("button.edit").click();
    note.locator("input.edit-title").fill("   ");
    note.locator("button.save").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText("The title must not be blank.");
    assertThat(http.get("/api/v1/notes/" + id, user.accessToken()).json().getString("title")).isEqualTo("Oolong");
    note.locator("button.cancel").click();
    PlaywrightAssertions.assertThat(note.locator(".note-title")).hasText("Oolong");

    note.locator("button.delete").click();
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText("Note deleted.");
    PlaywrightAssertions.assertThat(items).hasCount(0);
    TestHttp.Response gone = http.get("/api/v1/notes/" + id, user.accessToken());
    assertThat(gone.status()).as("deleted note: %s", gone).isEqualTo(404);
    assertThat(gone.json().getString("code")).isEqualTo("note_not_found");
    page.locator("#search-clear").click();
    PlaywrightAssertions.assertThat(items).hasCount(1);
    PlaywrightAssertions.assertThat(items.first().locator(".note-title")).hasText("Shopping list");
    assertThat(Browsers.fitsWidth(page)).as("notes page fits 375 px").isTrue();
  }

  @Test
  @DisplayName("With more notes than a page, Older appends the rest, newest first, and then goes away")
  void olderPaging() {
    TestUser user = TestUsers.register(http, TestUsers.newPhone(), "hoarder");
    for (int i = 1; i <= 23; i++) {
      createByApi(user, "note number " + i);
    }
    Page page = open(user);
    Locator items = page.locator("#notes li.note-item");
    PlaywrightAssertions.assertThat(items).hasCount(20);
    PlaywrightAssertions.assertThat(items.first().locator(".note-title")).hasText("note number 23");
    PlaywrightAssertions.assertThat(page.locator("#more")).isVisible();
    page.locator("#more").click();
    PlaywrightAssertions.assertThat(items).hasCount(23);
    PlaywrightAssertions.assertThat(items.last().locator(".note-title")).hasText("note number 1");
    PlaywrightAssertions.assertThat(page.locator("#more")).isHidden();
  }

  @Test
  @DisplayName("Save to notes on an AI chat answer copies the answer into a note, which the notes page lists as from an AI answer")
  void saveAiAnswer() {
    TestUser user = TestUsers.register(http, TestUsers.newPhone(), "aisaver");
    Page page = BROWSERS.signedIn(node.httpPort(), WebFixtures.session(user));
    page.navigate("/ai.html");
    PlaywrightAssertions.assertThat(page.locator("#connection")).hasAttribute("data-state", "connected", LONG);
    page.locator("#new-conversation").click();
    PlaywrightAssertions.assertThat(page.locator("#ask")).isEnabled();
    page.locator("#question").fill("Tell me about tea");
    page.locator("#question").press("Enter");
    PlaywrightAssertions.assertThat(page.locator("#answer-state")).hasAttribute("data-state", "complete", LONG);
    Locator answer = page.locator("#transcript li.assistant").first();
    String shown = answer.locator(".text").textContent();
    answer.locator("button.save-note").click();
    PlaywrightAssertions.assertThat(answer).containsText("Saved to notes.");
    JsonArray stored = http.get("/api/v1/notes", user.accessToken()).json().getJsonArray("items");
    assertThat(stored).hasSize(1);
    assertThat(stored.getJsonObject(0).getString("source")).isEqualTo("ai_message");
    assertThat(stored.getJsonObject(0).getString("text")).as("the note holds the answer the page showed").isEqualTo(shown);

    page.navigate("/notes.html");
    PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-ready", "true");
    Locator note = page.locator("#notes li.note-item");
    PlaywrightAssertions.assertThat(note).hasCount(1);
    PlaywrightAssertions.assertThat(note.locator(".note-meta")).containsText("From an AI answer");
    PlaywrightAssertions.assertThat(note.locator(".note-text")).hasText(shown);
  }

  @Test
  @DisplayName("A picture note shows its picture through the signed URL the media API gives its owner")
  void pictureNote() throws Exception {
    TestUser user = TestUsers.register(http, TestUsers.newPhone(), "photographer");
    String mediaId = uploadPng(user);
    TestHttp.Response created = http.post("/api/v1/notes", new JsonObject().put("mediaId", mediaId)
      .put("title", "Sunset").put("text", "海边的日落"), user.accessToken());
    assertThat(created.status()).as("picture note: %s", created).isEqualTo(201);
    Page page = open(user);
    Locator note = page.locator("#notes li.note-item");
    PlaywrightAssertions.assertThat(note).hasCount(1);
    PlaywrightAssertions.assertThat(note.locator(".note-meta")).containsText("Picture");
    PlaywrightAssertions.assertThat(note.locator("img")).isVisible();
    page.waitForFunction("() => { const i = document.querySelector('#notes li.note-item img');"
      + " return i && i.complete && i.naturalWidth > 0; }");
    assertThat(note.locator("img").getAttribute("src")).contains("/media/" + mediaId + "/");
    assertThat(Browsers.fitsWidth(page)).as("notes page fits 375 px with a picture").isTrue();
  }

  /** Uploads a small PNG through the media API (multipart, as the app sends it); returns its id. */
  private static String uploadPng(TestUser user) throws Exception {
    BufferedImage img = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, 48, 32);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    String boundary = "----notespage" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nai\r\n"
      + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
      + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(png.toByteArray());
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/media"))
      .header("Content-Type", "multipart/form-data; boundary=" + boundary)
      .header("Authorization", "Bearer " + user.accessToken())
      .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("upload: %s", r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("id");
  }

  private static void createByApi(TestUser user, String text) {
    TestHttp.Response created = http.post("/api/v1/notes", new JsonObject().put("text", text), user.accessToken());
    assertThat(created.status()).as("create note: %s", created).isEqualTo(201);
  }

  private static Page open(TestUser user) {
    Page page = BROWSERS.signedIn(node.httpPort(), WebFixtures.session(user));
    page.navigate("/notes.html");
    PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-ready", "true");
    return page;
  }
}
