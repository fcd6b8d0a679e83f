package io.liveroom.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The picture types we accept, recognised by their magic bytes only: the file name and the
 * declared content type are whatever the client says, so neither is read.
 */
enum ImageType {
  JPEG("jpeg"), PNG("png"), GIF("gif"), WEBP("webp");

  /** Bytes {@link #sniff} needs at most. */
  static final int HEAD_BYTES = 12;
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  final String wire;

  ImageType(String wire) {
    this.wire = wire;
  }

  /** The type {@code head} (the file's first bytes) starts with, if it is one we accept. */
  static Optional<ImageType> sniff(byte[] head) {
    if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
      return Optional.of(JPEG);
    }
    if (head.length >= 8 && Arrays.equals(Arrays.copyOf(head, 8), PNG_MAGIC)) {
      return Optional.of(PNG);
    }
    if (head.length >= 6 && (ascii(head, 0, 6).equals("GIF87a") || ascii(head, 0, 6).equals("GIF89a"))) {
      return Optional.of(GIF);
    }
    if (head.length >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  private static String ascii(byte[] b, int from, int length) {
    return new String(b, from, length, StandardCharsets.ISO_8859_1);
  }
}
