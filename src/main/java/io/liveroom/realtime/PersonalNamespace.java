package io.liveroom.realtime;

import io.liveroom.auth.Principal;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;

import java.time.Duration;

/**
 * {@code user:<id>}: each user's personal channel. The server subscribes every connection of the
 * user to it at connect (a server-side subscription), so clients never subscribe to it themselves.
 * It carries publications from {@link Realtime#publish}, {@code message} pushes and the control
 * orders (disconnect, unsubscribe) that must reach the user on whichever node they are connected.
 */
final class PersonalNamespace implements ChannelNamespace {
  static final String NAME = "user";
  private static final NamespaceOptions OPTIONS = new NamespaceOptions(0, Duration.ZERO, false, false, false);

  static String channel(long userId) {
    return NAME + ":" + userId;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public NamespaceOptions options() {
    return OPTIONS;
  }

  @Override
  public Future<Void> authorizeSubscribe(Principal principal, String channel) {
    return Future.failedFuture(AppException.of(ErrorCode.PERMISSION_DENIED,
      "The personal channel is subscribed by the server at connect."));
  }
}
