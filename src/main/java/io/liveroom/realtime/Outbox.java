package io.liveroom.realtime;

import io.liveroom.realtime.protocol.Codec;
import io.liveroom.realtime.ws.WsFrames;
import io.liveroom.realtime.ws.WsSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import java.util.ArrayDeque;

/**
 * The outbound side of one connection, on its hub's event loop. Replies and pushes are queued as
 * already-encoded byte arrays and flushed by the hub once per tick as one frame. A publication to
 * a connection with nothing queued skips the queue: the frame its hub built once for every
 * subscriber ({@link FramedPush}) is held until the tick's flush and sent to the socket as is
 * ({@link WsSocket#sendNow}); several in one tick are copied behind each other into one buffer of
 * the connection's own and sent the same way.
 * The queue is bounded: past {@code realtime.maxQueueBytes} the connection is reported as
 * not reading (the session disconnects it as "slow") instead of holding memory or slowing anyone.
 */
final class Outbox {
  /** Told once when the queue passes its bound; the outbox is closed by then. */
  interface Overflow {
    void onOverflow(int queuedBytes);
  }

  private final WsSocket ws;
  private final Codec codec;
  private final Hub hub;
  private final int maxQueueBytes;
  private final Overflow overflow;
  private ArrayDeque<byte[]> queue;
  private int queuedBytes;
  private boolean dirty;
  /**
   * Above this many bytes, a tick's publications to one connection are no longer copied together
   * but written through the pipeline (no copy, and the channel's high-water mark applies).
   */
  private static final int MAX_JOINED_BYTES = 16 * 1024;

  /**
   * This tick's publications so far, sent straight to the socket at the flush: the first is its
   * hub's shared frame (one reference held); a second one in the same tick is copied with it into a
   * buffer of our own ({@code joined}), and later ones are appended there. Before, the second one
   * sent both through the pipeline as a gathering write, which costs a buffer duplicate, an
   * outbound-buffer entry and a pipeline flush per connection; at 50-100 msg/s on a busy loop that
   * was the path of about half the writes, and with the copy (~170 bytes per publication) it is a
   * ninth (strace at 50 msg/s: 19,196 send + 20,000 writev before, 8,085 + 1,000 after; PERFORMANCE.md,
   * "Delivery cost and memory per idle connection").
   */
  private ByteBuf shared;
  private boolean joined;
  /** Publications were written to the channel this tick without a flush. */
  private boolean unflushed;
  private boolean closed;

  Outbox(WsSocket ws, Codec codec, Hub hub, int maxQueueBytes, Overflow overflow) {
    this.ws = ws;
    this.codec = codec;
    this.hub = hub;
    this.maxQueueBytes = maxQueueBytes;
    this.overflow = overflow;
  }

  /** Sends a publication; {@code framed} (may be null) is its hub's shared frame. */
  void publication(EncodedReply push, FramedPush framed) {
    if (framed != null && !closed && hub.flushesEveryTick() && (queue == null || queue.isEmpty()) && ws.writable()) {
      ByteBuf frame = framed.frame(codec);
      if (shared == null && !unflushed) {
        shared = frame.retain();
      } else if (shared != null && shared.readableBytes() + frame.readableBytes() <= MAX_JOINED_BYTES) {
        join(frame);
      } else {
        moveSharedToPipeline();
        ws.writeWithoutFlush(frame.retainedDuplicate());
        unflushed = true;
      }
      markDirty();
      return;
    }
    add(push.bytes(codec));
  }

  void add(byte[] bytes) {
    if (closed) {
      return;
    }
    if (queue == null) {
      queue = new ArrayDeque<>(4);
    }
    queue.add(bytes);
    queuedBytes += bytes.length;
    if (queuedBytes > maxQueueBytes) {
      int queued = queuedBytes;
      close();
      overflow.onOverflow(queued);
      return;
    }
    markDirty();
  }

  /** Appends {@code frame} to the tick's publications, first copying the hub's frame into our own buffer. */
  private void join(ByteBuf frame) {
    if (!joined) {
      // Read without moving the indexes: the hub's frame is every subscriber's.
      ByteBuf own = PooledByteBufAllocator.DEFAULT.directBuffer(shared.readableBytes() + frame.readableBytes());
      own.writeBytes(shared, shared.readerIndex(), shared.readableBytes());
      shared.release();
      shared = own;
      joined = true;
    }
    shared.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
  }

  private void markDirty() {
    if (!dirty) {
      dirty = true;
      hub.markDirty(this);
    }
  }

  /** Writes what is queued as one frame, or flushes the publications written this tick. */
  void flush() {
    dirty = false;
    if (closed || ws.isClosed()) {
      releaseShared();
      return;
    }
    if (shared != null) {
      if ((queue == null || queue.isEmpty()) && ws.sendNow(shared)) {
        releaseShared();
      } else {
        moveSharedToPipeline();
      }
    }
    if (queue != null && !queue.isEmpty() && ws.writable()) {
      ByteBuf frame = WsFrames.frame(ws.alloc(), codec.text(), queue, codec.separator());
      queue.clear();
      queuedBytes = 0;
      ws.write(frame); // flushes the publications written directly this tick too
    } else if (unflushed) {
      ws.flush();
    }
    unflushed = false;
    // When the channel's buffer is full, the queue waits for the socket's onWritable.
  }

  /** The held shared frame goes into the pipeline (as a duplicate: its indexes are everyone's). */
  private void moveSharedToPipeline() {
    if (shared != null) {
      ws.writeWithoutFlush(shared.duplicate()); // passes on our reference
      shared = null;
      joined = false;
      unflushed = true;
    }
  }

  private void releaseShared() {
    if (shared != null) {
      shared.release();
      shared = null;
      joined = false;
    }
  }

  /** Nothing more is sent; what is queued is dropped. */
  void close() {
    releaseShared();
    closed = true;
    queue = null;
    queuedBytes = 0;
  }
}
