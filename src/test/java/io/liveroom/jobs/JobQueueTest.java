package io.liveroom.jobs;

import io.liveroom.config.JobsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.support.Await;
import io.liveroom.support.LiveInfra;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The job queue: idempotent enqueue, leases that expire and are taken over, steps that commit with their cursor")
class JobQueueTest {
  @RegisterExtension
  final LiveInfra infra = LiveInfra.builder().resetEachTest().build();

  private static final JobsConfig FAST = new JobsConfig(Duration.ofMillis(50), 30, 2, 2, 1, 7, 100);

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private JobStatus status(JobQueue queue, String kind, String key) {
    return await(queue.status(kind, key));
  }

  @Test
  @DisplayName("Enqueueing the same kind and key twice makes one job; another kind with that key is another job")
  void idempotentEnqueue() {
    JobQueue queue = new JobQueue(infra.pool());
    Long first = await(queue.enqueue("test.a", "k1", new JsonObject().put("n", 1)));
    assertThat(first).isNotNull();
    assertThat(await(queue.enqueue("test.a", "k1", new JsonObject().put("n", 2)))).isNull();
    assertThat(await(queue.enqueue("test.b", "k1", new JsonObject()))).isNotNull().isNotEqualTo(first);
    assertThat(status(queue, "test.a", "k1").state()).isEqualTo("pending");
  }

  @Test
  @DisplayName("A node whose lease expired and was taken over cannot commit its step: the work rolls back (job_lease_lost), the new holder resumes from the last saved cursor")
  void leaseTakeOver() {
    Pool pool = infra.pool();
    JobQueue queue = new JobQueue(pool);
    JobRepository repo = queue.repository();
    await(queue.enqueue("test.lease", "x", new JsonObject()));
    JobLease lease = (tx, id, token, cursor) -> repo.advance(tx, id, token, cursor, 1);
    Job dying = await(repo.claim(List.of("test.lease"), 5, "node-a", "a", 1, lease)).get(0);
    await(pool.withTransaction(tx -> dying.advance(tx, new JsonObject().put("after", 10))));
    assertThat(await(repo.claim(List.of("test.lease"), 5, "node-b", "b", 30, lease)))
      .as("held while the lease runs").isEmpty();

    // The waiting is the test: the lease (1 s) must run out before another node may claim.
    List<Job> taken = Await.value(10_000, () -> await(repo.claim(List.of("test.lease"), 5, "node-b", "b", 30, lease)),
      jobs -> !jobs.isEmpty());
    assertThat(taken).hasSize(1);
    assertThat(taken.get(0).cursor().getLong("after")).isEqualTo(10);
    assertThat(taken.get(0).attempts()).isEqualTo(2);

    assertThatThrownBy(() -> await(pool.withTransaction(tx -> tx.query(
        "INSERT INTO jobs (kind, dedupe_key) VALUES ('test.marker', 'written by the dead node')").execute()
      .compose(v -> dying.advance(tx, new JsonObject().put("after", 20))))))
      .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.JOB_LEASE_LOST));
    assertThat(status(queue, "test.marker", "written by the dead node")).as("rolled back").isNull();
    assertThat(status(queue, "test.lease", "x").cursor().getLong("after")).isEqualTo(10);
  }

  @Test
  @DisplayName("A worker runs a job step by step to done; a failing job is retried with backoff and given up after jobs.maxAttempts")
  void workerStepsAndRetries() {
    JobQueue queue = new JobQueue(infra.pool());
    AtomicInteger failures = new AtomicInteger();
    JobHandler counting = handler("test.count", job -> infra.pool().withTransaction(tx -> {
      long n = job.cursor().getLong("n", 0L) + 1;
      return job.advance(tx, new JsonObject().put("n", n)).map(n == 5 ? JobStep.DONE : JobStep.MORE);
    }));
    JobHandler failing = handler("test.fail", job -> {
      failures.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("the provider is down"));
    });
    JobWorker worker = new JobWorker(infra.vertx(), queue, FAST, "node-t", List.of(counting, failing));
    await(queue.enqueue("test.count", "c", new JsonObject()));
    await(queue.enqueue("test.fail", "f", new JsonObject()));
    worker.start();
    try {
      JobStatus counted = Await.value(10_000, () -> status(queue, "test.count", "c"), s -> "done".equals(s.state()));
      assertThat(counted.state()).isEqualTo("done");
      assertThat(counted.cursor().getLong("n")).isEqualTo(5);
      JobStatus failed = Await.value(15_000, () -> status(queue, "test.fail", "f"), s -> "failed".equals(s.state()));
      assertThat(failed.state()).isEqualTo("failed");
      assertThat(failures.get()).as("tried maxAttempts times, no more").isEqualTo(2);
    } finally {
      await(worker.stop());
    }
  }

  @Test
  @DisplayName("A recurring job exists once however many nodes ensure it, runs when due, and is due again after its interval")
  void recurring() {
    JobQueue queue = new JobQueue(infra.pool());
    AtomicInteger runs = new AtomicInteger();
    JobHandler tick = handler("test.tick", job -> {
      runs.incrementAndGet();
      return Future.succeededFuture(JobStep.DONE);
    });
    await(queue.ensureRecurring("test.tick", 1));
    await(queue.ensureRecurring("test.tick", 1));
    JobWorker a = new JobWorker(infra.vertx(), queue, FAST, "node-a", List.of(tick));
    JobWorker b = new JobWorker(infra.vertx(), queue, FAST, "node-b", List.of(tick));
    a.start();
    b.start();
    try {
      // Waiting is the point: runs come one interval (1 s) apart, not once per node per poll.
      Await.until("three runs", 15, () -> runs.get() >= 3);
      JobStatus s = status(queue, "test.tick", "recurring");
      assertThat(s.state()).isIn("pending", "running");
      Await.pause(1_500);
      assertThat(runs.get()).as("about one run per second across two nodes polling every 50 ms").isLessThan(10);
    } finally {
      await(a.stop());
      await(b.stop());
    }
  }

  private static JobHandler handler(String kind, java.util.function.Function<Job, Future<JobStep>> step) {
    return new JobHandler() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public Future<JobStep> step(Job job) {
        return step.apply(job);
      }
    };
  }
}
