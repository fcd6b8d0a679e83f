package io.liveroom.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.liveroom.support.LiveNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("API docs page in headless Chromium")
class DocsPageIT {
  @RegisterExtension
  @Order(1)
  static final LiveNode node = LiveNode.builder().build();
  @RegisterExtension
  @Order(2)
  static final Browsers BROWSERS = new Browsers();

  @Test
  @DisplayName("/docs renders the node's OpenAPI file with Swagger UI under the pages' CSP, loading nothing from elsewhere")
  void swaggerUi() {
    Page page = BROWSERS.context(node.httpPort()).newPage();
    String origin = "http://127.0.0.1:" + node.httpPort();
    page.navigate("/docs");
    assertThat(page.url()).isEqualTo(origin + "/docs/");
    PlaywrightAssertions.assertThat(page.locator("#swagger .info .title")).containsText("Liveroom");
    // Every tag is listed, collapsed; opening one shows its operations.
    PlaywrightAssertions.assertThat(page.locator("#swagger .opblock-tag-section")).hasCount(countTags());
    page.locator("#operations-tag-rooms").click();
    PlaywrightAssertions.assertThat(page.locator("#swagger").getByText("/api/v1/rooms/hot").first()).isVisible();
    PlaywrightAssertions.assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
      new Page.GetByRoleOptions().setName("PROTOCOL.md"))).hasAttribute("href", "/docs/PROTOCOL.md");
    assertThat(BROWSERS.foreignRequests()).as("requests to other origins").isEmpty();
    assertThat(BROWSERS.cspViolations()).as("what the page's CSP blocked").isEmpty();
  }

  /** The tags the served OpenAPI document declares, each a section of the page. */
  private static int countTags() {
    String yaml = node.http().get("/api/v1/openapi.yaml").body();
    return (int) yaml.lines().takeWhile(l -> !l.equals("paths:")).filter(l -> l.startsWith("- name: ")).count();
  }
}
