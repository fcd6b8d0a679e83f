package io.liveroom.support;

import io.github.centrifugal.centrifuge.ResultCallback;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Blocking calls into the centrifuge-java SDK's callback API, for tests. */
public final class SdkCalls {
  private SdkCalls() {
  }

  /** Runs an SDK call that reports through a {@link ResultCallback} and waits up to 10 s for it. */
  public static <T> T await(Consumer<ResultCallback<T>> call) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    call.accept((e, r) -> {
      if (e != null) {
        f.completeExceptionally(e);
      } else {
        f.complete(r);
      }
    });
    return f.get(10, TimeUnit.SECONDS);
  }
}
