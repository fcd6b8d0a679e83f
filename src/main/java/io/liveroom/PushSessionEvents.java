package io.liveroom;

import io.liveroom.account.SessionEvents;
import io.liveroom.push.DeviceService;

/**
 * Connects accounts' {@link SessionEvents} to push (wiring: neither knows the other). A revoked
 * session (logout, "sign out that device", refresh-token reuse, cancellation) loses its push
 * devices, so a phone that logged out stops receiving the user's notifications. A disabled account
 * needs no step here: its sessions are revoked one by one, each reaching {@link #sessionRevoked}.
 */
final class PushSessionEvents implements SessionEvents {
  private final DeviceService devices;

  PushSessionEvents(DeviceService devices) {
    this.devices = devices;
  }

  @Override
  public void sessionRevoked(long userId, String sessionId) {
    devices.sessionEnded(userId, sessionId);
  }

  @Override
  public void userDisabled(long userId) {
  }
}
