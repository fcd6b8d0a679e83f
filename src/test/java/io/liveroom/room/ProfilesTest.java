package io.liveroom.room;

import io.liveroom.account.PgUserDirectory;
import io.liveroom.account.UserDirectory;
import io.liveroom.account.UserSummary;
import io.liveroom.support.Await;
import io.liveroom.support.LiveInfra;
import io.liveroom.support.MutableClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.liveroom.room.RoomFixture.await;
import static io.liveroom.room.RoomFixture.sql;
import static io.liveroom.room.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Sender profiles: stale-while-revalidate, one lookup per user, answers on the caller's event loop")
class ProfilesTest {
  @RegisterExtension
  final LiveInfra infra = LiveInfra.builder().loops(2).poolSize(2).reset().build();
  private final MutableClock clock = MutableClock.now();
  private GatedDirectory directory;
  private Profiles profiles;

  /** The real directory, whose answers the test lets through when it chooses (a slow or hung database). */
  private static final class GatedDirectory implements UserDirectory {
    private final UserDirectory real;
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile Promise<Void> gate = Promise.promise();

    GatedDirectory(UserDirectory real) {
      this.real = real;
    }

    @Override
    public Future<UserSummary> find(long userId) {
      lookups.incrementAndGet();
      return gate.future().compose(v -> real.find(userId));
    }

    @Override
    public Future<UserSummary> requireVerified(long userId) {
      return find(userId);
    }

    @Override
    public Future<io.liveroom.auth.Role> currentRole(long userId) {
      return real.currentRole(userId);
    }

    void open() {
      gate.tryComplete();
    }

    void close() {
      gate = Promise.promise();
    }
  }

  @BeforeEach
  void setUp() {
    directory = new GatedDirectory(new PgUserDirectory(infra.pool()));
    profiles = new Profiles(directory, Duration.ofSeconds(10), clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    directory.open();
  }

  @Test
  @DisplayName("Two event loops asking for an unseen user share one lookup, and each gets the answer on its own loop")
  void singleFlightOnCallersContext() throws Exception {
    long ann = user("ann", true);
    Context first = infra.vertx().getOrCreateContext();
    Context second = infra.vertx().getOrCreateContext();
    CompletableFuture<Boolean> onFirst = new CompletableFuture<>();
    CompletableFuture<Boolean> onSecond = new CompletableFuture<>();
    CompletableFuture<Void> asked = new CompletableFuture<>();
    first.runOnContext(v -> profiles.find(ann).onComplete(ar -> onFirst.complete(ar.succeeded()
      && Vertx.currentContext() == first)));
    second.runOnContext(v -> {
      profiles.find(ann).onComplete(ar -> onSecond.complete(ar.succeeded() && Vertx.currentContext() == second));
      asked.complete(null);
    });
    asked.get(10, TimeUnit.SECONDS);
    directory.open();
    assertThat(onFirst.get(10, TimeUnit.SECONDS)).as("first caller answered on its context").isTrue();
    assertThat(onSecond.get(10, TimeUnit.SECONDS)).as("second caller answered on its context").isTrue();
    assertThat(directory.lookups).hasValue(1);
  }

  @Test
  @DisplayName("A profile past its TTL is answered at once while the database hangs; one refresh runs, and its answer is used next")
  void staleWhileRevalidate() throws InterruptedException {
    long ann = user("ann", true);
    directory.open();
    assertThat(await(profiles.find(ann)).nickname()).isEqualTo("ann");

    clock.advance(Duration.ofSeconds(11));
    directory.close();
    sql("UPDATE users SET nickname = 'ann2' WHERE id = " + ann);
    for (int i = 0; i < 20; i++) {
      Future<UserSummary> stale = profiles.find(ann);
      assertThat(stale.isComplete()).as("answered without waiting for the database").isTrue();
      assertThat(stale.result().nickname()).isEqualTo("ann");
    }
    assertThat(directory.lookups).as("the first load and one refresh").hasValue(2);

    directory.open();
    Await.within(10_000, 20, () -> "ann2".equals(await(profiles.find(ann)).nickname()));
    assertThat(await(profiles.find(ann)).nickname()).isEqualTo("ann2");
  }
}
