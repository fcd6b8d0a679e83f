package io.liveroom.realtime;

import io.liveroom.Node;
import io.liveroom.auth.Principal;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Namespaces and an RPC method registered by the realtime tests, standing for what rooms and AI
 * register in production:
 * <ul>
 *   <li>{@code chat}: history (100, 5 min), presence, join/leave, client publish;</li>
 *   <li>{@code feed}: no history, no presence, client publish (for outage tests);</li>
 *   <li>{@code news}: history, server publish only;</li>
 *   <li>{@code locked}: nobody may subscribe;</li>
 *   <li>RPC {@code test.echo} returns its params with the caller's user id.</li>
 * </ul>
 */
final class TestChannels {
  private TestChannels() {
  }

  static void register(Node node) {
    node.namespaces().register(ns("chat", new NamespaceOptions(100, Duration.ofMinutes(5), true, true, true), true));
    node.namespaces().register(ns("feed", new NamespaceOptions(0, Duration.ZERO, false, false, true), true));
    node.namespaces().register(ns("news", new NamespaceOptions(100, Duration.ofMinutes(5), false, false, false), true));
    node.namespaces().register(ns("locked", new NamespaceOptions(0, Duration.ZERO, false, false, false), false));
    node.rpcMethods().register(new RpcMethod() {
      @Override
      public String name() {
        return "test.echo";
      }

      @Override
      public Future<JsonObject> call(RpcContext context, JsonObject params) {
        return Future.succeededFuture(params.copy().put("user", context.principal().userId()));
      }
    });
  }

  static ChannelNamespace ns(String name, NamespaceOptions options, boolean open) {
    return new ChannelNamespace() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public NamespaceOptions options() {
        return options;
      }

      @Override
      public Future<Void> authorizeSubscribe(Principal principal, String channel) {
        return open ? Future.succeededFuture()
          : Future.failedFuture(AppException.of(ErrorCode.PERMISSION_DENIED, "Not for you."));
      }

      @Override
      public Future<JsonObject> authorizePublish(Principal principal, String channel, JsonObject data) {
        return options.clientPublish() ? Future.succeededFuture(data)
          : ChannelNamespace.super.authorizePublish(principal, channel, data);
      }
    };
  }
}
