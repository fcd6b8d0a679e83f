package io.liveroom.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The files the accounts capability ships: its Redis Lua scripts and the common-password list,
 * read once at boot, when the capability is constructed on a worker.
 */
public record AccountResources(String smsSendScript, String smsVerifyScript, String loginReserveScript,
                               String loginReleaseScript, Set<String> commonPasswords) {
  /** Reads them from the classpath; blocking, so at construction on a worker (see the bootstrap). */
  public static AccountResources read() {
    String common = read("accounts/common-passwords.txt");
    return new AccountResources(read("accounts/sms_send.lua"), read("accounts/sms_verify.lua"),
      read("accounts/login_reserve.lua"), read("accounts/login_release.lua"),
      Arrays.stream(common.split("\n")).map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet()));
  }

  private static String read(String resource) {
    try (java.io.InputStream in = AccountResources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
