package io.liveroom.account;

import io.liveroom.account.AccountKeys;
import io.liveroom.auth.JwtSecrets;
import io.liveroom.config.AccountsConfig;
import io.liveroom.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keys generated into data.dir (the JWT secret and the personal-data keys of a single embedded
 * node) appear owner-only and complete from the first instant, are never overwritten by a second
 * node starting at the same time, and a key file others can read is refused rather than used.
 */
@DisplayName("Generated key files are created owner-only in one step, never replaced, and refused when exposed")
class KeyFilesTest {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final AuthConfig AUTH = new AuthConfig("", "liveroom", "liveroom-api", 900, 30);
  private static final AccountsConfig.Crypto GENERATE = new AccountsConfig.Crypto(Map.of(), "", new byte[0]);
  private static final ExecutorService POOL = Executors.newFixedThreadPool(8);
  private static Vertx vertx;

  @BeforeAll
  static void boot() {
    vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(16));
  }

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("The JWT secret and the account keys are owner-only (600) and non-empty on first start")
  void ownerOnly(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    String secret = await(JwtSecrets.resolve(vertx, AUTH, data.toString())).jwtSecret();
    await(AccountKeys.resolve(vertx, GENERATE, data.toString()));
    assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
    assertThat(Files.getPosixFilePermissions(data.resolve(JwtSecrets.FILE))).isEqualTo(OWNER_ONLY);
    assertThat(Files.getPosixFilePermissions(data.resolve(AccountKeys.FILE))).isEqualTo(OWNER_ONLY);
    assertThat(Files.getPosixFilePermissions(data)).as("a data.dir the node creates is owner-only too")
      .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    try (var listing = Files.list(data)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
        .as("no temporary file is left behind").containsExactlyInAnyOrder(JwtSecrets.FILE, AccountKeys.FILE);
    }
  }

  @Test
  @DisplayName("A watcher polling the key file's path never sees it readable by others or incomplete")
  void noWindow(@TempDir Path dir) throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    AtomicReference<Path> watched = new AtomicReference<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread watcher = new Thread(() -> {
      while (!done.get()) {
        Path f = watched.get();
        if (f == null) {
          continue;
        }
        try {
          Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
          if (!perms.equals(OWNER_ONLY) || Files.size(f) == 0) {
            seen.add(PosixFilePermissions.toString(perms) + " size " + Files.size(f));
          }
        } catch (java.io.IOException notYet) {
          // Not created yet: nothing observed.
        }
      }
    });
    watcher.start();
    try {
      for (int i = 0; i < 300; i++) {
        Path d = dir.resolve("d" + i);
        Files.createDirectories(d);
        watched.set(d.resolve(JwtSecrets.FILE));
        await(JwtSecrets.resolve(vertx, AUTH, d.toString()));
      }
    } finally {
      done.set(true);
      watcher.join();
    }
    assertThat(seen).as("states of a key file the watcher saw").isEmpty();
  }

  @Test
  @DisplayName("Nodes starting at the same instant on one data.dir all get the same secret: none overwrites another's")
  void concurrentStartsAgree(@TempDir Path dir) throws Exception {
    int starters = 8;
    for (int round = 0; round < 30; round++) {
      String data = dir.resolve("r" + round).toString();
      CyclicBarrier together = new CyclicBarrier(starters);
      List<CompletableFuture<String>> starts = new ArrayList<>();
      for (int i = 0; i < starters; i++) {
        starts.add(CompletableFuture.supplyAsync(() -> {
          try {
            together.await();
            return await(JwtSecrets.resolve(vertx, AUTH, data)).jwtSecret();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, POOL));
      }
      Set<String> secrets = new HashSet<>();
      for (CompletableFuture<String> f : starts) {
        secrets.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(secrets).as("secrets the starters got in round %d", round).hasSize(1);
      assertThat(Files.readString(Path.of(data, JwtSecrets.FILE)).trim()).isEqualTo(secrets.iterator().next());
    }
  }

  @Test
  @DisplayName("An existing key file that group or others can read is refused, naming the file and the fix")
  void exposedFileRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(JwtSecrets.FILE);
    Files.writeString(file, "a-secret-that-was-exposed-to-everyone-on-this-host");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> await(JwtSecrets.resolve(vertx, AUTH, dir.toString())))
      .hasMessageContaining(file.toString()).hasMessageContaining("rw-r--r--").hasMessageContaining("chmod 600");

    Path keys = dir.resolve(AccountKeys.FILE);
    Files.writeString(keys, "{}");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw----r--"));
    assertThatThrownBy(() -> await(AccountKeys.resolve(vertx, GENERATE, dir.toString())))
      .hasMessageContaining(keys.toString()).hasMessageContaining("chmod 600");
  }

  @Test
  @DisplayName("An existing owner-only key file is read back unchanged")
  void existingOwnerOnlyFileReused(@TempDir Path dir) throws Exception {
    String first = await(JwtSecrets.resolve(vertx, AUTH, dir.toString())).jwtSecret();
    String second = await(JwtSecrets.resolve(vertx, AUTH, dir.toString())).jwtSecret();
    assertThat(second).isEqualTo(first);
  }
}
