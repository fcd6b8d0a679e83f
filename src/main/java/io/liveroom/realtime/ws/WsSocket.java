package io.liveroom.realtime.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.Socket;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One upgraded WebSocket connection, as the Netty handler that replaces the HTTP codec's consumer
 * on its channel. It is our own thin layer over Netty's frame decoder instead of Vert.x's
 * {@code ServerWebSocket}, because that one costs about 8 KB of heap per idle connection (a
 * multi-producer outbound queue allocated eagerly, whatever the thread mode) and an encoder pass per
 * write; a live room holds tens of thousands of mostly idle sockets.
 *
 * <p>Everything runs on the channel's event loop. Messages are handed to the {@link Listener} inside
 * the owning Vert.x context, so futures and clients used by the listener behave as on any Vert.x
 * handler. Outbound data is written pre-framed ({@link WsFrames}); control frames go through
 * Netty's frame encoder.
 */
public final class WsSocket extends ChannelInboundHandlerAdapter {
  public static final String NAME = "liveroom-ws";
  private static final Logger LOG = LoggerFactory.getLogger(WsSocket.class);

  /** What the connection reports to the protocol layer. */
  public interface Listener {
    /** One complete message (a whole frame, or reassembled fragments). */
    void onMessage(byte[] payload);

    /** The channel can take writes again after refusing them ({@link #writable()} was false). */
    void onWritable();

    /** The peer broke the framing rules; {@code tooBig}: a frame or message over the size limit. */
    void onViolation(boolean tooBig, String detail);

    /** The connection is gone (closed by either side, or lost). Called once. */
    void onClosed();
  }

  private final ContextInternal context;
  private final int maxMessageBytes;
  private final long closingTimeoutMillis;
  private ChannelHandlerContext ctx;
  private Listener listener;
  /** A fragmented message being reassembled; null between messages. */
  private CompositeByteBuf fragments;
  private boolean paused;
  /** Messages decoded while paused, handed over in order on resume. */
  private ArrayDeque<byte[]> held;
  private boolean closeSent;
  private boolean closed;
  private ScheduledFuture<?> closingTimer;
  /**
   * The epoll socket, for {@link #sendNow}; null on other transports or behind TLS, where every
   * write goes through the pipeline.
   */
  private Socket direct;
  /**
   * The channel's outbound buffer and event loop, kept here because a room's delivery pass asks
   * every subscriber's socket about them: reaching them through the handler context, channel and
   * unsafe costs three more cache misses per delivery. Netty drops the buffer from the channel when
   * it closes; {@link #sendNow} therefore also checks that the descriptor is still open. Null when
   * the channel was already closed as this handler was added.
   */
  private ChannelOutboundBuffer pending;
  private EventExecutor loop;

  WsSocket(ContextInternal context, int maxMessageBytes, long closingTimeoutMillis) {
    this.context = context;
    this.maxMessageBytes = maxMessageBytes;
    this.closingTimeoutMillis = closingTimeoutMillis;
  }

  /**
   * The Vert.x context of this socket's event loop (the HTTP listener's own context, not a
   * per-request duplicate): one per loop, so the protocol layer may key per-loop state by it.
   */
  public Context context() {
    return context;
  }

  /** Sets the listener; call once, on the event loop, before any message can arrive. */
  public void listener(Listener listener) {
    this.listener = listener;
    drainHeld();
  }

  // ---- outbound (event loop only) ----

  /** Writes one pre-framed data frame and flushes; takes ownership of {@code frame}. */
  public void write(ByteBuf frame) {
    if (closed || closeSent) {
      frame.release();
      return;
    }
    ctx.writeAndFlush(frame, ctx.voidPromise());
  }

  /** Writes one pre-framed data frame without flushing ({@link #flush} sends it); takes ownership. */
  public void writeWithoutFlush(ByteBuf frame) {
    if (closed || closeSent) {
      frame.release();
      return;
    }
    ctx.write(frame, ctx.voidPromise());
  }

  public void flush() {
    if (!closed) {
      ctx.flush();
    }
  }

  /**
   * Sends a pre-framed data frame straight to the socket when nothing is waiting in the channel's
   * outbound buffer, and hands any unsent rest to the pipeline (which then waits for the socket to
   * drain). The frame is only read, never consumed or released, so one shared frame can be sent to
   * many sockets. This skips the pipeline's per-write bookkeeping (a buffer duplicate and an
   * outbound-buffer entry per subscriber), which is most of our own CPU in a room fan-out.
   *
   * @return false when the frame must go through {@link #write} instead (not epoll, TLS, not on
   *     the channel's event loop, or earlier writes still pending, which must stay in front of it)
   */
  public boolean sendNow(ByteBuf frame) {
    if (direct == null || closed || closeSent || pending == null || !frame.hasMemoryAddress()
      || !loop.inEventLoop() || !pending.isEmpty() || !direct.isOpen()) {
      return false;
    }
    int start = frame.readerIndex();
    int end = frame.writerIndex();
    int sent;
    try {
      sent = direct.sendAddress(frame.memoryAddress(), start, end);
    } catch (IOException e) {
      LOG.debug("WebSocket send failed: {}", e.getMessage());
      ctx.close();
      return true;
    }
    if (sent < end - start) {
      ctx.writeAndFlush(frame.retainedSlice(start + sent, end - start - sent), ctx.voidPromise());
    }
    return true;
  }

