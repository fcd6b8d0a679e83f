package io.liveroom.social;

import io.liveroom.account.PeopleDirectory;
import io.liveroom.account.UserDirectory;
import io.liveroom.account.UserSummary;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.Map;

/** What social asks of accounts: is the other user there and active, and the public view of many. */
final class Accounts {
  private final UserDirectory directory;
  private final PeopleDirectory people;

  Accounts(UserDirectory directory, PeopleDirectory people) {
    this.directory = directory;
    this.people = people;
  }

  PeopleDirectory people() {
    return people;
  }

  /** The target of a follow or block: {@code not_found} when unknown, {@code user_unavailable} when not active. */
  Future<UserSummary> requireActive(long userId) {
    return directory.find(userId).map(u -> {
      if (!u.active()) {
        throw AppException.of(ErrorCode.USER_UNAVAILABLE, "This account is cancelled or suspended.");
      }
      return u;
    });
  }

  Future<Map<Long, UserSummary>> summaries(Collection<Long> ids) {
    return people.summaries(ids);
  }

  /** The public fields of a user in lists and search results. */
  static JsonObject card(UserSummary u) {
    return new JsonObject().put("id", u.id()).put("nickname", u.nickname()).put("avatarUrl", u.avatarUrl())
      .put("identityVerified", u.identityVerified());
  }
}
