package io.liveroom.reward;

import io.liveroom.support.LiveNode;
import io.liveroom.support.RecordingRealtime;
import io.liveroom.NodeSeams;
import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.error.AppException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.liveroom.reward.RewardFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With one statement in flight, gifts that arrive together are written by one batched statement;
 * each must still get its own outcome, and a replayed request id inside a batch must not disturb
 * the others.
 */
@DisplayName("Micro-batched gifts keep per-gift outcomes")
class GiftBatchingTest {
  private static final InMemoryRooms rooms = new InMemoryRooms();
  private static final RecordingRealtime realtime = new RecordingRealtime();
  @RegisterExtension
  static final LiveNode node = LiveNode.builder()
    .config(json -> json.getJsonObject("rewards").put("batch",
      new JsonObject().put("maxGifts", 50).put("inFlight", 1)))
    .seams(new NodeSeams(rooms, realtime))
    .build();

  @Test
  @DisplayName("Rich and broke wallets and a replayed requestId in one burst: each gets exactly its own answer")
  void mixedBurst() {
    long host = RewardFixtures.adult("host-b");
    rooms.live(901, host, 9901);
    long gift = RewardFixtures.gift(node.get(), "Batch", 10);
    long replayer = RewardFixtures.adult("replayer-b");
    RewardFixtures.credit(node.get(), replayer, 10);
    GiftReceipt original = await(node.get().rewards().gifts().send(new Principal(replayer, Role.USER, "s"),
      new GiftRequest(901, gift, 1, "first")));

    List<Long> rich = new ArrayList<>();
    List<Long> broke = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long r = RewardFixtures.adult("rich-" + i);
      RewardFixtures.credit(node.get(), r, 25);
      rich.add(r);
      broke.add(RewardFixtures.adult("broke-" + i));
    }
    List<Future<GiftReceipt>> richSends = new ArrayList<>();
    List<Future<GiftReceipt>> brokeSends = new ArrayList<>();
    Future<GiftReceipt> replay = null;
    for (int i = 0; i < 20; i++) {
      richSends.add(send(rich.get(i), gift, 2, "r" + i));
      brokeSends.add(send(broke.get(i), gift, 1, "b" + i));
      if (i == 10) {
        replay = send(replayer, gift, 1, "first");
      }
    }
    for (Future<GiftReceipt> f : richSends) {
      assertThat(await(f).coins()).isEqualTo(20L);
    }
    for (Future<GiftReceipt> f : brokeSends) {
      AppException e = failure(f);
      assertThat(e.code().code()).isEqualTo("insufficient_balance");
    }
    assertThat(await(replay)).isEqualTo(original);
    for (long r : rich) {
      assertThat(RewardFixtures.coins(r)).isEqualTo(5L);
    }
    assertThat(RewardFixtures.coins(replayer)).isZero();
    assertThat(RewardFixtures.eventually(() -> realtime.on("room:901").size() == 21)).isTrue();
    assertThat(await(node.get().rewards().reconciliation().check()).getBoolean("ok")).isTrue();
    assertThat(node.get().rewards().gifts().batcher().multiGiftStatements()).as("gifts were batched").isPositive();
  }

  @Test
  @DisplayName("A batch containing an already-used request id falls back to one statement per gift: the others commit")
  void replayInsideBatchFallsBack() {
    long host = RewardFixtures.adult("host-fb");
    long[] users = {RewardFixtures.adult("fb-1"), RewardFixtures.adult("fb-2"), RewardFixtures.adult("fb-3")};
    for (long u : users) {
      RewardFixtures.credit(node.get(), u, 100);
    }
    LedgerRepository ledger = node.get().rewards().ledger();
    GiftRepository repo = new GiftRepository(node.get().pool());
    // The first gift waits at this gate, so the next two queue behind it and leave as one batch.
    io.vertx.core.Promise<Void> gate = io.vertx.core.Promise.promise();
    GiftBatcher batcher = new GiftBatcher(10, 1, io.micrometer.core.instrument.DistributionSummary.builder("t")
      .register(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), repo::sendBatch, p -> gate.future().compose(v -> repo.send(p)));
    GiftRepository.GiftPlan used = plan(ledger, users[1], host, "used");
    assertThat(await(repo.send(used))).isPresent();

    Future<java.util.Optional<GiftReceipt>> occupying = batcher.submit(plan(ledger, users[0], host, "x"));
    Future<java.util.Optional<GiftReceipt>> replayed = batcher.submit(used);
    Future<java.util.Optional<GiftReceipt>> fresh = batcher.submit(plan(ledger, users[2], host, "y"));
    gate.complete();

    assertThat(await(occupying)).isPresent();
    assertThat(await(fresh)).isPresent();
    assertThatReplayFailedAsDuplicate(replayed);
    assertThat(batcher.multiGiftStatements()).isEqualTo(1L);
    assertThat(RewardFixtures.coins(users[0])).isEqualTo(90L);
    assertThat(RewardFixtures.coins(users[1])).isEqualTo(90L);
    assertThat(RewardFixtures.coins(users[2])).isEqualTo(90L);
    assertThat(await(node.get().rewards().reconciliation().check()).getBoolean("ok")).isTrue();
  }

  private static void assertThatReplayFailedAsDuplicate(Future<?> f) {
    try {
      await(f);
      throw new AssertionError("a used key must not commit again");
    } catch (RuntimeException e) {
      assertThat(LedgerRetry.duplicateKey(e)).as(e.toString()).isTrue();
    }
  }

  private static GiftRepository.GiftPlan plan(LedgerRepository ledger, long sender, long host, String requestId) {
    long wallet = await(ledger.account(AccountKind.USER_COINS, sender));
    long platform = await(ledger.account(AccountKind.PLATFORM_REVENUE, null));
    long hostAccount = await(ledger.account(AccountKind.HOST_BEANS, host));
    long issuance = await(ledger.account(AccountKind.BEAN_ISSUANCE, null));
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    GiftRequest req = new GiftRequest(902, 1, 1, requestId);
    return new GiftRepository.GiftPlan(req.idempotencyKey(sender), req, sender, host, 9902, wallet, 10, 5, today,
      today.withDayOfMonth(1), 1_000, 10_000, new Long[] {wallet, platform, hostAccount, issuance},
      new String[] {"coin", "coin", "bean", "bean"}, new Long[] {-10L, 10L, 5L, -5L});
  }

  private static Future<GiftReceipt> send(long user, long gift, int count, String key) {
    return node.get().rewards().gifts().send(new Principal(user, Role.USER, "s"), new GiftRequest(901, gift, count, key));
  }

  private static AppException failure(Future<?> f) {
    try {
      await(f);
    } catch (AppException e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }
}
