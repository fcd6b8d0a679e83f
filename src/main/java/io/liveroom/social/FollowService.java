package io.liveroom.social;

import io.liveroom.account.UserSummary;
import io.liveroom.config.SocialConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Following and unfollowing, and the lists. Both are idempotent. A follow is refused for oneself
 * ({@code follow_self}), an account that is not active ({@code user_unavailable}), a block either
 * way ({@code user_blocked}), over the followee cap ({@code followee_cap_reached}) and over the
 * daily number of new follows ({@code follow_daily_limit}). The block and cap checks run inside
 * the follow's transaction, after both users' count rows are locked, so a block committed at the
 * same time either refuses the follow or removes it: never both stand.
 */
final class FollowService {
  private static final Logger LOG = LoggerFactory.getLogger(FollowService.class);

  private final FollowRepository follows;
  private final BlockRepository blocks;
  private final Accounts accounts;
  private final SocialConfig config;
  private final Clock clock;
  private final List<FollowListener> listeners = new CopyOnWriteArrayList<>();

  FollowService(FollowRepository follows, BlockRepository blocks, Accounts accounts, SocialConfig config, Clock clock) {
    this.follows = follows;
    this.blocks = blocks;
    this.accounts = accounts;
    this.config = config;
    this.clock = clock;
  }

  void addListener(FollowListener listener) {
    listeners.add(listener);
  }

  /** Follows {@code followee}; answers the relation afterwards. Repeating it changes nothing. */
  Future<JsonObject> follow(long follower, long followee) {
    if (follower == followee) {
      return Future.failedFuture(AppException.of(ErrorCode.FOLLOW_SELF, "You cannot follow yourself."));
    }
    return accounts.requireActive(followee)
      .compose(u -> follows.pool().withTransaction(tx -> follows.lockPair(tx, follower, followee)
        .compose(followingCount -> blocks.eitherWay(tx, follower, followee).compose(blocked -> {
          if (blocked) {
            throw AppException.of(ErrorCode.USER_BLOCKED, "A block between you and this user stops following.");
          }
          return follows.insert(tx, follower, followee);
        }).compose(inserted -> inserted ? admitNew(tx, follower, followingCount).map(true) : Future.succeededFuture(false)))))
      .onSuccess(created -> {
        if (created) {
          tell(follower, followee);
        }
      })
      .compose(created -> relation(follower, followee));
  }

  /** Within the follow's transaction: the cap (count before this follow) and the daily limit. */
  private Future<Void> admitNew(io.vertx.sqlclient.SqlClient tx, long follower, long followingBefore) {
    if (followingBefore >= config.maxFollowees()) {
      return Future.failedFuture(AppException.of(ErrorCode.FOLLOWEE_CAP_REACHED,
        "You follow the maximum of " + config.maxFollowees() + " accounts; unfollow some first.")
        .with(Map.of("maxFollowees", config.maxFollowees())));
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return follows.bumpDaily(tx, follower, today).compose(started -> {
      if (started > config.followsPerDay()) {
        long seconds = Duration.between(ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)),
          today.plusDays(1).atStartOfDay(ZoneOffset.UTC)).toSeconds();
        return Future.failedFuture(AppException.retryAfter(ErrorCode.FOLLOW_DAILY_LIMIT,
          "You started the maximum of " + config.followsPerDay() + " follows today.", Math.max(1, seconds)));
      }
      return Future.succeededFuture();
    });
  }

  private void tell(long follower, long followee) {
    for (FollowListener l : listeners) {
      try {
        l.followed(follower, followee);
      } catch (RuntimeException e) {
        LOG.warn("A follow listener failed for follower {} and followee {}: {}", follower, followee, e.toString());
      }
    }
  }

  /** Stops following; nothing happens when there was no follow. */
  Future<Void> unfollow(long follower, long followee) {
    return follows.pool().withTransaction(tx -> follows.lockPair(tx, follower, followee)
      .compose(n -> follows.delete(tx, follower, followee))).mapEmpty();
  }

  /** Within a block's transaction: removes follows both ways (counts corrected). */
  Future<Void> removeBetween(io.vertx.sqlclient.SqlClient tx, long a, long b) {
    return follows.lockPair(tx, a, b).compose(n -> follows.delete(tx, a, b)).compose(x -> follows.delete(tx, b, a))
      .mapEmpty();
  }

  Future<JsonObject> relation(long viewer, long user) {
    return follows.relation(viewer, user).map(r -> new JsonObject().put("following", r.youFollow())
      .put("mutual", r.youFollow() && r.followsYou()));
  }

  /** The profile fields: counts, and how the viewer and the user follow each other. */
  Future<JsonObject> profile(long viewer, long user) {
    Future<FollowRepository.Relation> relation = follows.relation(viewer, user);
    Future<Boolean> blocked = blocks.blockedByMe(viewer, user);
    return Future.all(relation, blocked).map(all -> {
      FollowRepository.Relation r = relation.result();
      return new JsonObject().put("followerCount", r.followers()).put("followingCount", r.following())
        .put("youFollow", r.youFollow()).put("followsYou", r.followsYou()).put("mutual", r.youFollow() && r.followsYou())
        .put("blockedByYou", blocked.result());
    });
  }

  /** A page of followers ({@code followers} true) or followees, newest first, each with {@code mutual}. */
  Future<JsonObject> list(long viewer, long user, boolean followers, Long cursor, int limit) {
    long before = cursor == null ? Long.MAX_VALUE : cursor;
    return (viewer == user ? Future.succeededFuture(false) : blocks.eitherWay(viewer, user))
      .compose(blocked -> {
        if (blocked) {
          throw AppException.of(ErrorCode.USER_BLOCKED, "A block between you and this user hides their lists.");
        }
        return followers ? follows.followers(user, before, limit) : follows.following(user, before, limit);
      })
      .compose(edges -> accounts.summaries(edges.stream().map(FollowRepository.Edge::userId).toList()).map(users -> {
        JsonArray items = new JsonArray();
        for (FollowRepository.Edge e : edges) {
          UserSummary u = users.get(e.userId());
          if (u != null && u.active()) {
            items.add(new JsonObject().put("user", Accounts.card(u)).put("since", e.since().toInstant().toString())
              .put("mutual", e.mutual()));
          }
        }
        JsonObject page = new JsonObject().put("items", items);
        if (edges.size() == limit) {
          page.put("nextCursor", Long.toString(edges.get(edges.size() - 1).cursor()));
        }
        return page;
      }));
  }
}
