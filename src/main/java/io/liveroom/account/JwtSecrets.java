package io.liveroom.account;

import io.liveroom.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Resolves the JWT secret: the configured one, or for a single embedded node one generated on
 * first start and kept in {@code <data.dir>/jwt-secret} (owner-only permissions), so tokens
 * survive restarts. File I/O, so it runs on a worker.
 */
public final class JwtSecrets {
  private static final Logger LOG = LoggerFactory.getLogger(JwtSecrets.class);
  static final String FILE = "jwt-secret";

  private JwtSecrets() {
  }

  public static Future<AuthConfig> resolve(Vertx vertx, AuthConfig config, String dataDir) {
    if (!config.jwtSecret().isEmpty()) {
      return Future.succeededFuture(config);
    }
    return vertx.executeBlocking(() -> config.withSecret(loadOrCreate(Path.of(dataDir).resolve(FILE))), false);
  }

  private static String loadOrCreate(Path file) throws Exception {
    if (Files.isRegularFile(file)) {
      return Files.readString(file).trim();
    }
    Files.createDirectories(file.getParent());
    byte[] key = new byte[48];
    new SecureRandom().nextBytes(key);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    Files.writeString(file, secret);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      LOG.warn("Cannot restrict permissions of {} on this file system", file);
    }
    LOG.info("Generated a new JWT secret in {} (set auth.jwtSecret when running several nodes)", file.toAbsolutePath());
    return secret;
  }
}
