package io.liveroom.room;

import io.liveroom.support.RecordingRealtime;
import io.liveroom.Node;
import io.liveroom.account.PgUserDirectory;
import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.config.AppConfig;
import io.liveroom.config.RoomsConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real node (PostgreSQL, Redis, Vert.x) with a second, test-owned {@link RoomsCapability} on it whose
 * real-time side is a {@link RecordingRealtime} and whose viewer count the test sets. Rooms, users
 * and sessions are real rows; chat goes through the namespace exactly as the core will call it.
 */
final class RoomFixture implements AutoCloseable {
  final Node node;
  final RecordingRealtime realtime = new RecordingRealtime();
  final AtomicInteger viewers = new AtomicInteger();
  /** The test capability's own meters (the node's registry holds the node's own). */
  final MeterRegistry registry = new SimpleMeterRegistry();
  final RoomsCapability rooms;

  private RoomFixture(Node node, RoomsConfig config) {
    this.node = node;
    this.rooms = new RoomsCapability(node.vertx(), node.pool(), node.redis(), realtime,
      channel -> Future.succeededFuture(viewers.get()), new PgUserDirectory(node.pool()),
      new BearerAuth(node.accessTokens(), p -> Future.succeededFuture()),
      userId -> node.accounts().minors().requireMayHost(userId), config, registry, node.clock(), 0);
    await(rooms.start());
  }

  /** Boots with the default config, changed by {@code customize} (the JSON config tree). */
  static RoomFixture start(Consumer<JsonObject> customize) {
    TestInfra.get().reset();
    Node node = TestNodes.start(customize);
    JsonObject json = TestNodes.baseConfig();
    customize.accept(json);
    return new RoomFixture(node, AppConfig.from(json).rooms());
  }

  static RoomFixture start() {
    return start(json -> { });
  }

  @Override
  public void close() {
    await(rooms.stop());
    await(rooms.drain());
    TestNodes.stop(node);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Inserts a user straight into the users table (accounts is not what is under test). A verified
   * user is an adult (born 1990-01-01), as verification always records the ID's birth date.
   */
  static long user(String nickname, boolean verified) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(
      // phone_idx: the account has a phone (hosting and chat need one); a random index stands for it.
      "INSERT INTO users (nickname, avatar_url, identity_verified, birth_date, phone_idx)"
        + " VALUES (?, ?, ?, ?, decode(md5(random()::text || clock_timestamp()::text), 'hex')) RETURNING id")) {
      st.setString(1, nickname);
      st.setString(2, "https://cdn.example.com/a/" + nickname + ".png");
      st.setBoolean(3, verified);
      st.setObject(4, verified ? java.time.LocalDate.of(1990, 1, 1) : null);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Principal principal(long userId) {
    return new Principal(userId, Role.USER, "s-" + userId);
  }

  /** A platform admin: the role stored in accounts (what privileged actions read) and a token saying so. */
  static Principal admin(long userId) {
    setRole(userId, Role.ADMIN);
    return new Principal(userId, Role.ADMIN, "s-" + userId);
  }

  static void setRole(long userId, Role role) {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement("UPDATE users SET role = ? WHERE id = ?")) {
      st.setString(1, role.wire());
      st.setLong(2, userId);
      st.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A verified host's new room, live. */
  Room liveRoom(long hostId) {
    Room room = await(rooms.lifecycle().create(principal(hostId),
      new NewRoom("Evening show", null, "music", java.util.List.of("live")))).room();
    return await(rooms.lifecycle().start(principal(hostId), room.id()));
  }

  /** What the core does on a client publish: ask the namespace, then publish what it returns. */
  JsonObject chat(long userId, Room room, String text) {
    JsonObject out = await(rooms.namespace().authorizePublish(principal(userId), room.channel(),
      new JsonObject().put("text", text)));
    await(realtime.publish(room.channel(), out));
    return out;
  }

  static long count(String sql, Object... args) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void sql(String statement) {
    try (Connection c = TestInfra.get().jdbc(); java.sql.Statement st = c.createStatement()) {
      st.execute(statement);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
