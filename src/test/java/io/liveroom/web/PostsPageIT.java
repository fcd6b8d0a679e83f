package io.liveroom.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Posts page in headless Chromium: compose with a picture, like, and a comment from a second user")
class PostsPageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("A posts text with a picture; the picture shows; B opens A's posts, likes and comments; A sees both")
  void composeLikeComment(@TempDir Path dir) throws Exception {
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999));
    TestUser a = WebFixtures.verifiedUser(http, "poster" + suffix);
    TestUser b = WebFixtures.verifiedUser(http, "reader" + suffix);
    Path png = dir.resolve("sunset.png");
    BufferedImage img = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = img.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, 80, 60);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());

    Page pageA = open(a, "/posts.html");
    PlaywrightAssertions.assertThat(pageA.locator("#posts-empty")).isVisible();
    pageA.locator("#post-text").fill("Sunset over the river " + suffix);
    pageA.locator("#post-pictures").setInputFiles(png);
    pageA.locator("#post-submit").click();
    PlaywrightAssertions.assertThat(pageA.locator("#compose-status")).hasText("Posted.");
    Locator postA = pageA.locator("#posts li.post").first();
    PlaywrightAssertions.assertThat(postA.locator(".post-text")).hasText("Sunset over the river " + suffix);
    Locator picture = postA.locator(".post-pictures img");
    PlaywrightAssertions.assertThat(picture).hasCount(1);
    pageA.waitForFunction("() => { const i = document.querySelector('.post-pictures img'); return i && i.complete && i.naturalWidth > 0; }");
    long postId = Long.parseLong(postA.getAttribute("data-post-id"));

    Page pageB = open(b, "/posts.html?user=" + a.id());
    Locator postB = pageB.locator("#posts li.post[data-post-id='" + postId + "']");
    PlaywrightAssertions.assertThat(postB.locator(".post-text")).hasText("Sunset over the river " + suffix);
    postB.locator("button.like").click();
    PlaywrightAssertions.assertThat(postB.locator(".likes")).hasText("1");
    PlaywrightAssertions.assertThat(postB.locator("button.like")).hasText("Unlike");
    postB.locator("input[type=text]").fill("Beautiful " + suffix);
    postB.locator(".comment-form button").click();
    PlaywrightAssertions.assertThat(postB.locator(".comments-count")).hasText("1");
    PlaywrightAssertions.assertThat(postB.locator("li.comment")).containsText("Beautiful " + suffix);

    JsonObject seen = http.get("/api/v1/posts/" + postId, a.accessToken()).json();
    assertThat(seen.getJsonObject("counts").getLong("likes")).isEqualTo(1);
    assertThat(seen.getJsonObject("counts").getLong("comments")).isEqualTo(1);
    pageA.reload();
    PlaywrightAssertions.assertThat(pageA.locator("#posts li.post").first().locator("li.comment"))
      .containsText("Beautiful " + suffix);
    assertThat(Browsers.fitsWidth(pageB)).as("posts page fits 375 px").isTrue();
  }

  private static Page open(TestUser user, String path) {
    Page page = BROWSERS.signedIn(node.httpPort(), WebFixtures.session(user));
    page.navigate(path);
    PlaywrightAssertions.assertThat(page.locator("body")).hasAttribute("data-ready", "true");
    return page;
  }
}
