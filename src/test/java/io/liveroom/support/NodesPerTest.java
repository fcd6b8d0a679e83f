package io.liveroom.support;

import io.liveroom.Node;
import io.liveroom.NodeSeams;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Nodes that a test starts itself, as a JUnit 5 extension: for tests about start-up, restarts, or a
 * config that differs from one test to the next ({@link LiveNode} covers a class that shares one).
 * The infrastructure is reset before each test, and every node the test started is stopped after
 * it, last started first, whether the test passed or not.
 * {@code @RegisterExtension final NodesPerTest nodes = new NodesPerTest();}
 */
public final class NodesPerTest implements BeforeEachCallback, AfterEachCallback {
  private final List<Node> started = new ArrayList<>();

  public Node start() {
    return start(json -> { });
  }

  public Node start(Consumer<JsonObject> customize) {
    return start(Clock.systemUTC(), customize);
  }

  public Node start(Clock clock, Consumer<JsonObject> customize) {
    return start(clock, customize, NodeSeams.none());
  }

  public Node start(Clock clock, Consumer<JsonObject> customize, NodeSeams seams) {
    Node node = TestNodes.start(clock, customize, seams);
    started.add(node);
    return node;
  }

  /** Stops {@code node} now (a restart, a node going away mid-test); stopping it twice is harmless. */
  public void stop(Node node) {
    if (started.remove(node)) {
      TestNodes.stop(node);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    TestInfra.get().reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    while (!started.isEmpty()) {
      stop(started.get(started.size() - 1));
    }
  }
}
