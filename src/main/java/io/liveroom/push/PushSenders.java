package io.liveroom.push;

import io.liveroom.config.PushConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;

/**
 * Builds the sender {@code push.provider} names, reading its key files (blocking: called while the
 * capability is built on a worker). Provider tokens are signed with the system clock: Google and
 * Apple check them against real time, whatever clock the node's rules read.
 */
final class PushSenders {
  private static final Logger LOG = LoggerFactory.getLogger(PushSenders.class);

  private PushSenders() {
  }

  /** The configured sender, or null for {@code off}. */
  static PushSender create(Vertx vertx, PushConfig config, Clock clock) {
    return switch (config.provider()) {
      case "fcm" -> fcm(vertx, config);
      case "apns" -> apns(vertx, config);
      case "dev-outbox" -> {
        LOG.warn("Push provider is the dev-outbox stand-in: notifications reach NO phone; what would have been "
          + "pushed is readable by each user at GET /api/v1/dev/push-outbox. Configure push.provider=fcm or apns "
          + "for real users.");
        yield new DevOutboxPushSender(clock);
      }
      default -> {
        LOG.info("Push provider is off: device tokens are kept, nothing is pushed.");
        yield null;
      }
    };
  }

  private static PushSender fcm(Vertx vertx, PushConfig config) {
    PushConfig.Fcm fcm = config.fcm();
    FcmCredentials credentials = FcmCredentials.read(fcm.credentialsFile());
    String tokenUri = fcm.tokenUri().isEmpty() ? credentials.tokenUri() : fcm.tokenUri();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(config.timeoutMs())
      .setUserAgent("liveroom-push"));
    FcmAccessTokens tokens = new FcmAccessTokens(client, credentials, tokenUri, config.timeoutMs(), Clock.systemUTC());
    LOG.info("Push provider is FCM HTTP v1 for project {} at {} (service account {})", fcm.projectId(), fcm.endpoint(),
      credentials.clientEmail());
    return new FcmPushSender(client, tokens, fcm.endpoint(), fcm.projectId(), config.timeoutMs());
  }

  private static PushSender apns(Vertx vertx, PushConfig config) {
    PushConfig.Apns apns = config.apns();
    String pem;
    try {
      pem = Files.readString(Path.of(apns.keyFile()));
    } catch (IOException e) {
      throw new IllegalStateException("push.apns.keyFile " + apns.keyFile() + " cannot be read: " + e.getMessage(), e);
    }
    ECPrivateKey key = (ECPrivateKey) PemKeys.privateKey(pem, "EC", "push.apns.keyFile");
    WebClientOptions options = new WebClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setSsl(true)
      .setUseAlpn(true).setConnectTimeout(config.timeoutMs()).setUserAgent("liveroom-push");
    if (!apns.caFile().isEmpty()) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(apns.caFile()));
    }
    LOG.info("Push provider is APNs at {}:{} for topic {} (team {}, key {})", apns.effectiveHost(), apns.port(),
      apns.topic(), apns.teamId(), apns.keyId());
    return new ApnsPushSender(WebClient.create(vertx, options), new ApnsProviderToken(key, apns.keyId(), apns.teamId(),
      Clock.systemUTC()), apns, config.timeoutMs());
  }
}
