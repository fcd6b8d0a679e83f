package io.liveroom.support;

import io.liveroom.infra.Database;
import io.liveroom.infra.RedisClients;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.TimeUnit;

/**
 * A Vert.x instance and clients of the shared test PostgreSQL and Redis, as a JUnit 5 extension, for
 * tests of a component rather than of a node. On a {@code static} field it lives for the class, on
 * an instance field for one test; closing the Vert.x instance closes the clients.
 * The pool and the Redis client are made on first use. {@link Builder#reset()} empties the data
 * when the scope starts, {@link Builder#resetEachTest()} before every test.
 * {@code @RegisterExtension static final LiveInfra infra = LiveInfra.builder().reset().build();}
 */
public final class LiveInfra implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final Builder spec;
  private Vertx vertx;
  private Pool pool;
  private Redis redisClient;
  private RedisAPI redis;
  private boolean perTest;

  private LiveInfra(Builder spec) {
    this.spec = spec;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Vertx vertx() {
    if (vertx == null) {
      throw new IllegalStateException("The LiveInfra extension has not started (or has stopped) its Vert.x instance");
    }
    return vertx;
  }

  /** A pool of the test PostgreSQL, {@link Builder#poolSize(int)} connections. */
  public synchronized Pool pool() {
    if (pool == null) {
      pool = Database.pool(vertx(), TestInfra.get().pgUrl(), spec.poolSize);
    }
    return pool;
  }

  /** The test Redis, through a client of {@link Builder#poolSize(int)} connections. */
  public synchronized RedisAPI redis() {
    if (redis == null) {
      redis = RedisClients.api(redisClient());
    }
    return redis;
  }

  /** The client behind {@link #redis()}, for tests that send requests or open connections themselves. */
  public synchronized Redis redisClient() {
    if (redisClient == null) {
      redisClient = RedisClients.client(vertx(), TestInfra.get().redisUrl(), spec.poolSize);
    }
    return redisClient;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (vertx == null) {
      perTest = true;
      start();
    } else if (spec.resetEachTest) {
      TestInfra.get().reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (perTest) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  private void start() {
    if (spec.reset || spec.resetEachTest) {
      TestInfra.get().reset();
    }
    vertx = Vertx.vertx(spec.options);
  }

  private synchronized void stop() throws Exception {
    if (redisClient != null) {
      redisClient.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    vertx = null;
    pool = null;
    redisClient = null;
    redis = null;
  }

  /** Event loops, workers, pool size, and when the data is reset. */
  public static final class Builder {
    private final VertxOptions options = new VertxOptions();
    private int poolSize = 4;
    private boolean reset;
    private boolean resetEachTest;

    private Builder() {
    }

    public Builder loops(int loops) {
      options.setEventLoopPoolSize(loops);
      return this;
    }

    public Builder workers(int workers) {
      options.setWorkerPoolSize(workers);
      return this;
    }

    /** Connections in the PostgreSQL pool and in the Redis client. */
    public Builder poolSize(int size) {
      this.poolSize = size;
      return this;
    }

    /** Empties the database and Redis when the scope (class or test) starts. */
    public Builder reset() {
      this.reset = true;
      return this;
    }

    /** Empties the database and Redis before every test. */
    public Builder resetEachTest() {
      this.resetEachTest = true;
      return this;
    }

    public LiveInfra build() {
      return new LiveInfra(this);
    }
  }
}
