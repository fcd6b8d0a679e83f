package io.liveroom.realtime.broker;

import java.nio.charset.StandardCharsets;

/**
 * A message with no history: a join or leave (payload = encoded ClientInfo), a message push to a
 * user (payload = raw JSON data), or a control order for a user's connections (disconnect with a
 * code, unsubscribe from a channel). Control orders travel on the user's personal channel, so they
 * reach exactly the nodes where that user is connected.
 */
public record BrokerEvent(Type type, byte[] payload) {
  public enum Type {
    JOIN('j'), LEAVE('l'), MESSAGE('m'), DISCONNECT('d'), UNSUBSCRIBE('u');

    final char wire;

    Type(char wire) {
      this.wire = wire;
    }

    static Type of(byte wire) {
      for (Type t : values()) {
        if (t.wire == wire) {
          return t;
        }
      }
      return null;
    }
  }

  public static BrokerEvent disconnect(int code) {
    return new BrokerEvent(Type.DISCONNECT, Integer.toString(code).getBytes(StandardCharsets.US_ASCII));
  }

  public static BrokerEvent unsubscribe(String channel) {
    return new BrokerEvent(Type.UNSUBSCRIBE, channel.getBytes(StandardCharsets.UTF_8));
  }

  /** An unsubscribe order with the code and reason for the client: "channel\ncode\nreason". */
  public static BrokerEvent unsubscribe(String channel, int code, String reason) {
    return new BrokerEvent(Type.UNSUBSCRIBE, (channel + "\n" + code + "\n" + reason).getBytes(StandardCharsets.UTF_8));
  }

  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** The wire form on Redis PUB/SUB: one type byte, then the payload. */
  public byte[] encode() {
    byte[] out = new byte[payload.length + 1];
    out[0] = (byte) type.wire;
    System.arraycopy(payload, 0, out, 1, payload.length);
    return out;
  }
}
