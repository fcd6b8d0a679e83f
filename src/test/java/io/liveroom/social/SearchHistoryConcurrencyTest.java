package io.liveroom.social;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.liveroom.support.ConcurrentRequests;
import io.liveroom.support.LiveNode;
import io.liveroom.support.Members.Member;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("One user's concurrent searches, over many connections on two event loops, all reach the history without a deadlock")
class SearchHistoryConcurrencyTest {
  /** The default history size: trims of a history this long deadlocked (PERFORMANCE.md, "Search p99"). */
  private static final int KEEP = 50;

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().loops(2).resetEachTest()
    .config(c -> c.getJsonObject("social").getJsonObject("search").put("historySize", KEEP))
    .config(c -> c.getJsonObject("pg").put("poolSize", 16)).build();

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger logger;
  private SocialFixtures app;

  @BeforeEach
  void setUp() {
    app = new SocialFixtures(node.get());
    logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(SearchService.class);
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
  }

  @Test
  @DisplayName("Rounds of 48 searches at once (new and repeated queries, each trimming the history) record every one: no failure logged, and the newest 50 kept")
  void concurrentSearchesOfOneUser() {
    Member me = app.user("busy-searcher");
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      List<HttpRequest> searches = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        // 400 distinct queries: most searches insert a row and trim one, some move an old one to the top.
        String q = "q" + random.nextInt(400);
        searches.add(ConcurrentRequests.get(node.httpPort(), "/api/v1/search?type=users&q=" + q, me.token(),
          Duration.ofSeconds(30)));
      }
      assertThat(ConcurrentRequests.byStatus(ConcurrentRequests.fire(searches))).containsOnlyKeys(200);
    }
    assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList())
      .as("history writes that failed (a deadlock was the cause before V155)").isEmpty();
    JsonObject history = app.http.get("/api/v1/me/search-history", me.token()).json();
    List<String> queries = history.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("query")).toList();
    assertThat(queries).as("trimmed to the newest %d, each once", KEEP).hasSize(KEEP).doesNotHaveDuplicates();
    assertThat(SocialFixtures.count("SELECT count(*) FROM search_history WHERE user_id = ?", me.id())).isEqualTo(KEEP);
  }
}
