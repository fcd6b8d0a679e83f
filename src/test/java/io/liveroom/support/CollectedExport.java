package io.liveroom.support;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An {@link ExportWriter} that keeps what one personal-data source writes, by category, running the
 * source's queries on the given pool: a capability's export is checked without the whole export job.
 */
public final class CollectedExport implements ExportWriter {
  /** Category to its value: a JsonObject for {@link #object}, a JsonArray for lists and queries. */
  public final Map<String, Object> categories = new LinkedHashMap<>();

  @Override
  public Future<Void> object(String category, JsonObject value) {
    categories.put(category, value);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> list(String category, List<JsonObject> values) {
    categories.put(category, new JsonArray(new ArrayList<>(values)));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> query(Pool pool, String category, String sql, Tuple args, Function<Row, JsonObject> mapper) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(mapper.apply(r)));
      categories.put(category, out);
      return null;
    });
  }

  /** The rows written under {@code category} (null when the source wrote none). */
  public JsonArray rows(String category) {
    return (JsonArray) categories.get(category);
  }
}
