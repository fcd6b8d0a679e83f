package io.liveroom.loadtest;

import io.vertx.core.Future;

import java.util.List;
import java.util.function.BiConsumer;

/** Opening and closing many protocol connections: open, {@code connect} with the token, subscribe. */
final class Connect {
  private Connect() {
  }

  /**
   * One socket per user, at most 64 handshakes in flight; {@code setup} runs before subscribing so
   * no publication is missed. Fails if any connection fails (use {@link #one} to count errors).
   */
  static Future<List<RtClient>> subscribed(Run run, List<Api.User> users, String channel, int port,
                                           BiConsumer<Integer, RtClient> setup) {
    return run.inParallel(users.size(), 64, i -> one(run, users.get(i), channel, port, c -> setup.accept(i, c)));
  }

  static Future<RtClient> one(Run run, Api.User user, String channel, int port, java.util.function.Consumer<RtClient> setup) {
    return run.sockets.open(run.options.host(), port).compose(c -> {
      setup.accept(c);
      return c.connect(user.token()).map(r -> r.orFail("connect"))
        .compose(r -> channel == null ? Future.succeededFuture(r) : c.subscribe(channel).map(s -> s.orFail("subscribe " + channel)))
        .map(r -> {
          run.stats.connected.increment();
          return c;
        })
        .onFailure(e -> c.close());
    });
  }

  static Future<Void> closeAll(List<RtClient> clients) {
    return Future.join(clients.stream().map(RtClient::close).toList()).otherwiseEmpty().mapEmpty();
  }
}
