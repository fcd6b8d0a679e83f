package io.liveroom.room;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.Collection;

/**
 * SQL for the region tags of live rooms ({@link RoomRegions}). Room rows come back as
 * {@code id, host_id, title, region}.
 */
final class RoomRegionRepository {
  static final String LIVE_BY_HOSTS = """
    SELECT id, host_id, title, region FROM rooms WHERE host_id = ANY($1) AND status = 'live'""";
  static final String TAG_LIVE_ROOM = """
    UPDATE rooms SET region = $2, region_source = $3, updated_at = now()
    WHERE host_id = $1 AND status = 'live' AND (region_source IS DISTINCT FROM 'chosen' OR $3 <> 'location')
    RETURNING id, host_id, title, region""";
  static final String CLEAR = """
    UPDATE rooms SET region = NULL, region_source = NULL, updated_at = now()
    WHERE host_id = $1 AND region_source = $2""";
  static final String LIVE_IN_REGION = """
    SELECT id, host_id, title, region FROM rooms WHERE region = $1 AND status = 'live'""";

  private final Pool pool;

  RoomRegionRepository(Pool pool) {
    this.pool = pool;
  }

  /** The live rooms of these hosts. */
  Future<RowSet<Row>> liveHostedBy(Collection<Long> hostIds) {
    return pool.preparedQuery(LIVE_BY_HOSTS).execute(Tuple.of(hostIds.toArray(Long[]::new)));
  }

  /**
   * Tags the host's live room with {@code region} from {@code source}; a location-derived region
   * never overwrites one the host chose (then no row comes back).
   */
  Future<RowSet<Row>> tagLiveRoom(long hostId, String region, String source) {
    return pool.preparedQuery(TAG_LIVE_ROOM).execute(Tuple.of(hostId, region, source));
  }

  /** Removes the region tags of the host's rooms that came from {@code source}. */
  Future<Void> clear(long hostId, String source) {
    return pool.preparedQuery(CLEAR).execute(Tuple.of(hostId, source)).mapEmpty();
  }

  /** The live rooms tagged with {@code region}. */
  Future<RowSet<Row>> liveIn(String region) {
    return pool.preparedQuery(LIVE_IN_REGION).execute(Tuple.of(region));
  }
}
