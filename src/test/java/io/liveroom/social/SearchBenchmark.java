package io.liveroom.social;

import io.liveroom.Node;
import io.liveroom.NodeSeams;
import io.liveroom.auth.Role;
import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigLoader;
import io.liveroom.infra.EmbeddedPostgresServer;
import io.liveroom.infra.EmbeddedRedisServer;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Benchmark (not a test): search latency through the HTTP API of one node on the embedded default
 * (durable embedded PostgreSQL, embedded Redis), over {@code users} accounts and {@code rooms} rooms
 * seeded in SQL (half the nicknames start with two Chinese characters). Each query is a prefix of 1
 * to 3 characters of a real nickname or room title, sent with {@code concurrency} in flight; the
 * caller's search history is recorded as in production. Prints one JSON line per type with
 * p50/p95/p99 in milliseconds. See docs/PERFORMANCE.md for the command and results.
 *
 * <p>Arguments: {@code users rooms queries concurrency} (defaults 1000000 100000 5000 8).
 */
public final class SearchBenchmark {
  private SearchBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rooms = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int queries = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    Path dir = Files.createTempDirectory("liveroom-bench-search");
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, 0, true);
         EmbeddedRedisServer redis = EmbeddedRedisServer.start(0)) {
      JsonObject json = ConfigLoader.readDefaults();
      json.getJsonObject("http").put("port", 0).put("instances", 2);
      json.getJsonObject("pg").put("url", pg.url());
      json.getJsonObject("redis").put("url", redis.url());
      json.getJsonObject("auth").put("jwtSecret", "bench-secret-bench-secret-bench-secret-0123");
      json.getJsonObject("data").put("dir", dir.resolve("data").toString());
      Node node = Node.start(AppConfig.from(json), Clock.systemUTC(), NodeSeams.none())
        .toCompletionStage().toCompletableFuture().get();
      try {
        long t0 = System.nanoTime();
        List<String> samples = seed(pg.url(), users, rooms);
        System.out.println(new JsonObject().put("seeded", true).put("users", users).put("rooms", rooms)
          .put("seconds", (System.nanoTime() - t0) / 1_000_000_000L).encode());
        String token = node.accessTokens().issue(1, Role.USER, "bench");
        for (String type : List.of("users", "rooms")) {
          measure(node.httpPort(), token, type, samples, Math.min(500, queries), concurrency, "warmup");
          measure(node.httpPort(), token, type, samples, queries, concurrency, "measure");
        }
      } finally {
        node.stop().toCompletionStage().toCompletableFuture().get();
      }
    }
  }

  /** Seeds in SQL and returns sample texts (nicknames and titles) to take prefixes of. */
  private static List<String> seed(String pgUrl, int users, int rooms) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + pgUrl.replace("postgresql://postgres@", "postgresql://")
      + "?user=postgres"); Statement st = c.createStatement()) {
      st.execute("INSERT INTO users (nickname, status) SELECT CASE WHEN i % 2 = 0"
        + " THEN chr((19968 + (i * 7919) % 3000)::int) || chr((19968 + (i * 104729) % 3000)::int) || substr(md5(i::text), 1, 4)"
        + " ELSE substr(md5(i::text), 1, 10) END, CASE WHEN i % 100 = 0 THEN 'banned' ELSE 'active' END"
        + " FROM generate_series(1::bigint, " + users + ") AS i");
      st.execute("INSERT INTO rooms (host_id, title, category, status, stream_key_hash) SELECT 1 + (i * 7) % " + users
        + ", CASE WHEN i % 2 = 0 THEN chr((19968 + (i * 31) % 3000)::int) || '音乐' || chr((19968 + (i * 17) % 3000)::int)"
        + " ELSE 'show ' || substr(md5(i::text), 1, 8) END, (ARRAY['music','dance','chat','game'])[1 + i % 4],"
        + " CASE WHEN i % 10 = 0 THEN 'live' ELSE 'idle' END, '\\x00'::bytea FROM generate_series(1::bigint, " + rooms + ") AS i");
      st.execute("ANALYZE users");
      st.execute("ANALYZE rooms");
      List<String> samples = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("(SELECT nickname FROM users TABLESAMPLE SYSTEM (1) LIMIT 500)"
        + " UNION ALL (SELECT title FROM rooms TABLESAMPLE SYSTEM (5) LIMIT 500)")) {
        while (rs.next()) {
          samples.add(rs.getString(1));
        }
      }
      return samples;
    }
  }

  private static void measure(int port, String token, String type, List<String> samples, int queries, int concurrency,
                              String phase) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Random random = new Random(42);
    long[] micros = new long[queries];
    Semaphore inFlight = new Semaphore(concurrency);
    List<CompletableFuture<?>> all = new ArrayList<>();
    int[] failures = {0};
    for (int i = 0; i < queries; i++) {
      String text = samples.get(random.nextInt(samples.size()));
      String q = text.substring(0, text.offsetByCodePoints(0, Math.min(text.codePointCount(0, text.length()),
        1 + random.nextInt(3))));
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/search?type=" + type
        + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).GET().build();
      inFlight.acquire();
      long start = System.nanoTime();
      int slot = i;
      all.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
        micros[slot] = (System.nanoTime() - start) / 1_000;
        if (e != null || r.statusCode() != 200) {
          synchronized (failures) {
            failures[0]++;
          }
        }
        inFlight.release();
      }));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
    Arrays.sort(micros);
    System.out.println(new JsonObject().put("phase", phase).put("type", type).put("queries", queries)
      .put("concurrency", concurrency).put("failures", failures[0])
      .put("p50ms", micros[queries / 2] / 1000.0).put("p95ms", micros[(int) (queries * 0.95)] / 1000.0)
      .put("p99ms", micros[(int) (queries * 0.99)] / 1000.0).put("maxMs", micros[queries - 1] / 1000.0).encode());
  }
}
