package io.liveroom.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Erases accounts whose cooling-off period is over. Each account is claimed in its own transaction
 * with {@code FOR UPDATE SKIP LOCKED}, every source erases through that transaction, and the row is
 * marked erased (with this node's id, and an audit entry) before commit: so any number of nodes may
 * run the job at the same time and each account is erased exactly once. A failing account rolls
 * back alone (logged) and is retried on the next run; the others go on.
 */
final class ErasureJob {
  private static final Logger LOG = LoggerFactory.getLogger(ErasureJob.class);

  private final CancellationRepository repository;
  private final List<PersonalDataSource> sources;
  private final ErasureMode mode;
  private final String nodeId;
  private final Clock clock;

  ErasureJob(CancellationRepository repository, List<PersonalDataSource> sources, ErasureMode mode, String nodeId,
             Clock clock) {
    this.repository = repository;
    this.sources = sources;
    this.mode = mode;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  /** Erases due accounts, at most {@code limit}; succeeds with how many this node erased. */
  Future<Integer> run(int limit) {
    return next(0, limit);
  }

  private Future<Integer> next(int done, int limit) {
    if (done >= limit) {
      return Future.succeededFuture(done);
    }
    return eraseOne().compose(erased -> erased ? next(done + 1, limit) : Future.succeededFuture(done));
  }

  /** True when an account was claimed and erased; false when none is due (or all are being erased elsewhere). */
  private Future<Boolean> eraseOne() {
    Instant now = clock.instant();
    long[] claimed = {-1};
    return repository.pool().withTransaction(tx -> repository.claimDue(tx, now).compose(user -> {
      if (user.isEmpty()) {
        return Future.succeededFuture(false);
      }
      long userId = user.get();
      claimed[0] = userId;
      Future<Void> chain = Future.succeededFuture();
      for (PersonalDataSource s : sources) {
        chain = chain.compose(v -> s.erase(tx, userId, mode));
      }
      return chain.compose(v -> repository.markErased(tx, userId, now, nodeId))
        .compose(v -> repository.audit(tx, null, userId, "privacy.account_erased",
          new JsonObject().put("node", nodeId).put("chat", mode.name().toLowerCase())))
        .map(v -> {
          LOG.info("User {} erased by node {} (chat {})", userId, nodeId, mode.name().toLowerCase());
          return true;
        });
    })).recover(e -> {
      // Rolled back: the account is claimable again on the next run. Stop this run so one broken
      // account cannot spin the loop; the others are reached on later runs (it is ordered by due time).
      LOG.error("Erasure of user {} failed and was rolled back: {}", claimed[0], e.toString());
      return Future.succeededFuture(false);
    });
  }
}
