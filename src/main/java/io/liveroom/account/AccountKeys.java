package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.liveroom.infra.KeyFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Resolves the field-encryption and blind-index keys: the configured ones, or for a single embedded
 * node a pair generated on first start and kept in {@code <data.dir>/account-keys.json} (created
 * owner-only, see {@link KeyFiles}). Losing that file makes every stored phone and identity
 * unreadable, and a second node would generate keys of its own, so production mode refuses to
 * start without {@code accounts.crypto.*}. File I/O runs on a worker.
 */
public final class AccountKeys {
  private static final Logger LOG = LoggerFactory.getLogger(AccountKeys.class);
  static final String FILE = "account-keys.json";

  private AccountKeys() {
  }

  public static Future<AccountsConfig.Crypto> resolve(Vertx vertx, AccountsConfig.Crypto config, String dataDir) {
    return vertx.executeBlocking(() -> resolveBlocking(config, dataDir), false);
  }

  /** The configured keys, or those kept in {@code <dataDir>}; blocking file I/O (call it on a worker). */
  static AccountsConfig.Crypto resolveBlocking(AccountsConfig.Crypto config, String dataDir) {
    if (!config.generated()) {
      return config;
    }
    Path file = Path.of(dataDir).resolve(FILE);
    try {
      return loadOrCreate(file);
    } catch (Exception e) {
      throw new IllegalStateException("Could not read or create the personal-data keys " + file + ": "
        + e.getMessage(), e);
    }
  }

  private static AccountsConfig.Crypto loadOrCreate(Path file) throws Exception {
    KeyFiles.Loaded loaded = KeyFiles.readOrCreate(file, () -> new JsonObject().put("activeKeyId", "k1")
      .put("key", random()).put("indexKey", random()).encodePrettily());
    if (loaded.created()) {
      LOG.info("Generated new personal-data encryption keys in {} (configure accounts.crypto.* when running "
        + "several nodes, and back the keys up)", file.toAbsolutePath());
    }
    JsonObject json = new JsonObject(loaded.content());
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
