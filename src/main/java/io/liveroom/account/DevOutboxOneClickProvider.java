package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code dev-outbox} stand-in for the carrier gateway: it asks no carrier. A test token is
 * issued for any phone by {@code POST /api/v1/dev/one-click-tokens} (mounted only while this
 * provider is configured), playing the carrier SDK, and is exchanged here once, within
 * {@link #TOKEN_TTL_SECONDS}, like a real one. For local runs, tests and demos: anyone may mint a
 * token for any phone, so production mode refuses it. Bounded (oldest tokens forgotten first);
 * shared by every event loop, guarded by its monitor, handing back completed futures.
 */
public final class DevOutboxOneClickProvider implements OneClickProvider {
  static final int TOKEN_TTL_SECONDS = 120;
  private static final int MAX_TOKENS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Issued(String phone, Instant expiresAt) {
  }

  private final Clock clock;
  private final Map<String, Issued> tokens = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Issued> eldest) {
      return size() > MAX_TOKENS;
    }
  };

  public DevOutboxOneClickProvider(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "dev-outbox";
  }

  /** A fresh single-use token for {@code e164}, as the carrier SDK would hand the app. */
  public synchronized String issue(String e164) {
    byte[] raw = new byte[24];
    RANDOM.nextBytes(raw);
    String token = "dev-one-click-" + HexFormat.of().formatHex(raw);
    tokens.put(token, new Issued(e164, clock.instant().plusSeconds(TOKEN_TTL_SECONDS)));
    return token;
  }

  @Override
  public synchronized Future<String> phoneFor(String token) {
    Issued issued = tokens.remove(token);
    if (issued == null || !clock.instant().isBefore(issued.expiresAt())) {
      return Future.failedFuture(AppException.of(ErrorCode.ONE_CLICK_TOKEN_INVALID,
        "The one-click token is unknown, expired or already used; try again or use an SMS code."));
    }
    return Future.succeededFuture(issued.phone());
  }
}
