package io.liveroom.media;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Pictures the media tests upload, made here (or, for WebP, which the JDK cannot write, read
 * from src/test/resources/media: made once with cwebp from a generated gradient).
 */
final class Pictures {
  /** What the GPS fixture carries in its EXIF, so a test can look for any trace of it. */
  static final String CAMERA_MAKE = "PhoneCoCam";
  static final String SERIAL = "SN-0123456789";
  static final String CAPTURED = "2026:01:02 03:04:05";

  private Pictures() {
  }

  static BufferedImage gradient(int w, int h, boolean alpha) {
    BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int a = alpha && x < w / 2 ? 0x80 : 0xff;
        img.setRGB(x, y, (a << 24) | ((x * 255 / w) << 16) | ((y * 255 / h) << 8) | 0x60);
      }
    }
    return img;
  }

  static byte[] jpeg(int w, int h) {
    return write(gradient(w, h, false), "jpeg");
  }

  static byte[] png(int w, int h, boolean alpha) {
    return write(gradient(w, h, alpha), "png");
  }

  /** A PNG of random pixels: does not compress, so its size is about w x h x 3 bytes. */
  static byte[] noisePng(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(42);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    return write(img, "png");
  }

  /** An animated GIF: a red first frame, then a blue one. */
  static byte[] animatedGif(int w, int h) {
    try {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.prepareWriteSequence(null);
        for (Color c : List.of(Color.RED, Color.BLUE)) {
          BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
          Graphics2D g = frame.createGraphics();
          g.setColor(c);
          g.fillRect(0, 0, w, h);
          g.dispose();
          writer.writeToSequence(new IIOImage(frame, null, null), null);
        }
        writer.endWriteSequence();
      }
      writer.dispose();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = Pictures.class.getResourceAsStream("/media/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A valid PNG whose header declares {@code w} x {@code h} pixels and whose data is a few hundred
   * bytes of compressed zeros: what a decompression bomb looks like before it is decoded.
   */
  static byte[] pngDeclaring(int w, int h) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
        .put((byte) 0).put((byte) 0);
      chunk(out, "IHDR", ihdr.array());
      Deflater deflater = new Deflater(9);
      deflater.setInput(new byte[64 * 1024]);
      deflater.finish();
      byte[] buf = new byte[64 * 1024];
      int n = deflater.deflate(buf);
      chunk(out, "IDAT", Arrays.copyOf(buf, n));
      chunk(out, "IEND", new byte[0]);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(data.length);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    d.write(t);
    d.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    d.writeInt((int) crc.getValue());
  }

  /** A JPEG as a phone writes it: an EXIF APP1 segment with make, serial, capture time and a GPS position. */
  static byte[] jpegWithGps(int w, int h) {
    return withExif(jpeg(w, h), exifTiff());
  }

  /**
   * A landscape JPEG as a phone held upright writes it: the sensor's pixels (left half red, right
   * half blue) and an EXIF Orientation tag (6: turn 90 degrees clockwise to display) instead of
   * turned pixels.
   */
  static byte[] jpegWithOrientation(int w, int h, int orientation) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, w / 2, h);
    g.setColor(Color.BLUE);
    g.fillRect(w / 2, 0, w - w / 2, h);
    g.dispose();
    ByteBuffer tiff = ByteBuffer.allocate(26);
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 1);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0);
    return withExif(write(img, "jpeg"), tiff.array());
  }

  /** {@code plain} with an EXIF APP1 segment holding {@code tiff} right after its start marker. */
  private static byte[] withExif(byte[] plain, byte[] tiff) {
    byte[] payload = new byte[6 + tiff.length];
    System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, payload, 0, 6);
    System.arraycopy(tiff, 0, payload, 6, tiff.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xff);
    out.write(0xd8);
    out.write(0xff);
    out.write(0xe1);
    out.write((payload.length + 2) >> 8);
    out.write((payload.length + 2) & 0xff);
    out.writeBytes(payload);
    out.write(plain, 2, plain.length - 2);
    return out.toByteArray();
  }

  /** Big-endian TIFF: IFD0 (make, date, serial, GPS pointer) and the GPS IFD (latitude, longitude). */
  private static byte[] exifTiff() {
    ByteBuffer b = ByteBuffer.allocate(256);
    b.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
    int ifd0 = 8;
    int data = ifd0 + 2 + 4 * 12 + 4;
    byte[] make = ascii(CAMERA_MAKE);
    byte[] date = ascii(CAPTURED);
    byte[] serial = ascii(SERIAL);
    int makeAt = data;
    int dateAt = makeAt + even(make.length);
    int serialAt = dateAt + even(date.length);
    int gpsAt = serialAt + even(serial.length);
    b.position(ifd0);
    b.putShort((short) 4);
    entry(b, 0x010f, 2, make.length, makeAt);
    entry(b, 0x0132, 2, date.length, dateAt);
    entry(b, 0x8825, 4, 1, gpsAt);
    entry(b, 0xa431, 2, serial.length, serialAt);
    b.putInt(0);
    b.position(makeAt).put(make).position(dateAt).put(date).position(serialAt).put(serial);
    int gpsData = gpsAt + 2 + 4 * 12 + 4;
    b.position(gpsAt).putShort((short) 4);
    b.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
    entry(b, 2, 5, 3, gpsData);
    b.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
    entry(b, 4, 5, 3, gpsData + 24);
    b.putInt(0);
    b.position(gpsData).putInt(39).putInt(1).putInt(54).putInt(1).putInt(2712).putInt(100);
    b.putInt(116).putInt(1).putInt(23).putInt(1).putInt(1234).putInt(100);
    return Arrays.copyOf(b.array(), b.position());
  }

  private static void entry(ByteBuffer b, int tag, int type, int count, int valueOrOffset) {
    b.putShort((short) tag).putShort((short) type).putInt(count).putInt(valueOrOffset);
  }

  private static byte[] ascii(String s) {
    return (s + "\0").getBytes(StandardCharsets.US_ASCII);
  }

  private static int even(int n) {
    return n + (n & 1);
  }

  private static byte[] write(BufferedImage img, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- Reading what was stored ---

  /** The JPEG marker segments before the image data (APPn, DQT, SOF, ...), as marker numbers. */
  static List<Integer> jpegMarkers(byte[] jpeg) {
    List<Integer> markers = new ArrayList<>();
    int i = 2;
    while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
      int marker = jpeg[i + 1] & 0xff;
      markers.add(marker);
      if (marker == 0xda) {
        break;
      }
      i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
    }
    return markers;
  }

  /** The EXIF APP1 payloads (TIFF bytes) of a JPEG. */
  static List<byte[]> exifSegments(byte[] jpeg) {
    List<byte[]> found = new ArrayList<>();
    int i = 2;
    while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) != 0xda) {
      int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
      if ((jpeg[i + 1] & 0xff) == 0xe1 && new String(jpeg, i + 4, 4, StandardCharsets.ISO_8859_1).equals("Exif")) {
        found.add(Arrays.copyOfRange(jpeg, i + 10, i + 2 + length));
      }
      i += 2 + length;
    }
    return found;
  }

  /** The GPS latitude an independent EXIF reader (TwelveMonkeys' TIFF reader) finds in a JPEG, or null. */
  static String gpsLatitude(byte[] jpeg) {
    for (byte[] tiff : exifSegments(jpeg)) {
      try {
        Directory ifd0 = new TIFFReader().read(ImageIO.createImageInputStream(new ByteArrayInputStream(tiff)));
        Entry gps = ifd0.getEntryById(TIFF.TAG_GPS_IFD);
        if (gps != null && gps.getValue() instanceof Directory gpsIfd && gpsIfd.getEntryById(2) != null) {
          return gpsIfd.getEntryById(2).getValueAsString();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return null;
  }

  /** PNG chunk types, in order. */
  static List<String> pngChunks(byte[] png) {
    List<String> chunks = new ArrayList<>();
    int i = 8;
    while (i + 8 <= png.length) {
      int length = ByteBuffer.wrap(png, i, 4).getInt();
      chunks.add(new String(png, i + 4, 4, StandardCharsets.US_ASCII));
      i += 12 + length;
    }
    return chunks;
  }

  static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
