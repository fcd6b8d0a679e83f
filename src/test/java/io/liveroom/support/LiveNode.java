package io.liveroom.support;

import io.liveroom.Node;
import io.liveroom.NodeSeams;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A real node for a test, as a JUnit 5 extension: the shared infrastructure is reset, then the node
 * starts on a random port; it stops when the scope ends.
 * <ul>
 *   <li>On a {@code static} field the node lives for the whole class (the cheap, usual case):
 *   {@code @RegisterExtension static final LiveNode node = LiveNode.builder().loops(2).build();}</li>
 *   <li>On an instance field it lives for one test, for tests about start-up or per-test config.</li>
 *   <li>Two nodes behind one load balancer are two fields, ordered with {@code @Order}; the second
 *   one is built with {@link Builder#keepData()} so that it does not wipe what the first one wrote.</li>
 * </ul>
 * The extension holds the test's HTTP client and sockets: {@link #http()} may be kept in a field
 * before the node has started (it reads the port at each call), and {@link #socket()} closes
 * after each test.
 */
public final class LiveNode implements Supplier<Node>, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
  AfterEachCallback {
  private final Builder spec;
  private final TestHttp http = new TestHttp(this::httpPort);
  private final List<TestSocket> sockets = new CopyOnWriteArrayList<>();
  private Node node;
  private boolean perTest;

  private LiveNode(Builder spec) {
    this.spec = spec;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The node; fails when called outside the extension's scope. */
  @Override
  public Node get() {
    if (node == null) {
      throw new IllegalStateException("No node is running: the LiveNode extension starts it before the tests");
    }
    return node;
  }

  public int httpPort() {
    return get().httpPort();
  }

  /** A client of the node's public port. */
  public TestHttp http() {
    return http;
  }

  /** A socket to the node, closed after the test. */
  public TestSocket socket() {
    return track(TestSocket.open(httpPort()));
  }

  /** Closes {@code socket} after the test (for sockets opened with headers, to another node, ...). */
  public TestSocket track(TestSocket socket) {
    sockets.add(socket);
    return socket;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (node == null) {
      perTest = true;
      start();
    } else if (spec.resetEachTest) {
      TestInfra.get().reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    sockets.forEach(TestSocket::close);
    sockets.clear();
    if (perTest) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private void start() throws Exception {
    if (!spec.keepData) {
      TestInfra.get().reset();
    }
    spec.beforeStart.run();
    node = TestNodes.start(spec.clock, json -> {
      json.getJsonObject("http").put("instances", spec.loops);
      spec.config.accept(json);
    }, spec.seams);
    try {
      spec.onStart.accept(node);
    } catch (RuntimeException | Error e) {
      stop();
      throw e;
    }
  }

  private void stop() {
    Node running = node;
    node = null;
    TestNodes.stop(running);
  }

  /** Something a test prepares before its node starts: rows it reads at start-up, a fake upstream. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  /** What the node is: config, event loops, clock, test doubles, and when the data is reset. */
  public static final class Builder {
    private Consumer<JsonObject> config = json -> { };
    private int loops = 1;
    private Clock clock = Clock.systemUTC();
    private NodeSeams seams = NodeSeams.none();
    private boolean resetEachTest;
    private boolean keepData;
    private Step beforeStart = () -> { };
    private Consumer<Node> onStart = node -> { };

    private Builder() {
    }

    /** Changes the config tree ({@link TestNodes#baseConfig()}); may be called several times. */
    public Builder config(Consumer<JsonObject> change) {
      this.config = this.config.andThen(change);
      return this;
    }

    /** Event loops (HTTP verticle instances); 1 unless a test is about several. */
    public Builder loops(int loops) {
      this.loops = loops;
      return this;
    }

    /** The clock the node's time-bound rules read, e.g. a {@link MutableClock}. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder seams(NodeSeams seams) {
      this.seams = seams;
      return this;
    }

    /** Empties the database and Redis before every test too, not only before the node starts. */
    public Builder resetEachTest() {
      this.resetEachTest = true;
      return this;
    }

    /** Starts on the data as it is, without the reset: a second node joining one that has started. */
    public Builder keepData() {
      this.keepData = true;
      return this;
    }

    /** Runs after the reset and before the node starts (rows it reads at start-up, a fake upstream). */
    public Builder beforeStart(Step step) {
      this.beforeStart = step;
      return this;
    }

    /** Runs once the node has started (test channels, listeners); may be called several times. */
    public Builder onStart(Consumer<Node> step) {
      this.onStart = this.onStart.andThen(step);
      return this;
    }

    public LiveNode build() {
      return new LiveNode(this);
    }
  }
}
