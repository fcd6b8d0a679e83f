package io.liveroom.media;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A phone stores a picture taken sideways as landscape pixels plus an EXIF Orientation tag telling
 * viewers to turn it. We strip all metadata on re-encode, so the tag would be lost and the picture
 * shown sideways: the tag is read first (TwelveMonkeys' JPEG segment and TIFF readers, already used
 * to decode JPEG) and the pixels are turned to upright before anything is encoded. Runs on the
 * media workers, like the rest of {@link ImageProcessor}.
 */
final class ExifOrientation {
  /** The tag's value when it is absent, unreadable or says "already upright". */
  static final int UPRIGHT = 1;

  private ExifOrientation() {
  }

  /**
   * The Orientation (1-8) in a JPEG's EXIF, or {@link #UPRIGHT}. A malformed EXIF block is not a
   * reason to refuse a picture that decodes: it reads as upright.
   */
  static int of(Path jpeg) {
    try (ImageInputStream in = ImageIO.createImageInputStream(jpeg.toFile())) {
      List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
      for (JPEGSegment segment : exif) {
        Integer value = orientation(segment.data());
        if (value != null) {
          return value;
        }
      }
      return UPRIGHT;
    } catch (IOException | RuntimeException e) {
      return UPRIGHT;
    }
  }

  private static Integer orientation(InputStream data) throws IOException {
    byte[] bytes = data.readAllBytes();
    int start = 0;
    // After the "Exif" identifier comes a pad byte; the TIFF header starts with II or MM.
    while (start < bytes.length && bytes[start] != 'I' && bytes[start] != 'M') {
      start++;
    }
    if (start >= bytes.length) {
      return null;
    }
    Directory ifd0 = new TIFFReader().read(ImageIO.createImageInputStream(
      new ByteArrayInputStream(bytes, start, bytes.length - start)));
    Entry entry = ifd0.getEntryById(TIFF.TAG_ORIENTATION);
    if (entry == null || !(entry.getValue() instanceof Number n) || n.intValue() < 1 || n.intValue() > 8) {
      return null;
    }
    return n.intValue();
  }

  /** {@code src} turned (and mirrored, for 2, 4, 5 and 7) so that it displays upright without the tag. */
  static BufferedImage upright(BufferedImage src, int orientation) {
    int w = src.getWidth();
    int h = src.getHeight();
    AffineTransform t = switch (orientation) {
      case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
      case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
      case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
      case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
      case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
      default -> null;
    };
    if (t == null) {
      return src;
    }
    boolean swap = orientation >= 5;
    boolean alpha = src.getColorModel().hasAlpha();
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h,
      alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      // Quarter turns and mirrors map pixels one to one: nothing to interpolate.
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.drawImage(src, t, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
