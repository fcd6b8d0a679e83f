package io.liveroom.ai;

import io.vertx.core.internal.ContextInternal;

import java.util.ArrayList;
import java.util.List;

/**
 * The decoding steps of the simulated model on one event loop: each step gives every member its
 * next token, as one forward pass of a batching inference server gives every sequence in the
 * batch its next token. One timer per loop instead of one per stream, and the steps keep a fixed
 * timeline: a step that runs late makes the next one come sooner, and only a step missed entirely
 * (the loop was busy for a whole interval) is skipped, so an overloaded node shows up as fewer
 * tokens per second rather than being hidden.
 *
 * <p>Used on its event loop only; members may belong to different contexts of that loop, and
 * each is stepped inside its own context.
 */
final class DecodeSteps {
  /** A stream that takes part in the steps. */
  interface Member {
    /** Takes one step; false when the member is finished and leaves. */
    boolean step();

    ContextInternal context();
  }

  private final ContextInternal context;
  private final long intervalNanos;
  private List<Member> members = new ArrayList<>();
  private List<Member> spare = new ArrayList<>();
  private boolean running;
  private long nextStep;

  DecodeSteps(ContextInternal context, long intervalNanos) {
    this.context = context;
    this.intervalNanos = intervalNanos;
  }

  /** Joins the batch: the member's first token comes with the next step. */
  void add(Member member) {
    member.context().runOnContext(v -> {
      members.add(member);
      if (!running) {
        running = true;
        nextStep = System.nanoTime() + intervalNanos;
        schedule();
      }
    });
  }

  private void schedule() {
    long delayMillis = Math.max(1, (nextStep - System.nanoTime() + 999_999) / 1_000_000);
    context.setTimer(delayMillis, id -> step());
  }

  /** One step inside the member's own context, as Vert.x runs any handler of that context. */
  private static boolean stepInside(Member m) {
    ContextInternal ctx = m.context();
    ContextInternal prev = ctx.beginDispatch();
    try {
      return m.step();
    } catch (RuntimeException e) {
      // The member advanced before the failing delivery, so it still reaches its end.
      ctx.reportException(e);
      return true;
    } finally {
      ctx.endDispatch(prev);
    }
  }

  private void step() {
    List<Member> stepping = members;
    members = spare;
    for (Member m : stepping) {
      if (stepInside(m)) {
        members.add(m);
      }
    }
    stepping.clear();
    spare = stepping;
    if (members.isEmpty()) {
      running = false;
      return;
    }
    long now = System.nanoTime();
    nextStep += intervalNanos;
    if (nextStep <= now) {
      // A whole step was missed: skip it rather than emit a burst to catch up.
      nextStep += ((now - nextStep) / intervalNanos + 1) * intervalNanos;
    }
    schedule();
  }
}
