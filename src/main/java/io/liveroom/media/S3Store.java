package io.liveroom.media;

import io.liveroom.config.MediaConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.util.concurrent.Callable;

/**
 * Any S3-compatible object store (AWS S3, MinIO, Ceph, a cloud's S3 API) through the AWS SDK v2's
 * blocking client. Every call runs on the media worker pool and completes on the caller's context
 * ({@code executeBlocking}). An unreachable store is {@code media_storage_unavailable} (503, retry),
 * never a 500.
 */
final class S3Store implements MediaStore {
  private static final Logger LOG = LoggerFactory.getLogger(S3Store.class);

  private final WorkerExecutor workers;
  private final S3Client s3;
  private final String bucket;

  S3Store(WorkerExecutor workers, MediaConfig.Storage config) {
    this.workers = workers;
    this.bucket = config.s3Bucket();
    S3ClientBuilder builder = S3Client.builder()
      .httpClientBuilder(UrlConnectionHttpClient.builder())
      .region(Region.of(config.s3Region()))
      .forcePathStyle(config.s3PathStyle())
      // Checksums only where the API requires them: the SDK's default (a CRC trailer on every
      // upload, since early 2025) is refused by many S3-compatible stores.
      .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
      .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
      .credentialsProvider(credentials(config));
    if (!config.s3Endpoint().isEmpty()) {
      builder.endpointOverride(URI.create(config.s3Endpoint()));
    }
    this.s3 = builder.build();
  }

  private static AwsCredentialsProvider credentials(MediaConfig.Storage config) {
    if (config.s3AccessKey().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.s3AccessKey(), config.s3SecretKey()));
  }

  @Override
  public String name() {
    return "s3";
  }

  /** Checks the bucket is reachable, creating it when the store has none of that name. */
  @Override
  public Future<Void> start() {
    return blocking(() -> {
      try {
        s3.headBucket(b -> b.bucket(bucket));
      } catch (NoSuchBucketException e) {
        LOG.info("Creating the media bucket {}", bucket);
        s3.createBucket(b -> b.bucket(bucket));
      } catch (S3Exception e) {
        if (e.statusCode() != 404) {
          throw e;
        }
        LOG.info("Creating the media bucket {}", bucket);
        s3.createBucket(b -> b.bucket(bucket));
      }
      return null;
    });
  }

  @Override
  public Future<Void> put(String key, Buffer bytes, String contentType) {
    return blocking(() -> {
      s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes.getBytes()));
      return null;
    });
  }

  @Override
  public Future<Buffer> get(String key) {
    return blocking(() -> {
      try {
        return Buffer.buffer(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
      } catch (NoSuchKeyException e) {
        throw AppException.of(ErrorCode.MEDIA_NOT_FOUND, "No such picture.");
      }
    });
  }

  @Override
  public Future<Void> delete(String key) {
    // S3's DeleteObject succeeds for a missing key: idempotent as the contract asks.
    return blocking(() -> {
      s3.deleteObject(b -> b.bucket(bucket).key(key));
      return null;
    });
  }

  @Override
  public void close() {
    s3.close();
  }

  private <T> Future<T> blocking(Callable<T> call) {
    return workers.executeBlocking(call, false).recover(e -> Future.failedFuture(e instanceof SdkClientException
      ? AppException.of(ErrorCode.MEDIA_STORAGE_UNAVAILABLE, "The picture store cannot be reached; try again.")
      : e));
  }
}
