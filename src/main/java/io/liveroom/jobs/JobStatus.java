package io.liveroom.jobs;

import io.vertx.core.json.JsonObject;

/** Where a job stands: {@code pending}, {@code running}, {@code done} or {@code failed}, its saved cursor, its claims. */
public record JobStatus(String state, JsonObject cursor, int attempts) {
}
