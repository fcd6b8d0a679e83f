package io.liveroom.post;

import io.liveroom.account.UserSummary;

import java.util.Map;
import java.util.Set;

/**
 * Who may see a post: never a deleted or frozen one, nor one whose author's account is not active
 * (banned, suspended, cancelled); the author always sees their own; anyone else only without a block
 * either way, and then a public post, or a followers-only post of an author they follow. A private
 * post is its author's alone.
 */
final class Audience {
  private final long viewerId;
  private final Map<Long, UserSummary> users;
  private final Set<Long> followed;
  private final Set<Long> blocked;

  Audience(long viewerId, Map<Long, UserSummary> users, Set<Long> followed, Set<Long> blocked) {
    this.viewerId = viewerId;
    this.users = users;
    this.followed = followed;
    this.blocked = blocked;
  }

  boolean sees(PostRow p) {
    UserSummary author = users.get(p.authorId());
    if (!p.live() || author == null) {
      return false;
    }
    if (p.authorId() == viewerId) {
      return true;
    }
    if (!author.active() || blocked.contains(p.authorId())) {
      return false;
    }
    return switch (p.visibility()) {
      case "public" -> true;
      case "followers" -> followed.contains(p.authorId());
      default -> false;
    };
  }

  UserSummary author(long id) {
    return users.get(id);
  }
}
