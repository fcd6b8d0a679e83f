package io.liveroom.config;

import java.time.Duration;
import java.util.Set;

/**
 * Uploaded pictures ({@code media.*}): limits checked before anything is decoded, the worker pool
 * that decodes and re-encodes, where objects are stored, how private ones are signed, how long an
 * unreferenced one survives, and which moderation runs before a picture becomes public.
 *
 * @param maxBytes        largest accepted upload (the body limit of the upload route adds the
 *                        multipart framing to it)
 * @param maxPixels       width x height read from the header; larger is refused before decoding
 * @param maxSide         longest accepted side in pixels, read from the header
 * @param workers         threads of the {@code media} worker pool (decode, re-encode, thumbnails)
 * @param mediumSide      longest side of the {@code medium} variant
 * @param thumbSide       longest side of the {@code thumb} variant
 * @param signedUrlTtl    lifetime of a signed URL to a private picture
 * @param signingSecret   HMAC key of signed URLs; empty derives one from {@code auth.jwtSecret}
 * @param orphanGraceDays an object no post, profile or note references is deleted after this
 * @param storage         the backend every node reads and writes
 * @param moderation      the check a picture passes before it becomes public
 */
public record MediaConfig(long maxBytes, long maxPixels, int maxSide, int workers, int mediumSide, int thumbSide,
                          Duration signedUrlTtl, String signingSecret, int orphanGraceDays, Storage storage,
                          Moderation moderation) {

  /**
   * {@code backend} is {@code filesystem} (under {@code dir}, default {@code <data.dir>/media}) or
   * {@code s3} (any S3-compatible store; empty credentials use the SDK's default chain).
   */
  public record Storage(String backend, String dir, String s3Endpoint, String s3Bucket, String s3Region,
                        boolean s3PathStyle, String s3AccessKey, String s3SecretKey) {
    public boolean s3() {
      return "s3".equals(backend);
    }
  }

  /** {@code provider} is {@code none} (every picture passes) or {@code http} (a verdict from {@code url}). */
  public record Moderation(String provider, String url, String secret, int timeoutMs) {
  }

  static MediaConfig from(ConfigReader r) {
    String backend = r.oneOf("media.storage.backend", Set.of("filesystem", "s3"));
    Storage storage = new Storage(backend, r.string("media.storage.dir"), r.string("media.s3.endpoint"),
      r.string("media.s3.bucket"), r.string("media.s3.region"), r.bool("media.s3.pathStyle"),
      r.string("media.s3.accessKey"), r.string("media.s3.secretKey"));
    if (storage.s3() && storage.s3Bucket().isEmpty()) {
      throw r.fail("media.s3.bucket", "is required when media.storage.backend is s3");
    }
    String provider = r.oneOf("media.moderation.provider", Set.of("none", "http"));
    Moderation moderation = new Moderation(provider, r.string("media.moderation.url"),
      r.string("media.moderation.secret"), r.intIn("media.moderation.timeoutMs", 100, 120_000));
    if ("http".equals(provider) && !moderation.url().matches("https?://\\S+")) {
      throw r.fail("media.moderation.url", "must be an http(s) URL when media.moderation.provider is http");
    }
    return new MediaConfig(r.longIn("media.maxBytes", 1024, 1L << 30), r.longIn("media.maxPixels", 1, 1_000_000_000),
      r.intIn("media.maxSide", 16, 100_000), r.intIn("media.workers", 1, 64), r.intIn("media.mediumSide", 64, 8192),
      r.intIn("media.thumbSide", 16, 2048), Duration.ofSeconds(r.intIn("media.signedUrlTtlSeconds", 10, 7 * 86_400)),
      r.string("media.signingSecret"), r.intIn("media.orphanGraceDays", 1, 3650), storage, moderation);
  }
}
