package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The common-password list the accounts capability ships ({@code accounts/common-passwords.txt}: one
 * password a line, {@code #} comments), read once at boot through Vert.x's asynchronous file system
 * (classpath resources included) and lower-cased for {@link PasswordPolicy}.
 */
final class CommonPasswords {
  private static final String RESOURCE = "accounts/common-passwords.txt";

  private CommonPasswords() {
  }

  static Future<Set<String>> load(Vertx vertx) {
    return vertx.fileSystem().readFile(RESOURCE).map(b -> Arrays.stream(b.toString(StandardCharsets.UTF_8).split("\n"))
      .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT))
      .collect(Collectors.toUnmodifiableSet()));
  }
}
