package io.liveroom.consent;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;

/**
 * One decision of the ledger, or the current state of a purpose (its latest decision). A purpose
 * never decided has {@code granted = false} and null version, source and time.
 */
public record ConsentDecision(Purpose purpose, boolean granted, String policyVersion,
                              ConsentSource source, OffsetDateTime at) {
  public static ConsentDecision undecided(Purpose purpose) {
    return new ConsentDecision(purpose, false, null, null, null);
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("purpose", purpose.wire())
      .put("granted", granted)
      .put("policyVersion", policyVersion)
      .put("source", source == null ? null : source.wire())
      .put("at", at == null ? null : at.toInstant().toString());
  }
}
