package io.liveroom.social;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.ZoneOffset;
import java.util.List;

/**
 * Follows (both directions, counterparts as ids), blocks the user made, the search history and its
 * setting. Erasure deletes all of it, blocks made against the user too, and corrects the
 * counterparts' follower and following counts. A frozen account needs no step here: it is not
 * active, so lists and search already leave it out.
 */
final class SocialPersonalData implements PersonalDataSource {
  private final SocialDataRepository data;

  SocialPersonalData(SocialDataRepository data) {
    this.data = data;
  }

  @Override
  public List<String> categories() {
    return List.of("following", "followers", "blocks", "searchHistory", "searchSettings");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return data.export(userId, out);
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return data.erase(tx, userId);
  }

  /** The daily follow counters: only yesterday's and today's matter. */
  static RetentionTarget dailyCounters(SocialDataRepository data) {
    return RetentionTarget.of("follow_daily",
      (cutoff, limit) -> data.purgeDailyBefore(cutoff.atOffset(ZoneOffset.UTC).toLocalDate(), limit));
  }

  /** The search history, by the age of each entry's last search. */
  static RetentionTarget searchHistory(SearchHistoryRepository history) {
    return RetentionTarget.of("search_history", history::purgeOlderThan);
  }
}
