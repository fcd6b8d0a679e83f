package io.liveroom.infra;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The PostgreSQL circuit breaker opens on repeated connection failures and probes its way closed")
class PgBreakerTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final PgBreaker breaker = new PgBreaker(3, 1_000, now::get);
  private final ConnectException refused = new ConnectException("Connection refused");

  @Test
  @DisplayName("Three connection failures in a row open it; while open, calls are refused without asking PostgreSQL")
  void opens() {
    breaker.record(refused);
    breaker.record(refused);
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.record(refused);
    assertThat(breaker.isOpen()).isTrue();
    assertThat(breaker.tryAcquire()).isFalse();
    now.addAndGet(999);
    assertThat(breaker.tryAcquire()).isFalse();
    assertThat(PgBreaker.rejection().code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    assertThat(PgBreaker.rejection().retryAfterSeconds()).isPositive();
  }

  @Test
  @DisplayName("An answer from PostgreSQL, even an SQL error, resets the count: failures must be consecutive")
  void answersReset() {
    breaker.record(refused);
    breaker.record(refused);
    breaker.record(new PgException("duplicate key", "ERROR", "23505", null));
    breaker.record(refused);
    breaker.record(refused);
    assertThat(breaker.isOpen()).isFalse();
    // Its own 503 (from a nested call) says nothing about PostgreSQL and changes nothing.
    breaker.record(AppException.of(ErrorCode.SERVICE_UNAVAILABLE, "nested"));
    breaker.record(refused);
    assertThat(breaker.isOpen()).isTrue();
  }

  @Test
  @DisplayName("A failure no one can place (not an answer, not a lost connection) neither closes nor opens it")
  void unplacedFailuresChangeNothing() {
    for (int i = 0; i < 3; i++) {
      breaker.record(refused);
    }
    breaker.record(new IllegalStateException("something else"));
    assertThat(breaker.isOpen()).as("an unplaced failure is no sign that PostgreSQL answers").isTrue();
  }

  @Test
  @DisplayName("Once per interval one probe goes through; its failure keeps the breaker open, its success closes it")
  void probes() {
    for (int i = 0; i < 3; i++) {
      breaker.record(refused);
    }
    now.addAndGet(1_000);
    assertThat(breaker.tryAcquire()).as("the probe").isTrue();
    assertThat(breaker.tryAcquire()).as("a second caller in the same interval").isFalse();
    breaker.record(refused);
    assertThat(breaker.isOpen()).isTrue();
    assertThat(breaker.tryAcquire()).isFalse();

    now.addAndGet(1_000);
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.record(null);
    assertThat(breaker.isOpen()).isFalse();
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.record(refused);
    assertThat(breaker.isOpen()).as("closed again: the count starts over").isFalse();
  }
}
