package io.liveroom.push;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Device tokens per user and session: register (moving a token from whoever had it), list,
 * unregister, and the removal of a session's tokens when that session ends (logout, revocation).
 */
public final class DeviceService {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceService.class);

  private final DeviceRepository devices;
  private final int maxPerUser;

  DeviceService(DeviceRepository devices, int maxPerUser) {
    this.devices = devices;
    this.maxPerUser = maxPerUser;
  }

  /**
   * Registers the token for the caller's login session. A token minted without one (the load
   * generator's benchmark tokens) is refused with 403: nothing could remove the device at logout.
   */
  Future<JsonObject> register(long userId, String sessionId, DeviceRoutes.Registration r) {
    UUID session;
    try {
      session = UUID.fromString(sessionId);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(AppException.of(ErrorCode.FORBIDDEN,
        "Push devices are registered from a login session; this token has none."));
    }
    return devices.register(userId, session, r.platform(), r.provider(), r.token(), r.appId(), maxPerUser)
      .map(PushDevice::toJson);
  }

  Future<JsonObject> list(long userId) {
    return devices.list(userId).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(d -> out.add(d.toJson()));
      return new JsonObject().put("devices", out);
    });
  }

  /** Removes the caller's device named by its token, or by its id when the path is a number. */
  Future<Void> unregister(long userId, String tokenOrId) {
    Long id = null;
    if (tokenOrId.matches("[1-9][0-9]{0,17}")) {
      id = Long.parseLong(tokenOrId);
    }
    return devices.deleteOwn(userId, tokenOrId, id).compose(done -> done ? Future.succeededFuture()
      : Future.failedFuture(AppException.of(ErrorCode.PUSH_DEVICE_NOT_FOUND, "You have no device with this token or id.")));
  }

  /** The session ended: its devices must not receive this user's notifications any more. Never fails. */
  public void sessionEnded(long userId, String sessionId) {
    UUID id;
    try {
      id = UUID.fromString(sessionId);
    } catch (IllegalArgumentException e) {
      LOG.warn("Session id {} of user {} is not a UUID; no push devices removed", sessionId, userId);
      return;
    }
    devices.deleteSession(userId, id)
      .onSuccess(n -> LOG.debug("Removed {} push device(s) of user {} with session {}", n, userId, sessionId))
      .onFailure(e -> LOG.warn("Could not remove the push devices of user {} session {}: {}", userId, sessionId,
        e.toString()));
  }
}
