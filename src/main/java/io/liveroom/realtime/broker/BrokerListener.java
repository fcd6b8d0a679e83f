package io.liveroom.realtime.broker;

import io.liveroom.realtime.protocol.ClientProtocol.Publication;

/**
 * Receives what the broker delivers. Called on the broker's own thread, or the publisher's (the
 * in-memory broker, and publications without history, which a node delivers to itself first):
 * implementations hand the work to the event loops owning the sockets.
 */
public interface BrokerListener {
  /** A publication, with its offset set (0 when the channel keeps no history) and its epoch. */
  void onPublication(String channel, Publication publication, String epoch);

  void onEvent(String channel, BrokerEvent event);

  /**
   * The node's subscription was broken and is restored: messages may have been missed meanwhile,
   * so subscribers of history channels must recover.
   */
  void onResubscribed();
}
