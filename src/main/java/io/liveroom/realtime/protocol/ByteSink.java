package io.liveroom.realtime.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.ByteString;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer for writing one encoded message, reused by its thread: the message's
 * bytes are copied out once, at the exact size, and the buffer stays for the next message. It
 * replaces StringBuilder-then-String-then-bytes (three copies of every AI token's push) on the
 * event loops' hot paths. Not thread-safe: take it from {@link #local}, fill it, copy it out, and
 * do not hold it across calls.
 */
public final class ByteSink extends OutputStream {
  /** Past this, a buffer is not kept for reuse: one huge message must not pin its memory. */
  private static final int KEEP_AT_MOST = 64 * 1024;

  private byte[] buf;
  private int size;

  private ByteSink(int capacity) {
    this.buf = new byte[capacity];
  }

  /** A sink per thread and per use ({@code holder}), emptied. */
  public static ByteSink local(ThreadLocal<ByteSink> holder) {
    ByteSink sink = holder.get();
    if (sink == null || sink.buf.length > KEEP_AT_MOST) {
      sink = new ByteSink(512);
      holder.set(sink);
    }
    sink.size = 0;
    return sink;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  public ByteSink put(byte[] b) {
    write(b, 0, b.length);
    return this;
  }

  public ByteSink put(char c) {
    write(c);
    return this;
  }

  /** Bytes already encoded (for example raw JSON). */
  public ByteSink put(ByteString bytes) {
    int n = bytes.size();
    ensure(n);
    bytes.copyTo(buf, size);
    size += n;
    return this;
  }

  /** Characters known to be ASCII (field names, punctuation). */
  public ByteSink ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) s.charAt(i);
    }
    return this;
  }

  /** A decimal number, without the String that {@code Long.toString} would make. */
  public ByteSink number(long v) {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return ascii(Long.toString(v));
      }
      write('-');
      v = -v;
    }
    int digits = 1;
    for (long rest = v / 10; rest > 0; rest /= 10) {
      digits++;
    }
    ensure(digits);
    for (int i = size + digits - 1; i >= size; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    size += digits;
    return this;
  }

  /**
   * A JSON string literal in UTF-8. Printable ASCII without quotes or backslashes (channel names,
   * ids) is copied as is; anything else goes through Jackson's escaper.
   */
  public ByteSink quoted(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        write('"');
        put(JsonStringEncoder.getInstance().quoteAsUTF8(s));
        write('"');
        return this;
      }
    }
    ensure(n + 2);
    buf[size++] = '"';
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) s.charAt(i);
    }
    buf[size++] = '"';
    return this;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
