package io.liveroom.consent;

import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;

import java.util.List;

/**
 * Consent per purpose (location, personalised recommendations, ...): the ledger of decisions, the
 * routes users decide through, and {@link ConsentService} that other capabilities ask before they
 * use data for a purpose and that tells them when a consent is withdrawn. Its personal data (the
 * ledger, with location history) is exported by privacy.
 */
public final class ConsentCapability implements Capability {
  private final ConsentService service;
  private final List<HttpRoutes> routes;

  public ConsentCapability(Platform platform, BearerAuth auth) {
    this.service = new ConsentService(platform.pool());
    this.routes = List.of(new ConsentRoutes(service, auth));
  }

  @Override
  public String name() {
    return "consent";
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  /** Asked by every capability that uses data for a purpose that needs consent. */
  public ConsentService service() {
    return service;
  }
}
