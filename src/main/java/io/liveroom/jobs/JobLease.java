package io.liveroom.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

/** Saves a claimed job's cursor under its lease; what {@link Job#advance} delegates to. */
@FunctionalInterface
interface JobLease {
  Future<Boolean> advance(SqlClient tx, long id, String token, JsonObject cursor);
}
