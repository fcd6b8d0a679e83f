package io.liveroom.oidc;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.liveroom.config.OidcConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each provider's discovery document and signing keys (JWKS), fetched with the non-blocking web
 * client and cached for {@code oidc.metadataTtlSeconds}. Key rotation: a token whose {@code kid} is
 * not in the cached set makes the keys be fetched again, at most once per
 * {@code oidc.jwksMinRefetchSeconds} per provider on this node (so a flood of tokens with made-up
 * key ids cannot turn us into a load generator against the provider); if the key is still unknown
 * the token is refused. The cache is shared by the node's event loops: entries are immutable
 * snapshots swapped atomically, and each caller's future is its own request's, so it completes on
 * the caller's context.
 */
final class OidcDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(OidcDiscovery.class);

  private final WebClient http;
  private final OidcConfig config;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastRefetch = new ConcurrentHashMap<>();

  /** One provider's metadata and keys, and when they were fetched. */
  private record Cached(ProviderMetadata metadata, JWKSet keys, long fetchedAtMillis) {
  }

  OidcDiscovery(WebClient http, OidcConfig config, Clock clock) {
    this.http = http;
    this.config = config;
    this.clock = clock;
  }

  Future<ProviderMetadata> metadata(OidcConfig.Provider provider) {
    return current(provider).map(Cached::metadata);
  }

  /** The signing key with {@code kid} (any key when the token names none and the set holds one), refetching once if unknown. */
  Future<Optional<JWK>> key(OidcConfig.Provider provider, String kid) {
    return current(provider).compose(c -> {
      Optional<JWK> found = find(c.keys(), kid);
      if (found.isPresent() || !mayRefetch(provider.id())) {
        return Future.succeededFuture(found);
      }
      LOG.info("OIDC provider {}: key id {} is unknown, fetching its keys again (rotation?)", provider.id(), kid);
      return fetchKeys(provider, c.metadata()).map(keys -> {
        cache.put(provider.id(), new Cached(c.metadata(), keys, clock.millis()));
        return find(keys, kid);
      });
    });
  }

  private static Optional<JWK> find(JWKSet keys, String kid) {
    if (kid == null) {
      return keys.getKeys().size() == 1 ? Optional.of(keys.getKeys().get(0)) : Optional.empty();
    }
    return Optional.ofNullable(keys.getKeyByKeyId(kid));
  }

  /** True for at most one caller per interval: the one that wins the compare-and-set. */
  private boolean mayRefetch(String providerId) {
    AtomicLong last = lastRefetch.computeIfAbsent(providerId, id -> new AtomicLong(Long.MIN_VALUE / 2));
    long now = clock.millis();
    long before = last.get();
    return now - before >= config.jwksMinRefetchSeconds() * 1000L && last.compareAndSet(before, now);
  }

  private Future<Cached> current(OidcConfig.Provider provider) {
    Cached c = cache.get(provider.id());
    if (c != null && clock.millis() - c.fetchedAtMillis() < config.metadataTtlSeconds() * 1000L) {
      return Future.succeededFuture(c);
    }
    return fetchMetadata(provider).compose(m -> fetchKeys(provider, m).map(keys -> {
      Cached fresh = new Cached(m, keys, clock.millis());
      cache.put(provider.id(), fresh);
      return fresh;
    }));
  }

  private Future<ProviderMetadata> fetchMetadata(OidcConfig.Provider provider) {
    return get(provider, provider.issuer() + "/.well-known/openid-configuration").map(body -> {
      JsonObject doc = new JsonObject(body);
      // The document must name the issuer we trust; otherwise anyone serving JSON there could swap it.
      if (!provider.issuer().equals(doc.getString("issuer"))) {
        throw unavailable(provider, "its discovery document names issuer " + doc.getString("issuer"));
      }
      String auth = doc.getString("authorization_endpoint");
      String token = doc.getString("token_endpoint");
      String jwks = doc.getString("jwks_uri");
      if (jwks == null) {
        throw unavailable(provider, "its discovery document has no jwks_uri");
      }
      return new ProviderMetadata(provider.issuer(), auth, token, jwks);
    });
  }

  private Future<JWKSet> fetchKeys(OidcConfig.Provider provider, ProviderMetadata m) {
    return get(provider, m.jwksUri()).map(body -> {
      try {
        return JWKSet.parse(body).toPublicJWKSet();
      } catch (ParseException e) {
        throw unavailable(provider, "its JWKS is not valid: " + e.getMessage());
      }
    });
  }

  private Future<String> get(OidcConfig.Provider provider, String url) {
    return http.getAbs(url).timeout(config.httpTimeoutMs()).send()
      .recover(e -> Future.failedFuture(unavailable(provider, url + " did not answer: " + e.getMessage())))
      .map((HttpResponse<Buffer> r) -> {
        if (r.statusCode() != 200) {
          throw unavailable(provider, url + " answered " + r.statusCode());
        }
        return r.bodyAsString();
      });
  }

  static AppException unavailable(OidcConfig.Provider provider, String why) {
    LOG.warn("OIDC provider {} is unavailable: {}", provider.id(), why);
    return AppException.of(ErrorCode.OIDC_PROVIDER_UNAVAILABLE,
      "The sign-in provider '" + provider.id() + "' is not reachable right now; try again.");
  }
}
