package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Resolves the field-encryption and blind-index keys: the configured ones, or for a single embedded
 * node a pair generated on first start and kept in {@code <data.dir>/account-keys.json}
 * (owner-only). Losing that file makes every stored phone and identity unreadable, so operators of
 * anything but a local run must configure {@code accounts.crypto.*}. File I/O runs on a worker.
 */
public final class AccountKeys {
  private static final Logger LOG = LoggerFactory.getLogger(AccountKeys.class);
  static final String FILE = "account-keys.json";

  private AccountKeys() {
  }

  public static Future<AccountsConfig.Crypto> resolve(Vertx vertx, AccountsConfig.Crypto config, String dataDir) {
    if (!config.generated()) {
      return Future.succeededFuture(config);
    }
    return vertx.executeBlocking(() -> loadOrCreate(Path.of(dataDir).resolve(FILE)), false);
  }

  private static AccountsConfig.Crypto loadOrCreate(Path file) throws Exception {
    JsonObject json;
    if (Files.isRegularFile(file)) {
      json = new JsonObject(Files.readString(file));
    } else {
      Files.createDirectories(file.getParent());
      json = new JsonObject().put("activeKeyId", "k1").put("key", random()).put("indexKey", random());
      Files.writeString(file, json.encodePrettily());
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        LOG.warn("Cannot restrict permissions of {} on this file system", file);
      }
      LOG.info("Generated new personal-data encryption keys in {} (configure accounts.crypto.* when running "
        + "several nodes, and back the keys up)", file.toAbsolutePath());
    }
    Base64.Decoder b64 = Base64.getDecoder();
    String id = json.getString("activeKeyId");
    return new AccountsConfig.Crypto(Map.of(id, b64.decode(json.getString("key"))), id,
      b64.decode(json.getString("indexKey")));
  }

  private static String random() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
