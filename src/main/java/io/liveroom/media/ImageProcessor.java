package io.liveroom.media;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns an uploaded file into the pictures we store. Blocking and CPU-bound: runs on the media
 * worker pool only.
 *
 * <p>Order matters for safety: the header's dimensions are checked against the limits before a
 * single pixel is decoded (a 1 KB PNG may declare 100,000 x 100,000 pixels, 40 GB once decoded);
 * the reader ignores metadata; only the first frame is decoded (an animated GIF's thumbnail is its
 * first frame). A JPEG's EXIF Orientation is applied to the pixels ({@link ExifOrientation}). Every variant, the full-size one included, is drawn from the decoded pixels into a
 * fresh image and encoded with no metadata at all, so nothing of the upload's EXIF, XMP, ICC
 * comments or GPS position can survive. Output formats: PNG for sources that may carry alpha or
 * are graphics (PNG, GIF, WebP with alpha), JPEG for photographs (JPEG, opaque WebP). The JDK can
 * write neither WebP nor animated frames, and every client reads JPEG and PNG.
 */
final class ImageProcessor {
  private static final float JPEG_QUALITY = 0.85f;

  record Limits(long maxPixels, int maxSide, int mediumSide, int thumbSide) {
  }

  /** One encoded rendition. */
  record Encoded(String contentType, byte[] bytes, int width, int height) {
  }

  /** What an upload became: its source type, its full size, and every variant. */
  record Result(ImageType source, String contentType, int width, int height, Map<Variant, Encoded> variants) {
  }

  private final Limits limits;

  ImageProcessor(Limits limits) {
    this.limits = limits;
  }

  Result process(Path file, ImageType type) {
    BufferedImage decoded = decodeFirstFrame(file, type);
    if (type == ImageType.JPEG) {
      // Read before the metadata is dropped: the stored pixels are upright, tag or no tag.
      decoded = ExifOrientation.upright(decoded, ExifOrientation.of(file));
    }
    boolean alpha = decoded.getColorModel().hasAlpha();
    boolean png = type == ImageType.PNG || type == ImageType.GIF || alpha;
    BufferedImage full = flatten(decoded, alpha);
    Map<Variant, Encoded> variants = new EnumMap<>(Variant.class);
    variants.put(Variant.ORIGINAL, encode(full, png));
    variants.put(Variant.MEDIUM, encode(Scaling.fit(full, limits.mediumSide()), png));
    variants.put(Variant.THUMB, encode(Scaling.fit(full, limits.thumbSide()), png));
    return new Result(type, png ? "image/png" : "image/jpeg", full.getWidth(), full.getHeight(), variants);
  }

  private BufferedImage decodeFirstFrame(Path file, ImageType type) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.wire);
      if (!readers.hasNext()) {
        throw unreadable(type);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        checkDimensions(reader.getWidth(0), reader.getHeight(0));
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (AppException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Corrupt or truncated data surfaces as IIOException, or as a runtime exception from a codec.
      throw unreadable(type);
    }
  }

  private void checkDimensions(int width, int height) {
    if (width <= 0 || height <= 0 || width > limits.maxSide() || height > limits.maxSide()
      || (long) width * height > limits.maxPixels()) {
      throw AppException.of(ErrorCode.MEDIA_TOO_MANY_PIXELS, "The picture is " + width + " x " + height
        + " pixels; at most " + limits.maxPixels() + " pixels and " + limits.maxSide() + " pixels a side are accepted.");
    }
  }

  private static AppException unreadable(ImageType type) {
    return AppException.of(ErrorCode.MEDIA_UNREADABLE, "The file starts like a " + type.wire
      + " picture but cannot be decoded.");
  }

  /** A fresh RGB (or ARGB) image holding only the pixels: no colour profile, no properties. */
  private static BufferedImage flatten(BufferedImage src, boolean alpha) {
    return Scaling.draw(src, src.getWidth(), src.getHeight(), alpha);
  }

  private static Encoded encode(BufferedImage img, boolean png) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageWriter writer = ImageIO.getImageWritersByFormatName(png ? "png" : "jpeg").next();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (!png) {
          param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
          param.setCompressionQuality(JPEG_QUALITY);
        }
        // No stream or image metadata: the writer emits only what the format requires.
        writer.write(null, new IIOImage(img, null, null), param);
      } finally {
        writer.dispose();
      }
      return new Encoded(png ? "image/png" : "image/jpeg", bytes.toByteArray(), img.getWidth(), img.getHeight());
    } catch (IOException e) {
      throw new IllegalStateException("Encoding a decoded picture failed", e);
    }
  }
}
