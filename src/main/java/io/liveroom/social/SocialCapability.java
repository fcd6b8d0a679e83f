package io.liveroom.social;

import io.liveroom.account.PeopleDirectory;
import io.liveroom.account.ProfileSection;
import io.liveroom.account.UserDirectory;
import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.SocialConfig;
import io.liveroom.consent.ConsentService;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;
import io.liveroom.room.RoomsCapability;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.util.List;

/**
 * The social capability: follows, blocks, search with its history, and accounts to follow. It owns
 * {@code follows}, {@code follow_counts}, {@code follow_daily}, {@code user_blocks},
 * {@code search_history} and {@code search_settings}. Other capabilities reach it through the
 * bootstrap: accounts' profile shows {@link #profileSection}; rooms, rewards and Nearby ask
 * {@link #blocks} through interfaces of their own; feeds ask {@link #followeeIds} and blocks through
 * theirs; notifications will listen with
 * {@link #addFollowListener}.
 */
public final class SocialCapability implements Capability {
  /** Daily follow counters are kept this many days (today's and yesterday's). */
  private static final int DAILY_COUNTER_DAYS = 2;

  private final FollowService follows;
  private final FollowRepository followRows;
  private final int maxFollowees;
  private final BlockService blocks;
  private final Relations relations;
  private final SearchService search;
  private final List<HttpRoutes> routes;
  private final SocialPersonalData personalData;
  private final List<RetentionRule> retention;

  public SocialCapability(Platform platform, UserDirectory users, PeopleDirectory people, ConsentService consents,
                          RoomsCapability rooms, BearerAuth auth) {
    Pool pool = platform.pool();
    SocialConfig config = platform.config().social();
    Accounts accounts = new Accounts(users, people);
    FollowRepository followRows = new FollowRepository(pool);
    this.followRows = followRows;
    this.maxFollowees = config.maxFollowees();
    BlockRepository blockRows = new BlockRepository(pool);
    SearchHistoryRepository history = new SearchHistoryRepository(pool);
    SocialDataRepository data = new SocialDataRepository(pool);
    this.follows = new FollowService(followRows, blockRows, accounts, config, platform.clock());
    this.blocks = new BlockService(blockRows, follows, followRows, accounts);
    this.relations = new Relations(followRows, blocks);
    SearchService search = new SearchService(accounts, rooms, blocks, history, config);
    this.search = search;
    SuggestionService suggestions = new SuggestionService(new SuggestionRepository(pool), consents, blocks, accounts);
    this.routes = List.of(new FollowRoutes(follows, suggestions, auth), new BlockRoutes(blocks, auth),
      new SearchRoutes(search, config.searchMaxResults(), auth));
    this.personalData = new SocialPersonalData(data);
    this.retention = List.of(new RetentionRule(SocialPersonalData.dailyCounters(data), DAILY_COUNTER_DAYS),
      new RetentionRule(SocialPersonalData.searchHistory(history), config.historyRetentionDays()));
  }

  @Override
  public String name() {
    return "social";
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  @Override
  public List<PersonalDataSource> personalData() {
    return List.of(personalData);
  }

  @Override
  public List<RetentionRule> retention() {
    return retention;
  }

  /** The either-way block checks the other capabilities' seams are answered with. */
  public BlockService blocks() {
    return blocks;
  }

  /** Follows and blocks among many users, for lists of posts. */
  public Relations relations() {
    return relations;
  }

  /**
   * Everyone the user follows (at most {@code social.follow.maxFollowees}, which caps follows
   * anyway), newest follow first: the following feed reads it on every request, so an unfollow
   * counts from the next page.
   */
  public Future<List<Long>> followeeIds(long userId) {
    return followRows.followeeIds(userId, maxFollowees);
  }

  /** Follower counts and the follow relation, for accounts' public profile. */
  public ProfileSection profileSection() {
    return follows::profile;
  }

  /**
   * A page of the user's followers' ids, ascending, after {@code afterFollowerId} (0 for the
   * first page): the going-live fan-out pages a host's followers with it. Keyset paging, so a page
   * costs the same at any depth, and a follow or unfollow between pages shifts nothing.
   */
  public Future<List<Long>> followerIds(long userId, long afterFollowerId, int limit) {
    return followRows.followerIds(userId, afterFollowerId, limit);
  }

  /** Where {@code GET /api/v1/search?type=posts} finds posts (the bootstrap wires the post capability's). */
  public void searchPostsWith(PostsForSearch posts) {
    search.usePosts(posts);
  }

  /** Registers a listener for new follows (the seam for "X started following Y" notifications). */
  public void addFollowListener(FollowListener listener) {
    follows.addListener(listener);
  }
}
