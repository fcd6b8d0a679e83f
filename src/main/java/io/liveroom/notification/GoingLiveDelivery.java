package io.liveroom.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Where a committed batch of going-live inbox rows goes next: the live publication on each user's
 * personal channel and the mobile push (the bootstrap wires them). Called by the fan-out job once
 * per committed batch, with the users whose row was inserted by that batch (never a user twice for
 * one session, except when a node dies between the commit and this call: the batch is then not
 * told again, so live delivery is at most once while the inbox row is exactly once). Called on the
 * job worker's event loop: it must not block, and its failures are its own (logged there).
 */
@FunctionalInterface
public interface GoingLiveDelivery {
  void delivered(GoingLive live, List<Long> userIds);

  /** The stand-in until the personal channel and push are wired: a DEBUG line per batch. */
  GoingLiveDelivery LOG_ONLY = new GoingLiveDelivery() {
    private static final Logger LOG = LoggerFactory.getLogger(GoingLiveDelivery.class);

    @Override
    public void delivered(GoingLive live, List<Long> userIds) {
      LOG.debug("Going-live of host {} (session {}): {} inbox rows, no live delivery wired", live.hostId(),
        live.sessionId(), userIds.size());
    }
  };
}
