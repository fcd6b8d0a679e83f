package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The files the accounts capability ships: its Redis Lua scripts and the common-password list,
 * read once at boot through Vert.x's asynchronous file system (classpath resources included).
 */
public record AccountResources(String smsSendScript, String smsVerifyScript, String loginReserveScript,
                               String loginReleaseScript, Set<String> commonPasswords) {
  public static Future<AccountResources> load(Vertx vertx) {
    Future<String> send = read(vertx, "accounts/sms_send.lua");
    Future<String> verify = read(vertx, "accounts/sms_verify.lua");
    Future<String> reserve = read(vertx, "accounts/login_reserve.lua");
    Future<String> release = read(vertx, "accounts/login_release.lua");
    Future<String> common = read(vertx, "accounts/common-passwords.txt");
    return Future.all(send, verify, reserve, release, common).map(all -> new AccountResources(send.result(),
      verify.result(), reserve.result(), release.result(),
      Arrays.stream(common.result().split("\n")).map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet())));
  }

  private static Future<String> read(Vertx vertx, String resource) {
    return vertx.fileSystem().readFile(resource).map(b -> b.toString(java.nio.charset.StandardCharsets.UTF_8));
  }
}
