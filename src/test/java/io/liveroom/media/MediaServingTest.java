package io.liveroom.media;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Serving pictures: upright whatever the EXIF orientation, byte ranges, HEAD and conditional requests")
class MediaServingTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().config(json -> json.getJsonObject("media")
    .put("mediumSide", 200).put("thumbSide", 64)).build();
  private static final MediaHttp media = new MediaHttp(node::httpPort);
  private static TestUsers.TestUser alice;

  @BeforeAll
  static void users() {
    alice = TestUsers.register(node.http());
  }

  private static JsonObject upload(byte[] bytes, Map<String, String> fields) {
    MediaHttp.Answer a = media.upload(alice.accessToken(), "IMG_0002.JPG", bytes, fields);
    assertThat(a.status()).as("upload: %s", a).isEqualTo(201);
    return a.json();
  }

  @ParameterizedTest(name = "Orientation {0}: stored {1} x {2}, red half at the {3}")
  @DisplayName("A JPEG's EXIF orientation is applied to the pixels before metadata is stripped, in every variant")
  @CsvSource({
    "1, 400, 200, left",
    "6, 200, 400, top",
    "8, 200, 400, bottom",
    "3, 400, 200, right",
  })
  void upright(int orientation, int width, int height, String redAt) {
    JsonObject m = upload(Pictures.jpegWithOrientation(400, 200, orientation), Map.of());
    assertThat(m.getInteger("width")).isEqualTo(width);
    assertThat(m.getInteger("height")).isEqualTo(height);
    for (String variant : new String[] {"original", "medium", "thumb"}) {
      byte[] stored = media.get(m.getJsonObject("urls").getString(variant)).bytes();
      assertThat(Pictures.exifSegments(stored)).as("EXIF left in %s", variant).isEmpty();
      BufferedImage img = Pictures.decode(stored);
      int side = switch (variant) {
        case "thumb" -> 64;
        case "medium" -> 200;
        default -> 400;
      };
      assertThat(img.getWidth()).as("%s width", variant).isEqualTo(width * side / 400);
      assertThat(img.getHeight()).as("%s height", variant).isEqualTo(height * side / 400);
      int w = img.getWidth();
      int h = img.getHeight();
      int[] red = switch (redAt) {
        case "left" -> new int[] {w / 4, h / 2};
        case "right" -> new int[] {3 * w / 4, h / 2};
        case "top" -> new int[] {w / 2, h / 4};
        default -> new int[] {w / 2, 3 * h / 4};
      };
      int[] blue = {w - 1 - red[0], h - 1 - red[1]};
      assertThat(redness(img.getRGB(red[0], red[1]))).as("%s: red at the %s", variant, redAt).isGreaterThan(150);
      assertThat(redness(img.getRGB(blue[0], blue[1]))).as("%s: blue opposite", variant).isLessThan(-150);
    }
  }

  /** Red minus blue: large for red, very negative for blue. */
  private static int redness(int rgb) {
    return ((rgb >> 16) & 0xff) - (rgb & 0xff);
  }

  @Test
  @DisplayName("A public URL answers byte ranges (206), refuses a range past the end (416), HEAD and If-None-Match (304)")
  void publicRanges() {
    JsonObject m = upload(Pictures.jpeg(300, 200), Map.of("purpose", "avatar"));
    checkRangesAndConditionals(media, m.getJsonObject("urls").getString("medium"));
  }

  @Test
  @DisplayName("A signed URL answers ranges, HEAD and If-None-Match the same way, and still refuses a forged signature")
  void signedRanges() {
    JsonObject m = upload(Pictures.jpeg(300, 200), Map.of());
    String signed = m.getJsonObject("urls").getString("original");
    assertThat(signed).contains("sig=");
    checkRangesAndConditionals(media, signed);
    String forged = signed.substring(0, signed.length() - 3) + (signed.endsWith("AAA") ? "BBB" : "AAA");
    assertThat(media.send("GET", forged, Map.of("Range", "bytes=0-9")).status()).isEqualTo(403);
    assertThat(media.send("HEAD", forged, Map.of()).status()).isEqualTo(403);
  }

  /** The range, HEAD and conditional behaviour of one served URL; shared with the s3 backend's test. */
  static void checkRangesAndConditionals(MediaHttp media, String url) {
    MediaHttp.Answer full = media.get(url);
    assertThat(full.status()).isEqualTo(200);
    assertThat(full.header("Accept-Ranges")).isEqualTo("bytes");
    String etag = full.header("ETag");
    assertThat(etag).startsWith("\"").endsWith("\"");
    byte[] all = full.bytes();
    int n = all.length;

    MediaHttp.Answer head = media.send("HEAD", url, Map.of());
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.bytes()).isEmpty();
    assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(n));
    assertThat(head.header("Content-Type")).isEqualTo(full.header("Content-Type"));
    assertThat(head.header("ETag")).isEqualTo(etag);

    MediaHttp.Answer first = media.send("GET", url, Map.of("Range", "bytes=0-9"));
    assertThat(first.status()).isEqualTo(206);
    assertThat(first.header("Content-Range")).isEqualTo("bytes 0-9/" + n);
    assertThat(first.bytes()).isEqualTo(Arrays.copyOfRange(all, 0, 10));

    MediaHttp.Answer rest = media.send("GET", url, Map.of("Range", "bytes=10-"));
    assertThat(rest.status()).isEqualTo(206);
    assertThat(rest.header("Content-Range")).isEqualTo("bytes 10-" + (n - 1) + "/" + n);
    assertThat(rest.bytes()).isEqualTo(Arrays.copyOfRange(all, 10, n));

    MediaHttp.Answer suffix = media.send("GET", url, Map.of("Range", "bytes=-5"));
    assertThat(suffix.status()).isEqualTo(206);
    assertThat(suffix.bytes()).isEqualTo(Arrays.copyOfRange(all, n - 5, n));

    MediaHttp.Answer pastEnd = media.send("GET", url, Map.of("Range", "bytes=" + n + "-"));
    assertThat(pastEnd.status()).isEqualTo(416);
    assertThat(pastEnd.header("Content-Range")).isEqualTo("bytes */" + n);
    assertThat(pastEnd.json().getString("code")).isEqualTo("media_range_not_satisfiable");

    // Several ranges, or an If-Range for other bytes, are answered with the whole picture.
    assertThat(media.send("GET", url, Map.of("Range", "bytes=0-1,5-6")).bytes()).isEqualTo(all);
    MediaHttp.Answer stale = media.send("GET", url, Map.of("Range", "bytes=0-9", "If-Range", "\"other\""));
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.bytes()).isEqualTo(all);

    MediaHttp.Answer cached = media.send("GET", url, Map.of("If-None-Match", "\"other\", " + etag));
    assertThat(cached.status()).isEqualTo(304);
    assertThat(cached.bytes()).isEmpty();
    assertThat(cached.header("ETag")).isEqualTo(etag);
    assertThat(media.send("GET", url, Map.of("If-None-Match", "\"other\"")).status()).isEqualTo(200);
  }
}
