package io.liveroom.jobs;

import io.liveroom.config.JobsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the jobs of the given kinds on this node: every {@code jobs.pollIntervalMillis} (and at
 * once after {@link #wake}) it claims due jobs up to {@code jobs.workers} running at once, and
 * runs each step after step until it is done, fails, or the node stops. Each capability with jobs
 * starts one for its own kinds. All its state is confined to the context it was started on (the
 * timer's and its own database calls' context), so it needs no locks.
 */
public final class JobWorker {
  private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);
  private static final long MAX_RETRY_SECONDS = 3_600;

  private final Vertx vertx;
  private final JobRepository jobs;
  private final JobsConfig config;
  private final String nodeId;
  private final Map<String, JobHandler> handlers;
  private final List<String> kinds;
  private Context context;
  private long timerId = -1;
  private boolean claiming;
  private boolean stopping;
  private int running;
  private final Promise<Void> stopped = Promise.promise();

  public JobWorker(Vertx vertx, JobQueue queue, JobsConfig config, String nodeId, List<JobHandler> handlers) {
    this.vertx = vertx;
    this.jobs = queue.repository();
    this.config = config;
    this.nodeId = nodeId;
    this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
    this.kinds = List.copyOf(this.handlers.keySet());
  }

  /** Starts polling on the caller's context (a capability's start). */
  public void start() {
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> poll());
      poll();
    });
  }

  /** Looks for due jobs now (after an enqueue), instead of at the next poll; callable from any thread. */
  public void wake() {
    if (context != null) {
      context.runOnContext(v -> poll());
    }
  }

  /**
   * Stops claiming; running jobs finish their current step and are handed back at once (the
   * lease released), so another node resumes them without waiting for the lease to expire.
   * Completes when every running job was handed back.
   */
  public Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture();
    }
    context.runOnContext(v -> {
      if (!stopping) {
        stopping = true;
        vertx.cancelTimer(timerId);
      }
      if (running == 0) {
        stopped.tryComplete();
      }
    });
    return stopped.future();
  }

  private void poll() {
    int free = config.workers() - running;
    if (stopping || claiming || free <= 0) {
      return;
    }
    claiming = true;
    String token = nodeId + "/" + UUID.randomUUID();
    jobs.claim(kinds, free, nodeId, token, config.leaseSeconds(),
        (tx, id, t, cursor) -> jobs.advance(tx, id, t, cursor, config.leaseSeconds()))
      .onComplete(claimed -> {
        claiming = false;
        if (claimed.failed()) {
          LOG.warn("Node {} could not claim jobs {}: {}", nodeId, kinds, claimed.cause().toString());
          return;
        }
        for (Job job : claimed.result()) {
          running++;
          run(job).onComplete(x -> finished());
        }
      });
  }

  private void finished() {
    running--;
    if (stopping && running == 0) {
      stopped.tryComplete();
    } else if (!stopping) {
      poll();
    }
  }

  /** Steps until done; then completes, fails or hands the job back. Never fails itself. */
  private Future<Void> run(Job job) {
    JobHandler handler = handlers.get(job.kind());
    return handler.step(job).transform(step -> {
      if (step.failed()) {
        return failed(job, step.cause());
      }
      if (step.result() == JobStep.DONE) {
        return jobs.complete(job.id(), job.token()).<Void>mapEmpty()
          .recover(e -> logged(job, "could not mark done", e));
      }
      if (stopping) {
        return jobs.release(job.id(), job.token()).<Void>mapEmpty()
          .recover(e -> logged(job, "could not hand back", e));
      }
      return run(job);
    });
  }

  private Future<Void> failed(Job job, Throwable cause) {
    if (cause instanceof AppException a && a.code() == ErrorCode.JOB_LEASE_LOST) {
      LOG.warn("Node {} lost job {} ({}) to another node; its last step rolled back", nodeId, job.id(), job.kind());
      return Future.succeededFuture();
    }
    long retry = Math.min(MAX_RETRY_SECONDS, (long) config.retrySeconds() << Math.min(job.attempts() - 1, 20));
    LOG.warn("Job {} ({}) failed on node {} at attempt {}, cursor {}; retry in {} s: {}", job.id(), job.kind(),
      nodeId, job.attempts(), job.cursor().encode(), retry, cause.toString());
    return jobs.fail(job.id(), job.token(), config.maxAttempts(), retry, cause.toString()).<Void>mapEmpty()
      .recover(e -> logged(job, "could not record the failure", e));
  }

  private Future<Void> logged(Job job, String what, Throwable e) {
    // The lease expires on its own; another node (or this one) claims the job again then.
    LOG.warn("Node {} {} of job {} ({}): {}", nodeId, what, job.id(), job.kind(), e.toString());
    return Future.succeededFuture();
  }
}
