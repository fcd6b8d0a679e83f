package io.liveroom.privacy;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.PersonalDataSource;
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
 * back alone (logged), is deferred with a growing backoff, and the others go on.
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

  /** Erases due accounts, at most {@code limit} attempts; succeeds with how many this node erased. */
  Future<Integer> run(int limit) {
    return next(0, 0, limit);
  }

  private Future<Integer> next(int erased, int attempts, int limit) {
    if (attempts >= limit) {
      return Future.succeededFuture(erased);
    }
    return eraseOne().compose(outcome -> switch (outcome) {
      case ERASED -> next(erased + 1, attempts + 1, limit);
      case FAILED -> next(erased, attempts + 1, limit);
      case NONE_DUE -> Future.succeededFuture(erased);
    });
  }

  private enum Outcome { ERASED, FAILED, NONE_DUE }

  /** Claims one due account no other node holds and erases it. */
  private Future<Outcome> eraseOne() {
    Instant now = clock.instant();
    long[] claimed = {-1};
    return repository.pool().withTransaction(tx -> repository.claimDue(tx, now).compose(user -> {
      if (user.isEmpty()) {
        return Future.succeededFuture(Outcome.NONE_DUE);
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
          return Outcome.ERASED;
        });
    })).recover(e -> {
      // Rolled back. The account is deferred (backoff) so this run and the next go on with the others.
      LOG.error("Erasure of user {} failed and was rolled back; retried later: {}", claimed[0], e.toString());
      if (claimed[0] < 0) {
        return Future.succeededFuture(Outcome.NONE_DUE);
      }
      return repository.defer(claimed[0], now).map(Outcome.FAILED).otherwise(Outcome.NONE_DUE);
    });
  }
}
