package io.liveroom.infra;

import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A cache marker says whether a Redis cache is complete, and a rebuild sets it only if nothing was lost meanwhile")
class CacheMarkerTest {
  private Vertx vertx;
  private Redis client;
  private RedisAPI redis;

  @BeforeEach
  void start() {
    TestInfra.get().reset();
    vertx = Vertx.vertx();
    client = RedisClients.client(vertx, TestInfra.get().redisUrl(), 2);
    redis = RedisClients.api(client);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Absent marker: ensure() fills once, even when many readers ask at once, and sets the marker; present: nothing runs")
  void fillsOnceWhenAbsent() throws Exception {
    AtomicInteger fills = new AtomicInteger();
    CacheMarker marker = new CacheMarker(vertx, redis, "test", () -> {
      fills.incrementAndGet();
      return redis.set(List.of("test:entry", "1")).mapEmpty();
    });
    assertThat(await(marker.present())).isFalse();
    // Many readers find the marker absent at once; one that asks just after the rebuild finished
    // must not start a second one.
    List<Future<Void>> readers = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      readers.add(marker.ensure());
    }
    await(Future.all(readers));
    assertThat(fills).hasValue(1);
    assertThat(await(marker.present())).isTrue();
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "GET", "test:entry")).isEqualTo("1");
    await(marker.ensure());
    assertThat(fills).hasValue(1);
  }

  @Test
  @DisplayName("A wipe while the rebuild runs leaves the marker absent, so the next check rebuilds again")
  void wipeDuringRebuild() throws Exception {
    AtomicInteger fills = new AtomicInteger();
    CacheMarker marker = new CacheMarker(vertx, redis, "test", () -> fills.incrementAndGet() == 1
      ? redis.set(List.of("test:entry", "1")).compose(x -> redis.flushall(List.of())).mapEmpty()
      : redis.set(List.of("test:entry", "2")).mapEmpty());
    assertThatThrownBy(() -> await(marker.rebuild())).hasMessageContaining("wiped");
    assertThat(await(marker.present())).isFalse();

    // Right after a failed rebuild readers are refused for a moment (no storm); then the next one runs.
    long deadline = System.currentTimeMillis() + 5_000;
    boolean rebuilt = false;
    while (!rebuilt && System.currentTimeMillis() < deadline) {
      rebuilt = marker.ensure().toCompletionStage().toCompletableFuture()
        .handle((ok, e) -> e == null).get(10, TimeUnit.SECONDS);
    }
    assertThat(rebuilt).isTrue();
    assertThat(fills).hasValue(2);
    assertThat(await(marker.present())).isTrue();
    assertThat(RedisProbe.command(TestInfra.get().redisUrl(), "GET", "test:entry")).isEqualTo("2");
  }

  @Test
  @DisplayName("invalidate(): the marker is deleted at the next check and the cache rebuilt with what was missed")
  void invalidate() throws Exception {
    AtomicInteger fills = new AtomicInteger();
    CacheMarker marker = new CacheMarker(vertx, redis, "test", () -> {
      fills.incrementAndGet();
      return Future.succeededFuture();
    });
    await(marker.ensure());
    marker.invalidate();
    await(marker.ensure());
    assertThat(fills).hasValue(2);
    assertThat(await(marker.present())).isTrue();
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }
}
