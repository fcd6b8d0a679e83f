package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Fields another capability adds to a user's public profile ({@code GET /api/v1/users/{id}}), as one
 * viewer sees it: social adds the follower counts and whether the two follow each other. Called
 * once per profile view; a failed section fails the view (its data is part of the contract).
 */
public interface ProfileSection {
  /** The fields to merge into {@code userId}'s public profile seen by {@code viewerId}. */
  Future<JsonObject> describe(long viewerId, long userId);
}
