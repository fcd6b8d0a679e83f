package io.liveroom.http;

import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * One dependency that readiness checks: {@code probe} succeeds when it answers. The node is ready
 * only while every check answers within the timeout (and it is not draining).
 */
public record HealthCheck(String name, Supplier<Future<?>> probe) {
}
