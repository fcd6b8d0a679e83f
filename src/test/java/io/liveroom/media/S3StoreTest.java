package io.liveroom.media;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonObject;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The s3 backend against a real S3 server: S3Proxy (org.gaul:s3proxy from Maven Central) serving
 * the S3 REST API, with signature checks, over jclouds' in-memory blob store, started here in the
 * test JVM on a random port like the embedded PostgreSQL. Path-style addressing, as most
 * S3-compatible stores want.
 */
@DisplayName("The s3 backend stores, serves and deletes pictures on a real S3-compatible server")
class S3StoreTest {
  private static final String BUCKET = "liveroom-media-test";
  private static BlobStoreContext blobs;
  private static S3Proxy s3;

  @RegisterExtension
  static final LiveNode node = LiveNode.builder().beforeStart(S3StoreTest::startS3).config(json -> json
    .getJsonObject("media").put("storage", new JsonObject().put("backend", "s3").put("dir", ""))
    .put("s3", new JsonObject().put("endpoint", "http://127.0.0.1:" + s3.getPort()).put("bucket", BUCKET)
      .put("region", "us-east-1").put("pathStyle", true).put("accessKey", "test-access")
      .put("secretKey", "test-secret-key"))).build();
  private static final MediaHttp media = new MediaHttp(node::httpPort);

  static void startS3() throws Exception {
    if (s3 != null) {
      return;
    }
    blobs = ContextBuilder.newBuilder("transient").credentials("unused", "unused").build(BlobStoreContext.class);
    s3 = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
      .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret-key").build();
    s3.start();
    while (!"STARTED".equals(s3.getState())) {
      Thread.onSpinWait();
    }
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.stop();
      blobs.close();
    }
  }

  private static BlobStore store() {
    return blobs.getBlobStore();
  }

  @Test
  @DisplayName("Upload puts three objects in the bucket (created at start), every variant is served from it, delete removes them")
  void roundTrip() {
    assertThat(store().containerExists(BUCKET)).as("bucket created by the node").isTrue();
    TestUsers.TestUser user = TestUsers.register(node.http());
    MediaHttp.Answer up = media.upload(user.accessToken(), "cover.jpg", Pictures.jpegWithGps(500, 300),
      Map.of("purpose", "cover"));
    assertThat(up.status()).as("%s", up).isEqualTo(201);
    JsonObject m = up.json();
    String id = m.getString("id");
    for (String variant : new String[] {"original", "medium", "thumb"}) {
      assertThat(store().blobExists(BUCKET, "media/" + id + "/" + variant)).as(variant).isTrue();
      MediaHttp.Answer got = media.get(m.getJsonObject("urls").getString(variant));
      assertThat(got.status()).isEqualTo(200);
      assertThat(got.header("Content-Type")).isEqualTo("image/jpeg");
      assertThat(Pictures.exifSegments(got.bytes())).isEmpty();
    }
    assertThat(store().getBlob(BUCKET, "media/" + id + "/original").getMetadata().getContentMetadata()
      .getContentType()).isEqualTo("image/jpeg");

    assertThat(media.delete("/api/v1/media/" + id, user.accessToken()).status()).isEqualTo(204);
    for (String variant : new String[] {"original", "medium", "thumb"}) {
      assertThat(store().blobExists(BUCKET, "media/" + id + "/" + variant)).as(variant).isFalse();
    }
    assertThat(media.get("/media/" + id + "/thumb").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("Pictures in the bucket answer byte ranges, 416 past the end, HEAD and If-None-Match, public and signed")
  void rangesAndConditionals() {
    TestUsers.TestUser user = TestUsers.register(node.http());
    MediaHttp.Answer cover = media.upload(user.accessToken(), "cover.jpg", Pictures.jpeg(300, 200),
      Map.of("purpose", "cover"));
    MediaServingTest.checkRangesAndConditionals(media, cover.json().getJsonObject("urls").getString("medium"));
    MediaHttp.Answer post = media.upload(user.accessToken(), "post.jpg", Pictures.jpeg(300, 200), Map.of());
    String signed = post.json().getJsonObject("urls").getString("original");
    assertThat(signed).contains("sig=");
    MediaServingTest.checkRangesAndConditionals(media, signed);
  }
}
