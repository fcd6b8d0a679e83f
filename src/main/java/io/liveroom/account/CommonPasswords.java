package io.liveroom.account;

import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The common-password list the accounts capability ships ({@code accounts/common-passwords.txt}: one
 * password a line, {@code #} comments), read once at boot through Vert.x's file system
 * (classpath resources included), on the worker that builds the capability, and lower-cased for {@link PasswordPolicy}.
 */
final class CommonPasswords {
  private static final String RESOURCE = "accounts/common-passwords.txt";

  private CommonPasswords() {
  }

  /** Blocking read: the capability is constructed on a worker (see the bootstrap). */
  static Set<String> read(Vertx vertx) {
    String text = vertx.fileSystem().readFileBlocking(RESOURCE).toString(StandardCharsets.UTF_8);
    return Arrays.stream(text.split("\n")).map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
      .map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }
}
