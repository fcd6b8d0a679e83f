package io.liveroom;

import io.liveroom.account.DeviceInfo;
import io.liveroom.account.ExternalSignIn;
import io.liveroom.oidc.OidcAccounts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

import java.util.function.BiFunction;

/** OpenID Connect sign-in's view of accounts, answered by the accounts capability (wiring only, no rules here). */
final class OidcAccountActions implements OidcAccounts {
  private final ExternalSignIn accounts;

  OidcAccountActions(ExternalSignIn accounts) {
    this.accounts = accounts;
  }

  @Override
  public String currentPolicyVersion() {
    return accounts.currentPolicyVersion();
  }

  @Override
  public Future<Long> register(String nickname, String email, String method, Device device,
                               BiFunction<SqlClient, Long, Future<Void>> link) {
    return accounts.register(nickname, email, method, device(device), link);
  }

  @Override
  public Future<JsonObject> signIn(long userId, String method, Device device) {
    return accounts.signIn(userId, method, device(device));
  }

  @Override
  public Future<Boolean> hasPhone(long userId) {
    return accounts.hasPhone(userId);
  }

  private static DeviceInfo device(Device d) {
    return new DeviceInfo(d.name(), d.userAgent(), d.ip());
  }
}