  /** Whether the channel's outbound buffer is under its high-water mark. */
  public boolean writable() {
    return !closed && pending != null && pending.isWritable();
  }

  public ByteBufAllocator alloc() {
    return ctx.alloc();
  }

  /**
   * Starts the closing handshake with {@code code}: the close frame is sent, and the TCP
   * connection is closed when the peer answers or after the closing timeout. Closing first and
   * at once could reset the connection before the peer reads the close frame, and the SDKs decide
   * whether to reconnect from its code.
   */
  public void close(int code, String reason) {
    if (closed || closeSent) {
      return;
    }
    closeSent = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(code, reason));
    closingTimer = ctx.executor().schedule(() -> ctx.close(), closingTimeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Whether the connection is gone or closing: nothing more will be written. */
  public boolean isClosed() {
    return closed || closeSent;
  }

  /** Stops reading messages (they stay in the socket, or here if already decoded). */
  public void pause() {
    if (!paused) {
      paused = true;
      ctx.channel().config().setAutoRead(false);
    }
  }

  public void resume() {
    if (!paused) {
      return;
    }
    paused = false;
    drainHeld();
    if (!paused) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void drainHeld() {
    while (!paused && listener != null && held != null && !held.isEmpty() && !closed) {
      deliver(held.poll());
    }
  }

  // ---- Netty events ----

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.pending = ctx.channel().unsafe().outboundBuffer();
    this.loop = ctx.executor();
    if (ctx.channel() instanceof EpollSocketChannel epoll && epoll.fd() instanceof Socket socket
      && ctx.pipeline().get(SslHandler.class) == null) {
      direct = socket;
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      // The end of the upgrade request, decoded before the HTTP codec was replaced.
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      onFrame(frame);
    } finally {
      frame.release();
    }
  }

  private void onFrame(WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
      if (fragments != null) {
        violation(false, "a new message started inside a fragmented one");
      } else if (frame.isFinalFragment()) {
        message(ByteBufUtil.getBytes(frame.content()));
      } else {
        fragments = ctx.alloc().compositeBuffer();
        append(frame.content());
      }
    } else if (frame instanceof ContinuationWebSocketFrame) {
      if (fragments == null) {
        violation(false, "a continuation frame outside a fragmented message");
        return;
      }
      if (append(frame.content()) && frame.isFinalFragment()) {
        byte[] whole = ByteBufUtil.getBytes(fragments);
        releaseFragments();
        message(whole);
      }
    } else if (frame instanceof PingWebSocketFrame) {
      if (!closeSent) {
        ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()), ctx.voidPromise());
      }
    } else if (frame instanceof CloseWebSocketFrame close) {
      onCloseFrame(close);
    }
    // Pong frames need no answer: liveness is the protocol's own ping/pong.
  }

  /** Appends a fragment unless the message would pass the limit; false when the socket is refused. */
  private boolean append(ByteBuf content) {
    if (fragments.readableBytes() + content.readableBytes() > maxMessageBytes) {
      releaseFragments();
      violation(true, "a fragmented message over " + maxMessageBytes + " bytes");
      return false;
    }
    fragments.addComponent(true, content.retain());
    return true;
  }

  private void onCloseFrame(CloseWebSocketFrame close) {
    if (closeSent) {
      ctx.close(); // the peer answered our close: the handshake is complete
      return;
    }
    closeSent = true;
    int status = close.statusCode();
    CloseWebSocketFrame echo = status < 0 || !WebSocketCloseStatus.isValidStatusCode(status)
      ? new CloseWebSocketFrame() : new CloseWebSocketFrame(status, "");
    ctx.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
  }

  private void message(byte[] payload) {
    if (closed || closeSent) {
      return;
    }
    if (paused || listener == null) {
      if (held == null) {
        held = new ArrayDeque<>(2);
      }
      held.add(payload);
      return;
    }
    deliver(payload);
  }

  private void deliver(byte[] payload) {
    dispatch(l -> l.onMessage(payload));
  }

  private void violation(boolean tooBig, String detail) {
    if (listener == null) {
      ctx.close();
      return;
    }
    dispatch(l -> l.onViolation(tooBig, detail));
  }

  /** Runs a listener callback inside the owning Vert.x context, as Vert.x does for its own handlers. */
  private void dispatch(Consumer<Listener> event) {
    if (listener == null) {
      return;
    }
    ContextInternal prev = context.beginDispatch();
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      context.reportException(e);
    } finally {
      context.endDispatch(prev);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (!closed && ctx.channel().isWritable()) {
      dispatch(Listener::onWritable);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException corrupt && !closed) {
      violation(corrupt.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), cause.getMessage());
      return;
    }
    if (!(cause instanceof IOException)) {
      LOG.debug("WebSocket channel failed", cause);
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!closed) {
      closed = true;
      held = null;
      releaseFragments();
      if (closingTimer != null) {
        closingTimer.cancel(false);
      }
      dispatch(Listener::onClosed);
    }
    // Vert.x's connection behind us closes its books (connection metrics, server accounting).
    ctx.fireChannelInactive();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // Nothing to pass on: the HTTP connection behind us no longer reads this channel.
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    // Not forwarded: Vert.x's HTTP connection would close an "idle" keep-alive connection on the
    // server's shutdown event. Our own shutdown closes every socket with its code first.
    ReferenceCountUtil.release(evt);
  }

  private void releaseFragments() {
    if (fragments != null) {
      fragments.release();
      fragments = null;
    }
  }
}
