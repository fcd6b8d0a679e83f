package io.liveroom.reward;

import io.liveroom.support.RecordingRealtime;
import io.liveroom.Node;
import io.liveroom.NodeSeams;
import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.error.AppException;
import io.liveroom.http.WebhookSignature;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.liveroom.reward.RewardFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of recharge, gift, withdraw, approve and reject against a simple model of who
 * holds what. After every step the ledger's invariants hold (reconciliation) and the balances equal
 * the model's.
 */
@Label("The ledger matches a simple model under random recharge/gift/withdraw/reject sequences")
class LedgerPropertyTest {
  private static final String SECRET = "whsec-property-0123456789";
  private static final long PRICE = 7;
  private static final InMemoryRooms rooms = new InMemoryRooms();
  private static final AtomicLong roomIds = new AtomicLong(10_000);
  private static Node node;
  private static long giftId;

  sealed interface Op permits Recharge, Gift, Withdraw, Approve, Reject {
  }

  record Recharge(int user) implements Op {
  }

  record Gift(int user, int count) implements Op {
  }

  record Withdraw(long beans) implements Op {
  }

  record Approve() implements Op {
  }

  record Reject() implements Op {
  }

  @BeforeContainer
  static void boot() throws Exception {
    TestInfra.get().reset();
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO topup_products (id, coins, price_minor, currency) VALUES ('p30', 30, 300, 'CNY')");
    }
    node = TestNodes.start(json -> {
      JsonObject r = json.getJsonObject("rewards");
      r.getJsonObject("webhook").put("secret", SECRET);
      r.getJsonObject("withdrawal").put("minBeans", 1);
      r.put("hostSharePercent", 60);
    }, new NodeSeams(rooms, new RecordingRealtime()));
    giftId = RewardFixtures.gift(node, "Prop", PRICE);
  }

  @AfterContainer
  static void shutdown() {
    TestNodes.stop(node);
  }

  @Provide
  Arbitrary<Op> ops() {
    Arbitrary<Integer> user = Arbitraries.integers().between(0, 1);
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(3, user.map(Recharge::new)),
      net.jqwik.api.Tuple.of(5, Combinators.combine(user, Arbitraries.integers().between(1, 4)).as(Gift::new)),
      net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1, 40).map(Withdraw::new)),
      net.jqwik.api.Tuple.of(1, Arbitraries.just(new Approve())),
      net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reject())));
  }

  /** What the model says each party holds. */
  static final class Model {
    final long[] users;
    final long host;
    final long room;
    final long[] coins = {0, 0};
    long beans;
    final Deque<Long> pending = new ArrayDeque<>();

    Model(long[] users, long host, long room) {
      this.users = users;
      this.host = host;
      this.room = room;
    }
  }

  @Property(tries = 25)
  void ledgerMatchesModel(@ForAll @Size(min = 1, max = 14) List<@net.jqwik.api.From("ops") Op> ops) {
    long room = roomIds.incrementAndGet();
    Model m = new Model(new long[] {RewardFixtures.adult("prop-a"), RewardFixtures.adult("prop-b")},
      RewardFixtures.adult("prop-host"), room);
    rooms.live(room, m.host, room);
    for (Op op : ops) {
      step(m, op);
      assertThat(RewardFixtures.coins(m.users[0])).as("after %s", op).isEqualTo(m.coins[0]);
      assertThat(RewardFixtures.coins(m.users[1])).as("after %s", op).isEqualTo(m.coins[1]);
      assertThat(RewardFixtures.beansIncludingPending(m.host)).as("after %s", op).isEqualTo(m.beans);
      JsonObject check = await(node.rewards().reconciliation().check());
      assertThat(check.getBoolean("ok")).as(check.encodePrettily()).isTrue();
    }
  }

  private static void step(Model m, Op op) {
    Principal admin = new Principal(0, Role.ADMIN, "s");
    if (op instanceof Recharge r) {
      recharge(m.users[r.user()]);
      m.coins[r.user()] += 30;
    } else if (op instanceof Gift g) {
      long cost = PRICE * g.count();
      boolean ok = outcome(() -> node.rewards().gifts().send(new Principal(m.users[g.user()], Role.USER, "s"),
        new GiftRequest(m.room, giftId, g.count(), UUID.randomUUID().toString())));
      assertThat(ok).as("gift of %d with %d coins", cost, m.coins[g.user()]).isEqualTo(m.coins[g.user()] >= cost);
      if (ok) {
        m.coins[g.user()] -= cost;
        m.beans += cost * 60 / 100;
      }
    } else if (op instanceof Withdraw w) {
      JsonObject[] created = new JsonObject[1];
      boolean ok = outcome(() -> node.rewards().withdrawals().request(new Principal(m.host, Role.USER, "s"),
        new JsonObject().put("beans", w.beans()).put("requestId", UUID.randomUUID().toString()))
        .onSuccess(j -> created[0] = j));
      assertThat(ok).as("withdraw %d of %d", w.beans(), m.beans).isEqualTo(m.beans >= w.beans());
      if (ok) {
        m.beans -= w.beans();
        m.pending.push(created[0].getLong("id"));
      }
    } else if (op instanceof Approve && !m.pending.isEmpty()) {
      assertThat(await(node.rewards().withdrawals().approve(admin, m.pending.pop())).getString("status")).isEqualTo("paid");
    } else if (op instanceof Reject && !m.pending.isEmpty()) {
      JsonObject w = await(node.rewards().withdrawals().reject(admin, m.pending.pop()));
      assertThat(w.getString("status")).isEqualTo("rejected");
      m.beans += w.getLong("beans");
    }
  }

  private static void recharge(long userId) {
    String body = new JsonObject().put("id", "evt-" + UUID.randomUUID()).put("type", "payment.succeeded")
      .put("data", new JsonObject().put("userId", userId).put("productId", "p30")).encode();
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    JsonObject r = await(node.rewards().payments().webhook(ts, WebhookSignature.sign(SECRET, Long.parseLong(ts), Buffer.buffer(body)),
      Buffer.buffer(body)));
    assertThat(r.getString("status")).isEqualTo("credited");
  }

  /** True if the call succeeded; false if refused for lack of funds; anything else fails the property. */
  private static boolean outcome(java.util.function.Supplier<io.vertx.core.Future<?>> call) {
    try {
      await(call.get());
      return true;
    } catch (AppException e) {
      assertThat(e.code().code()).isEqualTo("insufficient_balance");
      return false;
    }
  }
}
