package io.liveroom.auth;

/** Platform-wide roles. Room moderators are a per-room grant, not this role. */
public enum Role {
  USER("user"), MODERATOR("moderator"), ADMIN("admin");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Role fromWire(String value) {
    for (Role r : values()) {
      if (r.wire.equals(value)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role " + value);
  }
}
