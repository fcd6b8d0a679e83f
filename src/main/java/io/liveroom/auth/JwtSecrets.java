package io.liveroom.auth;

import io.liveroom.infra.KeyFiles;
import io.liveroom.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Resolves the JWT secret: the configured one, or for a single embedded node one generated on
 * first start and kept in {@code <data.dir>/jwt-secret} (created owner-only, see {@link KeyFiles}),
 * so tokens survive restarts. Production mode never gets here: it requires a configured secret.
 * File I/O, so it runs on a worker.
 */
public final class JwtSecrets {
  private static final Logger LOG = LoggerFactory.getLogger(JwtSecrets.class);
  public static final String FILE = "jwt-secret";

  private JwtSecrets() {
  }

  public static Future<AuthConfig> resolve(Vertx vertx, AuthConfig config, String dataDir) {
    if (!config.jwtSecret().isEmpty()) {
      return Future.succeededFuture(config);
    }
    return vertx.executeBlocking(() -> config.withSecret(loadOrCreate(Path.of(dataDir).resolve(FILE))), false);
  }

  private static String loadOrCreate(Path file) throws Exception {
    KeyFiles.Loaded loaded = KeyFiles.readOrCreate(file, JwtSecrets::generate);
    if (loaded.created()) {
      LOG.info("Generated a new JWT secret in {} (set auth.jwtSecret when running several nodes)",
        file.toAbsolutePath());
    }
    return loaded.content().trim();
  }

  private static String generate() {
    byte[] key = new byte[48];
    new SecureRandom().nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }
}
