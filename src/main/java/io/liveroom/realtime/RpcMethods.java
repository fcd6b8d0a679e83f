package io.liveroom.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The RPC methods callable over the socket, registered in code by their name. */
public final class RpcMethods {
  private final Map<String, RpcMethod> byName = new ConcurrentHashMap<>();

  public void register(RpcMethod method) {
    if (byName.putIfAbsent(method.name(), method) != null) {
      throw new IllegalStateException("RPC method '" + method.name() + "' is registered twice");
    }
  }

  /** The method, or null when none has that name (the client gets method not found, 104). */
  public RpcMethod find(String name) {
    return byName.get(name);
  }
}
