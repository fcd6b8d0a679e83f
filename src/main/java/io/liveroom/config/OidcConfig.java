package io.liveroom.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sign-in with OpenID Connect providers ({@code oidc.*}). {@code providers} is a list, empty by
 * default (no provider, the routes answer {@code oidc_provider_unknown}); from the environment it
 * is one JSON array in {@code LIVEROOM_OIDC_PROVIDERS}. {@code callbackBaseUrl} is this service's
 * public origin, the web flow's redirect URI is {@code <callbackBaseUrl>/api/v1/auth/oidc/<id>/callback}.
 */
public record OidcConfig(List<Provider> providers, String callbackBaseUrl, int clockSkewSeconds,
                         int jwksMinRefetchSeconds, int metadataTtlSeconds, int loginTtlSeconds,
                         int httpTimeoutMs) {

  /**
   * One provider: {@code id} names it in paths; ID tokens must come from {@code issuer} and name one
   * of {@code audiences} (the web client id, and the mobile apps' client ids); {@code clientSecret}
   * is empty for a public client (PKCE only); {@code name} is what the sign-in page's button says
   * ("Continue with Google"), the id capitalized when not set.
   */
  public record Provider(String id, String issuer, String clientId, String clientSecret, List<String> audiences,
                         List<String> scopes, String name) {
  }

  static OidcConfig from(ConfigReader r) {
    String base = r.string("oidc.callbackBaseUrl");
    if (!base.isEmpty() && !base.matches("https?://[^/?#]+")) {
      throw r.fail("oidc.callbackBaseUrl", "must be an origin like https://live.example.com (no path)");
    }
    return new OidcConfig(providers(r), base, r.intIn("oidc.clockSkewSeconds", 0, 600),
      r.intIn("oidc.jwksMinRefetchSeconds", 0, 86_400), r.intIn("oidc.metadataTtlSeconds", 60, 604_800),
      r.intIn("oidc.loginTtlSeconds", 60, 3600), r.intIn("oidc.httpTimeoutMs", 100, 60_000));
  }

  private static List<Provider> providers(ConfigReader r) {
    JsonObject section = r.root().getJsonObject("oidc");
    Object raw = section == null ? null : section.getValue("providers");
    if (!(raw instanceof JsonArray list)) {
      throw r.fail("oidc.providers", "must be a list of providers");
    }
    List<Provider> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Object o : list) {
      if (!(o instanceof JsonObject p)) {
        throw r.fail("oidc.providers", "must hold objects {id, issuer, clientId, audiences, ...}");
      }
      Provider provider = provider(r, p);
      if (!ids.add(provider.id())) {
        throw r.fail("oidc.providers", "names provider '" + provider.id() + "' twice");
      }
      out.add(provider);
    }
    return List.copyOf(out);
  }

  private static Provider provider(ConfigReader r, JsonObject p) {
    String id = p.getString("id", "");
    if (!id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
      throw r.fail("oidc.providers", "needs an id of lowercase letters, digits and dashes, got '" + id + "'");
    }
    if (id.equals("providers") || id.equals("exchange")) {
      throw r.fail("oidc.providers", "cannot use the id '" + id + "': it is a path of the sign-in API");
    }
    String name = p.getString("name", "").strip();
    if (name.length() > 40) {
      throw r.fail("oidc.providers", "provider '" + id + "' name is longer than 40 characters");
    }
    String issuer = p.getString("issuer", "");
    String clientId = p.getString("clientId", "");
    if (!validUrl(issuer) || clientId.isBlank()) {
      throw r.fail("oidc.providers", "provider '" + id + "' needs an http(s) issuer and a clientId");
    }
    List<String> audiences = strings(p.getJsonArray("audiences"));
    if (audiences.isEmpty()) {
      audiences = List.of(clientId);
    }
    List<String> scopes = strings(p.getJsonArray("scopes"));
    if (!scopes.contains("openid")) {
      throw r.fail("oidc.providers", "provider '" + id + "' scopes must include openid");
    }
    return new Provider(id, issuer.replaceAll("/+$", ""), clientId, p.getString("clientSecret", ""), audiences,
      scopes, name.isEmpty() ? Character.toUpperCase(id.charAt(0)) + id.substring(1) : name);
  }

  private static boolean validUrl(String s) {
    try {
      URI u = URI.create(s);
      return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<String> strings(JsonArray arr) {
    List<String> out = new ArrayList<>();
    if (arr != null) {
      arr.forEach(o -> out.add(String.valueOf(o).trim()));
    }
    return List.copyOf(out);
  }

  public Provider provider(String id) {
    return providers.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
  }
}
