package io.liveroom.media;

import io.liveroom.support.LiveNode;
import io.liveroom.support.MutableClock;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Uploading pictures: sniffed types, limits before decoding, metadata stripped, variants")
class MediaUploadTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  private static final long MAX_BYTES = 300_000;
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().clock(CLOCK).config(json -> json.getJsonObject("media")
    .put("maxBytes", MAX_BYTES).put("maxPixels", 4_000_000).put("maxSide", 4000).put("signedUrlTtlSeconds", 60)
    .put("mediumSide", 200).put("thumbSide", 64)).build();
  private static final MediaHttp media = new MediaHttp(node::httpPort);
  private static TestUsers.TestUser alice;

  @BeforeAll
  static void users() {
    alice = TestUsers.register(node.http());
  }

  private static JsonObject upload(String name, byte[] bytes, Map<String, String> fields) {
    MediaHttp.Answer a = media.upload(alice.accessToken(), name, bytes, fields);
    assertThat(a.status()).as("upload %s: %s", name, a).isEqualTo(201);
    return a.json();
  }

  @ParameterizedTest(name = "{0} is stored as {1}")
  @DisplayName("Each accepted type is sniffed, decoded and stored re-encoded, with a medium and a thumbnail variant")
  @CsvSource({
    "jpeg, image/jpeg, 640, 480",
    "png, image/png, 640, 480",
    "png-alpha, image/png, 640, 480",
    "gif, image/png, 320, 240",
    "webp, image/jpeg, 64, 48",
    "webp-alpha, image/png, 64, 48",
  })
  void eachFormat(String kind, String storedType, int width, int height) {
    byte[] bytes = switch (kind) {
      case "jpeg" -> Pictures.jpeg(width, height);
      case "png" -> Pictures.png(width, height, false);
      case "png-alpha" -> Pictures.png(width, height, true);
      case "gif" -> Pictures.animatedGif(width, height);
      case "webp" -> Pictures.resource("opaque.webp");
      default -> Pictures.resource("alpha.webp");
    };
    // The name says nothing true: the bytes decide.
    JsonObject m = upload("upload.bin", bytes, Map.of());
    assertThat(m.getString("contentType")).isEqualTo(storedType);
    assertThat(m.getInteger("width")).isEqualTo(width);
    assertThat(m.getInteger("height")).isEqualTo(height);
    assertThat(m.getString("visibility")).isEqualTo("private");
    for (String variant : new String[] {"original", "medium", "thumb"}) {
      MediaHttp.Answer got = media.get(m.getJsonObject("urls").getString(variant));
      assertThat(got.status()).as("%s of %s: %s", variant, kind, got).isEqualTo(200);
      assertThat(got.header("Content-Type")).isEqualTo(storedType);
      BufferedImage img = Pictures.decode(got.bytes());
      int limit = switch (variant) {
        case "thumb" -> 64;
        case "medium" -> 200;
        default -> Math.max(width, height);
      };
      assertThat(Math.max(img.getWidth(), img.getHeight())).as("%s of %s", variant, kind).isEqualTo(Math.min(limit,
        Math.max(width, height)));
      assertThat(img.getColorModel().hasAlpha()).isEqualTo(kind.endsWith("alpha"));
    }
  }

  @Test
  @DisplayName("An animated GIF's thumbnail is its first frame")
  void gifFirstFrame() {
    JsonObject m = upload("anim.gif", Pictures.animatedGif(100, 100), Map.of());
    BufferedImage thumb = Pictures.decode(media.get(m.getJsonObject("urls").getString("thumb")).bytes());
    int rgb = thumb.getRGB(thumb.getWidth() / 2, thumb.getHeight() / 2);
    assertThat((rgb >> 16) & 0xff).as("red of the centre pixel").isGreaterThan(200);
    assertThat(rgb & 0xff).as("blue of the centre pixel").isLessThan(50);
  }

  @Test
  @DisplayName("A PNG name with text bytes is refused as media_type_unsupported, whatever the declared type")
  void fakeType() {
    MediaHttp.Answer a = media.upload(alice.accessToken(), "holiday.png", "image/png",
      "this is not a picture, just text".getBytes(), Map.of());
    assertThat(a.status()).as("%s", a).isEqualTo(415);
    assertThat(a.json().getString("code")).isEqualTo("media_type_unsupported");
  }

  @Test
  @DisplayName("A file over media.maxBytes is refused as media_too_large (413)")
  void tooLarge() {
    byte[] big = Pictures.noisePng(400, 400);
    assertThat(big.length).isGreaterThan((int) MAX_BYTES);
    MediaHttp.Answer a = media.upload(alice.accessToken(), "big.png", big, Map.of());
    assertThat(a.status()).as("%s", a).isEqualTo(413);
    assertThat(a.json().getString("code")).isEqualTo("media_too_large");
  }

  @Test
  @DisplayName("A header declaring too many pixels is refused as media_too_many_pixels before anything is decoded")
  void tooManyPixels() {
    byte[] bomb = Pictures.pngDeclaring(3000, 3000);
    assertThat(bomb.length).isLessThan(2000);
    MediaHttp.Answer a = media.upload(alice.accessToken(), "bomb.png", bomb, Map.of());
    assertThat(a.status()).as("%s", a).isEqualTo(422);
    assertThat(a.json().getString("code")).isEqualTo("media_too_many_pixels");
    MediaHttp.Answer side = media.upload(alice.accessToken(), "wide.png", Pictures.pngDeclaring(5000, 10), Map.of());
    assertThat(side.json().getString("code")).isEqualTo("media_too_many_pixels");
  }

  @Test
  @DisplayName("An upload without a bearer token is refused (401) and nothing is stored")
  void needsAuth() {
    MediaHttp.Answer a = media.upload(null, "a.jpg", Pictures.jpeg(10, 10), Map.of());
    assertThat(a.status()).isEqualTo(401);
  }

  @Test
  @DisplayName("EXIF GPS, serial, make and capture time never reach storage: not in the original nor any variant")
  void exifStripped() throws IOException {
    byte[] phone = Pictures.jpegWithGps(800, 600);
    // The fixture really carries GPS, as read back by an independent EXIF parser.
    assertThat(Pictures.gpsLatitude(phone)).as("GPS latitude in the fixture").isNotNull();
    assertThat(Pictures.jpegMarkers(phone)).contains(0xe1);
    assertThat(Pictures.contains(phone, Pictures.SERIAL)).isTrue();

    JsonObject m = upload("IMG_0001.JPG", phone, Map.of());
    Path dir = Path.of(node.get().config().dataDir(), "media", "media", m.getString("id"));
    for (String variant : new String[] {"original", "medium", "thumb"}) {
      byte[] stored = Files.readAllBytes(dir.resolve(variant));
      byte[] served = media.get(m.getJsonObject("urls").getString(variant)).bytes();
      assertThat(served).isEqualTo(stored);
      assertThat(Pictures.jpegMarkers(stored)).as("segments of %s", variant).doesNotContain(0xe1, 0xe2, 0xed, 0xfe);
      assertThat(Pictures.exifSegments(stored)).isEmpty();
      assertThat(Pictures.gpsLatitude(stored)).isNull();
      for (String trace : new String[] {"Exif", Pictures.SERIAL, Pictures.CAMERA_MAKE, Pictures.CAPTURED}) {
        assertThat(Pictures.contains(stored, trace)).as("%s in %s", trace, variant).isFalse();
      }
    }
  }

  @Test
  @DisplayName("PNG variants carry no text, time or EXIF chunks")
  void pngChunksClean() {
    JsonObject m = upload("a.png", Pictures.png(300, 200, true), Map.of());
    byte[] original = media.get(m.getJsonObject("urls").getString("original")).bytes();
    assertThat(Pictures.pngChunks(original)).doesNotContain("tEXt", "zTXt", "iTXt", "tIME", "eXIf")
      .contains("IHDR", "IDAT", "IEND");
  }

  @Test
  @DisplayName("A public picture is served to anyone under its stable URL, cached for a year as immutable")
  void publicUrl() {
    JsonObject m = upload("me.jpg", Pictures.jpeg(300, 300), Map.of("purpose", "avatar"));
    assertThat(m.getString("visibility")).isEqualTo("public");
    String url = m.getJsonObject("urls").getString("thumb");
    assertThat(url).isEqualTo("/media/" + m.getString("id") + "/thumb");
    MediaHttp.Answer a = media.get(url);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("Content-Type")).isEqualTo("image/jpeg");
    assertThat(a.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(media.get("/media/" + m.getString("id") + "/poster").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("A private picture is not served under the public URL; its signed URL works, then expires; a forged one fails")
  void signedUrls() {
    JsonObject m = upload("private.jpg", Pictures.jpeg(120, 90), Map.of("purpose", "post"));
    String id = m.getString("id");
    assertThat(media.get("/media/" + id + "/medium").status()).isEqualTo(404);
    String signed = m.getJsonObject("urls").getString("medium");
    assertThat(signed).startsWith("/media/" + id + "/medium?expires=");
    MediaHttp.Answer ok = media.get(signed);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("Cache-Control")).startsWith("private, max-age=");

    String forged = signed.substring(0, signed.length() - 3) + (signed.endsWith("AAA") ? "BBB" : "AAA");
    assertThat(media.get(forged).json().getString("code")).isEqualTo("media_link_invalid");
    String otherVariant = signed.replace("/medium?", "/original?");
    assertThat(media.get(otherVariant).status()).isEqualTo(403);
    String extended = signed.replaceAll("expires=\\d+", "expires=" + (CLOCK.instant().getEpochSecond() + 86_400));
    assertThat(media.get(extended).status()).isEqualTo(403);

    CLOCK.advance(Duration.ofSeconds(61));
    MediaHttp.Answer expired = media.get(signed);
    assertThat(expired.status()).isEqualTo(410);
    assertThat(expired.json().getString("code")).isEqualTo("media_link_expired");
  }

  @Test
  @DisplayName("The owner lists and views their pictures; another user gets media_not_found")
  void ownerViews() {
    JsonObject m = upload("mine.png", Pictures.png(50, 50, false), Map.of());
    MediaHttp.Answer list = media.get("/api/v1/media", alice.accessToken());
    assertThat(list.json().getJsonArray("media").stream().map(o -> ((JsonObject) o).getString("id")))
      .contains(m.getString("id"));
    TestUsers.TestUser bob = TestUsers.register(node.http());
    MediaHttp.Answer other = media.get("/api/v1/media/" + m.getString("id"), bob.accessToken());
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.json().getString("code")).isEqualTo("media_not_found");
    assertThat(media.get("/api/v1/media/" + m.getString("id"), alice.accessToken()).json()
      .getJsonArray("referencedBy")).isEmpty();
  }
}
