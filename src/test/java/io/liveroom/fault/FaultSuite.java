package io.liveroom.fault;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives every fault scenario the one {@link Topology} of the run: started by the first scenario,
 * healed (anything down restarted, both nodes ready) before each scenario class, and torn down
 * when the whole run ends, also when a scenario failed (JUnit closes the root store's resources).
 * Register it with {@code @RegisterExtension static final FaultSuite suite = new FaultSuite();}.
 */
final class FaultSuite implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FaultSuite.class);
  private Topology topology;

  @Override
  public void beforeAll(ExtensionContext context) {
    topology = context.getRoot().getStore(NS).getOrComputeIfAbsent("topology", k -> Topology.start(), Topology.class);
    topology.heal();
  }

  Topology topology() {
    if (topology == null) {
      throw new IllegalStateException("FaultSuite must be registered as a static extension");
    }
    return topology;
  }
}
