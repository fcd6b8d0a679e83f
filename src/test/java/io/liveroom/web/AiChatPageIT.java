package io.liveroom.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.support.Await;
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

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AI chat in headless Chromium: conversations over HTTP, answers streamed over centrifuge-js, Stop cancels for real")
class AiChatPageIT {
  /** Slow enough that a whole answer takes ~10 s, so the page can be watched mid-stream and stopped. */
  private static final int TOKENS_PER_SECOND = 8;
  private static final int REPLY_TOKENS = 80;
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().config(c -> {
    JsonObject ai = c.getJsonObject("ai");
    ai.getJsonObject("simulated").put("tokensPerSecond", TOKENS_PER_SECOND).put("replyTokens", REPLY_TOKENS);
    ai.getJsonObject("moderation").put("blockedWords", new JsonArray().add("contraband"));
  }).build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final LocatorAssertions.HasAttributeOptions LONG =
    new LocatorAssertions.HasAttributeOptions().setTimeout(30_000);
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("A signed-in user sees an answer stream in to the end, then stops a second one mid-stream and the partial answer is kept")
  void streamsAndStops() {
    TestUser user = TestUsers.register(http, TestUsers.newPhone(), "asker");
    Page page = openAi(user);
    page.locator("#new-conversation").click();
    PlaywrightAssertions.assertThat(page.locator("#conversation-title")).hasText("New conversation");
    PlaywrightAssertions.assertThat(page.locator("#conversations")).containsText("New conversation");

    ask(page, "What does Liveroom do?");
    Locator first = answer(page, 0);
    int early = growing(page, 0);
    PlaywrightAssertions.assertThat(page.locator("#answer-state")).hasAttribute("data-state", "complete", LONG);
    PlaywrightAssertions.assertThat(page.locator("#answer-state")).hasText("Answer complete.");
    String complete = first.textContent();
    assertThat(complete.length()).as("the complete answer is longer than it was mid-stream").isGreaterThan(early);
    long conversationId = conversationId(user);
    JsonObject stored = lastAssistantMessage(user, conversationId);
    assertThat(stored.getString("status")).isEqualTo("complete");
    assertThat(stored.getString("content")).as("what the page showed is what was saved").isEqualTo(complete);

    ask(page, "And how does it stream?");
    Locator second = answer(page, 1);
    growing(page, 1);
    page.locator("#stop").click();
    PlaywrightAssertions.assertThat(page.locator("#answer-state")).hasAttribute("data-state", "stopped", LONG);
    PlaywrightAssertions.assertThat(page.locator("#transcript li.assistant").nth(1)).containsText("(stopped)");
    PlaywrightAssertions.assertThat(page.locator("#stop")).isHidden();
    String partial = second.textContent();
    JsonObject cancelled = Await.value(10_000, () -> lastAssistantMessage(user, conversationId),
      m -> "cancelled".equals(m.getString("status")));
    assertThat(cancelled.getString("status")).as("stored answer: %s", cancelled).isEqualTo("cancelled");
    assertThat(cancelled.getString("content")).as("the server kept the partial answer the page showed")
      .isEqualTo(partial);
    assertThat(partial.split(" ")).as("stopped well before the end").hasSizeLessThan(REPLY_TOKENS / 2);
    // No event says that no more tokens will come: watch for sixteen token intervals.
    Await.pause(16 * 1000L / TOKENS_PER_SECOND);
    assertThat(second.textContent()).as("the stopped answer no longer grows").isEqualTo(partial);
    assertThat(Browsers.fitsWidth(page)).as("AI chat page fits 375 px").isTrue();
  }

  @Test
  @DisplayName("A question the moderation refuses reads as a sentence, and the question stays to edit")
  void refusalAsSentence() {
    TestUser user = TestUsers.register(http, TestUsers.newPhone(), "refused");
    Page page = openAi(user);
    page.locator("#new-conversation").click();
    PlaywrightAssertions.assertThat(page.locator("#ask")).isEnabled();
    page.locator("#question").fill("Where can I buy contraband?");
    page.locator("#question").press("Enter");
    PlaywrightAssertions.assertThat(page.locator("#message")).hasText("That contains a word that is not allowed here.");
    PlaywrightAssertions.assertThat(page.locator("#transcript li")).hasCount(0);
    PlaywrightAssertions.assertThat(page.locator("#question")).hasValue("Where can I buy contraband?");
    PlaywrightAssertions.assertThat(page.locator("#ask")).isEnabled();
    PlaywrightAssertions.assertThat(page.locator("#stop")).isHidden();
  }

  private static Page openAi(TestUser user) {
    Page page = BROWSERS.signedIn(node.httpPort(), new JsonObject().put("accessToken", user.accessToken())
      .put("refreshToken", user.refreshToken()).put("user", new JsonObject().put("id", user.id())));
    page.navigate("/ai.html");
    PlaywrightAssertions.assertThat(page.locator("#connection")).hasAttribute("data-state", "connected", LONG);
    return page;
  }

  private static void ask(Page page, String question) {
    PlaywrightAssertions.assertThat(page.locator("#ask")).isEnabled();
    page.locator("#question").fill(question);
    page.locator("#question").press("Enter");
    PlaywrightAssertions.assertThat(page.locator("#transcript")).containsText(question);
    PlaywrightAssertions.assertThat(page.locator("#answer-state")).hasAttribute("data-state", "streaming");
  }

  private static Locator answer(Page page, int index) {
    return page.locator("#transcript li.assistant .text").nth(index);
  }

  /**
   * Waits until the answer has some text, then until it has more while still streaming: the
   * answer arrives token by token, not at once. Returns the length seen first.
   */
  private static int growing(Page page, int index) {
    Locator text = answer(page, index);
    PlaywrightAssertions.assertThat(text).hasText(Pattern.compile("\\S"));
    int seen = text.textContent().length();
    page.waitForFunction("([i, n]) => document.querySelectorAll('#transcript li.assistant .text')[i].textContent.length > n",
      new Object[] {index, seen});
    PlaywrightAssertions.assertThat(page.locator("#answer-state")).hasAttribute("data-state", "streaming");
    return seen;
  }

  private static long conversationId(TestUser user) {
    TestHttp.Response list = http.get("/api/v1/ai/conversations", user.accessToken());
    assertThat(list.status()).as("list: %s", list).isEqualTo(200);
    JsonArray items = list.json().getJsonArray("items");
    assertThat(items).hasSize(1);
    return items.getJsonObject(0).getLong("id");
  }

  private static JsonObject lastAssistantMessage(TestUser user, long conversationId) {
    TestHttp.Response messages = http.get("/api/v1/ai/conversations/" + conversationId + "/messages", user.accessToken());
    assertThat(messages.status()).as("messages: %s", messages).isEqualTo(200);
    JsonArray items = messages.json().getJsonArray("items");
    JsonObject last = null;
    for (int i = 0; i < items.size(); i++) {
      if ("assistant".equals(items.getJsonObject(i).getString("role"))) {
        last = items.getJsonObject(i);
      }
    }
    assertThat(last).as("an assistant message in %s", items).isNotNull();
    return last;
  }
}
