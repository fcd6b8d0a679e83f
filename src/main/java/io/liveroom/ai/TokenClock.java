package io.liveroom.ai;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;

/**
 * Paces the simulated streams of one event loop. Each stream keeps its own fixed timeline (token
 * k is due one interval after token k-1 was due, counted from the stream's open), as streams from
 * independent upstreams do, and one 1 ms tick per loop steps the streams that have come due: one
 * timer for the loop instead of one re-armed per token (60,000 a second at 2,000 streams), and no
 * drift, since a token handled late does not push the next one back.
 *
 * <p>Streams are spread over a timing wheel of 1 ms slots by due time, so a tick touches only the
 * streams due in the milliseconds it covers. A stream that misses a whole interval (the loop was
 * busy) skips the missed points of its timeline rather than catching up in a burst, so an
 * overloaded node shows up as fewer tokens per second, not hidden. With a 1 ms tick a stream gets
 * at most 1,000 tokens a second.
 *
 * <p>Used on its event loop only; members may belong to different contexts of that loop, and
 * each is stepped inside its own context ({@link Context#runOnContext}, on the same loop and in
 * the same turn), as Vert.x runs any handler of that context.
 */
final class TokenClock {
  /** A stream paced by the clock. */
  interface Member {
    /** Takes one step; false when the member is finished and leaves. */
    boolean step();

    /** The context the member is stepped in: one of the clock's event loop. */
    Context context();
  }

  private static final long TICK_NANOS = 1_000_000L;

  private final Vertx vertx;
  private final long intervalNanos;
  private final List<Paced>[] slots;
  private List<Paced> spare = new ArrayList<>();
  private int members;
  private long timer = -1;
  /** The last millisecond whose slot has been stepped. */
  private long steppedThrough;

  @SuppressWarnings("unchecked")
  TokenClock(Vertx vertx, long intervalNanos) {
    this.vertx = vertx;
    this.intervalNanos = intervalNanos;
    // One more slot than an interval spans, so a re-placed stream never lands in the slot being stepped.
    int count = (int) ((intervalNanos + TICK_NANOS - 1) / TICK_NANOS) + 2;
    this.slots = new List[count];
    for (int i = 0; i < count; i++) {
      slots[i] = new ArrayList<>();
    }
  }

  /** A member, the time its next token is due, and whether it has finished. */
  private static final class Paced {
    final Member member;
    /** Steps the member inside its context; one per member, so a step allocates nothing of ours. */
    final Handler<Void> step;
    long due;
    boolean finished;

    Paced(Member member, long due) {
      this.member = member;
      this.due = due;
      // An exception is reported to the member's context; the member advanced before the failing
      // delivery, so it still reaches its end and stays.
      this.step = v -> finished = !member.step();
    }
  }

  /**
   * Joins the clock: the member's first token is due one interval from now. Call on the clock's
   * event loop (the periodic tick is set on the caller's context, which is on that loop).
   */
  void add(Member member) {
    long now = System.nanoTime();
    if (timer < 0) {
      steppedThrough = Math.floorDiv(now, TICK_NANOS) - 1;
      timer = vertx.setPeriodic(1, id -> tick());
    }
    place(new Paced(member, now + intervalNanos));
    members++;
  }

  private void place(Paced p) {
    slots[(int) Math.floorMod(Math.floorDiv(p.due, TICK_NANOS), (long) slots.length)].add(p);
  }

  /** Steps every stream due in the whole milliseconds elapsed since the last tick. */
  private void tick() {
    long now = System.nanoTime();
    long through = Math.floorDiv(now, TICK_NANOS) - 1;
    // After a stall longer than the wheel, one pass over every slot covers everything due.
    long from = Math.max(steppedThrough + 1, through - slots.length + 1);
    for (long ms = from; ms <= through; ms++) {
      stepSlot((int) Math.floorMod(ms, (long) slots.length), through, now);
    }
    steppedThrough = through;
    if (members == 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void stepSlot(int index, long throughMs, long now) {
    List<Paced> stepping = slots[index];
    if (stepping.isEmpty()) {
      return;
    }
    slots[index] = spare;
    for (Paced p : stepping) {
      if (p.finished) {
        members--;
      } else if (Math.floorDiv(p.due, TICK_NANOS) > throughMs) {
        place(p);
      } else {
        p.member.context().runOnContext(p.step);
        p.due += intervalNanos;
        if (p.due <= now) {
          // A whole interval was missed: skip to the next point of the timeline, no burst.
          p.due += ((now - p.due) / intervalNanos + 1) * intervalNanos;
        }
        place(p);
      }
    }
    stepping.clear();
    spare = stepping;
  }
}
