package io.liveroom.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium from Debian's {@code chromium} package (scripts/test-deps.sh installs it),
 * driven by Playwright with its own browser download off. One browser per test class; each test
 * opens contexts (a context is one user's cookies and storage) at a phone-sized viewport. When a
 * test fails, every open page is saved as a PNG under {@code target/browser-failures/}. After each
 * test its contexts are closed, and the test fails if a page broke the Content-Security-Policy or
 * asked another origin for anything. Register it after the node's {@code LiveNode}
 * ({@code @Order}), so the browser starts after the node and closes before it.
 */
final class Browsers implements BeforeAllCallback, AfterTestExecutionCallback, AfterEachCallback, AfterAllCallback,
  AutoCloseable {
  static final Path CHROMIUM = Paths.get(System.getProperty("liveroom.chromium", "/usr/bin/chromium"));
  /** The smallest phone width the pages must fit. */
  static final int PHONE_WIDTH = 375;

  private Playwright playwright;
  private Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();
  /** What the browser reported blocking under the pages' Content-Security-Policy. */
  private final List<String> cspViolations = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Requests the pages made to anywhere but the node (a CDN, a font service): there must be none. */
  private final List<String> foreignRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Other origins a test means to visit (a sign-in provider's pages), not counted as foreign. */
  private final List<String> visitedOrigins = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    launch();
  }

  /** Starts the browser (done before the class's tests when registered as an extension). */
  void launch() {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException(CHROMIUM + " is missing: install Debian's chromium (scripts/test-deps.sh does)");
    }
    playwright = Playwright.create(new Playwright.CreateOptions()
      .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
      .setExecutablePath(CHROMIUM)
      .setHeadless(true)
      .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run")));
  }

  /** A fresh user's browser (no storage) against the node, at 375 px wide. */
  BrowserContext context(int port) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
      .setBaseURL("http://127.0.0.1:" + port)
      .setViewportSize(PHONE_WIDTH, 780));
    context.setDefaultTimeout(15_000);
    context.onConsoleMessage(m -> {
      if (m.text().contains("Content Security Policy")) {
        cspViolations.add(m.text());
      }
    });
    String origin = "http://127.0.0.1:" + port;
    context.onRequest(r -> {
      if (!r.url().startsWith(origin + "/") && !r.url().startsWith("ws://127.0.0.1:" + port + "/")
        && !r.url().startsWith("data:") && visitedOrigins.stream().noneMatch(o -> r.url().startsWith(o + "/"))) {
        foreignRequests.add(r.url());
      }
    });
    contexts.add(context);
    return context;
  }

  /** Lets the pages go to {@code origin} (such as a sign-in provider) without counting it as a foreign request. */
  void allowVisitsTo(String origin) {
    visitedOrigins.add(origin);
  }

  /** A page of a browser already signed in with {@code auth} (what the sign-in page stores). */
  Page signedIn(int port, JsonObject auth) {
    Page page = context(port).newPage();
    page.navigate("/signin.html");
    page.evaluate("s => localStorage.setItem('liveroom.session', s)", auth.encode());
    return page;
  }

  /** Whether the page lays out within its viewport: no horizontal scrolling at phone width. */
  static boolean fitsWidth(Page page) {
    return (Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
  }

  @Override
  public void afterTestExecution(ExtensionContext test) throws Exception {
    if (test.getExecutionException().isEmpty()) {
      return;
    }
    Path dir = Paths.get("target", "browser-failures");
    Files.createDirectories(dir);
    int n = 0;
    for (BrowserContext context : contexts) {
      for (Page page : context.pages()) {
        Path file = dir.resolve(test.getRequiredTestClass().getSimpleName() + "-" + test.getRequiredTestMethod().getName()
          + "-" + (++n) + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext test) {
    List<String> violations = cspViolations();
    List<String> foreign = foreignRequests();
    closeContexts();
    org.assertj.core.api.Assertions.assertThat(violations).as("what the page's CSP blocked").isEmpty();
    org.assertj.core.api.Assertions.assertThat(foreign).as("requests to other origins").isEmpty();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** The CSP violations the browser reported since the last {@link #closeContexts}. */
  List<String> cspViolations() {
    return List.copyOf(cspViolations);
  }

  /** Requests to other origins since the last {@link #closeContexts}. */
  List<String> foreignRequests() {
    return List.copyOf(foreignRequests);
  }

  /** Closes the test's contexts (done after each test when registered as an extension). */
  void closeContexts() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
    cspViolations.clear();
    foreignRequests.clear();
  }

  @Override
  public void close() {
    closeContexts();
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }
}
