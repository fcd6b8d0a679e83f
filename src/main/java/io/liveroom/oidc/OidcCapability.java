package io.liveroom.oidc;

import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.OidcConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Sign-in with OpenID Connect providers (Google, or any standard provider listed in
 * {@code oidc.providers}): ID-token verification against the provider's published keys, the
 * mobile and web flows, and linking identities to accounts. Accounts are reached through
 * {@link OidcAccounts} only.
 */
public final class OidcCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(OidcCapability.class);

  private final List<HttpRoutes> routes;
  private final List<PersonalDataSource> personalData;
  private final WebClient http;

  public OidcCapability(Platform platform, OidcAccounts accounts, BearerAuth auth) {
    OidcConfig config = platform.config().oidc();
    http = WebClient.create(platform.vertx(), new WebClientOptions().setConnectTimeout(config.httpTimeoutMs())
      .setFollowRedirects(false).setUserAgent("liveroom-oidc"));
    OidcDiscovery discovery = new OidcDiscovery(http, config, platform.clock());
    OidcRepository identities = new OidcRepository(platform.pool());
    OidcService service = new OidcService(config, new IdTokenVerifier(discovery, platform.clock(),
      config.clockSkewSeconds()), new UsedNonces(platform.redis(), platform.clock(), config.clockSkewSeconds()),
      identities, accounts);
    routes = List.of(new OidcRoutes(service, new OidcWebFlow(service, discovery, http, platform.redis(), config),
      new WebHandoff(platform.redis(), config.loginTtlSeconds(), config.callbackBaseUrl()), auth,
      signInOptions(config, platform.config().accounts().email().login())));
    personalData = List.of(new OidcPersonalData(identities));
    LOG.info("OIDC sign-in providers: {}", config.providers().stream().map(OidcConfig.Provider::id).toList());
  }

  /** What the sign-in page offers: a button per provider, and the email form when email login is on. */
  private static JsonObject signInOptions(OidcConfig config, boolean emailLogin) {
    return new JsonObject().put("providers", new JsonArray(config.providers().stream()
      .map(p -> new JsonObject().put("id", p.id()).put("name", p.name())).toList())).put("emailLogin", emailLogin);
  }

  @Override
  public String name() {
    return "oidc";
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  @Override
  public List<PersonalDataSource> personalData() {
    return personalData;
  }

  @Override
  public io.vertx.core.Future<Void> stop() {
    http.close();
    return io.vertx.core.Future.succeededFuture();
  }
}
