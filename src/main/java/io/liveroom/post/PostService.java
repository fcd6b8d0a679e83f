package io.liveroom.post;

import io.liveroom.account.UserDirectory;
import io.liveroom.auth.Role;
import io.liveroom.config.PostsConfig;
import io.liveroom.consent.ConsentService;
import io.liveroom.consent.Purpose;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.text.KeywordFilter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writing posts: create (checks, keyword filter, pictures referenced through media), edit within
 * the window, delete by the author or a moderator (with every share of it, at once), and share.
 * Reading goes through {@link PostViews}, so what a caller may act on is what they may see.
 */
final class PostService {
  private final PostRepository posts;
  private final PostViews views;
  private final PostPictures pictures;
  private final UserDirectory directory;
  private final ConsentService consents;
  private final Supplier<KeywordFilter> keywords;
  private final PostNotices notices;
  private final PostsConfig config;
  private final Clock clock;

  PostService(PostRepository posts, PostViews views, PostPictures pictures, UserDirectory directory,
              ConsentService consents, Supplier<KeywordFilter> keywords, PostNotices notices, PostsConfig config,
              Clock clock) {
    this.posts = posts;
    this.views = views;
    this.pictures = pictures;
    this.directory = directory;
    this.consents = consents;
    this.keywords = keywords;
    this.notices = notices;
    this.config = config;
    this.clock = clock;
  }

  Future<JsonObject> create(NewPost draft) {
    long author = draft.authorId();
    Future<Void> place = draft.placeRegion() == null && draft.placeName() == null ? Future.succeededFuture()
      : consents.require(author, Purpose.LOCATION);
    return mayWrite(author).compose(v -> place).compose(v -> {
      NewPost p = withText(draft, filtered(draft.text()));
      return posts.pool().withTransaction(tx -> posts.insert(tx, p, clock.instant()))
        .compose(id -> attachAll(p, id).map(id));
    }).compose(id -> one(author, id));
  }

  /** References the pictures in order; on a failure the post is undone and the failure returned. */
  private Future<Void> attachAll(NewPost p, long id) {
    boolean makePublic = "public".equals(p.visibility());
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < p.pictures().size(); i++) {
      int position = i;
      chain = chain.compose(v -> pictures.attach(p.authorId(), p.pictures().get(position), id, position, makePublic));
    }
    return chain.recover(e -> pictures.detach(id, p.pictures().size()).compose(v -> posts.abort(id))
      .transform(x -> Future.failedFuture(e)));
  }

  /** Posting and commenting need an active account, and a verified identity where configured. */
  Future<Void> mayWrite(long userId) {
    return directory.find(userId).compose(u -> {
      if (config.verifiedOnly() && !u.identityVerified()) {
        return Future.failedFuture(AppException.of(ErrorCode.POST_VERIFIED_ONLY,
          "Posting needs a verified identity on this service."));
      }
      return Future.succeededFuture();
    });
  }

  /** The text after the keyword filter: masked words starred; a refused word fails the request. */
  String filtered(String text) {
    KeywordFilter.Result r = keywords.get().apply(text);
    if (r.rejected()) {
      throw AppException.of(ErrorCode.POST_TEXT_REJECTED, "The text contains a word that is not allowed.");
    }
    return r.text();
  }

  Future<JsonObject> one(long viewerId, long postId) {
    return views.render(viewerId, List.of(postId)).map(list -> {
      if (list.isEmpty()) {
        throw notFound();
      }
      return list.get(0);
    });
  }

  Future<JsonObject> edit(long userId, long postId, String text) {
    return posts.find(postId).compose(found -> {
      PostRow p = found.filter(PostRow::live).orElseThrow(PostService::notFound);
      if (p.authorId() != userId) {
        throw AppException.of(ErrorCode.POST_NOT_YOURS, "Only the author may edit a post.");
      }
      if (clock.instant().isAfter(p.createdAt().plus(config.editWindow()))) {
        throw AppException.of(ErrorCode.POST_EDIT_CLOSED, "Posts can be edited for "
          + config.editWindow().toMinutes() + " minutes after posting.");
      }
      if (text.isBlank() && p.repostOf() == null) {
        return posts.pictureCount(postId).compose(n -> n == 0 && p.videoUrl() == null
          ? Future.failedFuture(AppException.of(ErrorCode.VALIDATION_FAILED, "A post needs text, pictures or a video link."))
          : posts.edit(postId, filtered(text), clock.instant()));
      }
      return posts.edit(postId, filtered(text), clock.instant());
    }).compose(v -> one(userId, postId));
  }

  /** Deletes a post (idempotent): its author, or a moderator or admin (their current role). */
  Future<Void> delete(long userId, long postId) {
    return posts.find(postId).compose(found -> {
      PostRow p = found.orElseThrow(PostService::notFound);
      Future<Boolean> allowed = p.authorId() == userId ? Future.succeededFuture(true)
        : directory.currentRole(userId).map(r -> r == Role.MODERATOR || r == Role.ADMIN);
      return allowed.compose(ok -> {
        if (!ok) {
          return Future.failedFuture(p.live() ? AppException.of(ErrorCode.POST_NOT_YOURS,
            "Only the author or a moderator may delete a post.") : notFound());
        }
        return remove(p, userId);
      });
    });
  }

  /** Deletes the post and its shares, then drops its pictures' references (the sweeper removes them). */
  Future<Void> remove(PostRow p, long by) {
    return posts.pool().withTransaction(tx -> posts.delete(tx, p.id(), by, clock.instant()))
      .compose(deleted -> deleted ? posts.pictureCount(p.id()).compose(n -> pictures.detach(p.id(), n))
        : Future.succeededFuture());
  }

  /** Shares a post the caller can see; a share of a share shares its original. */
  Future<JsonObject> share(long userId, long postId, NewPost draft) {
    return mayWrite(userId).compose(v -> one(userId, postId)).compose(seen -> {
      JsonObject root = seen.getJsonObject("repostOf") != null ? seen.getJsonObject("repostOf") : seen;
      long rootId = root.getLong("id");
      long rootAuthor = root.getJsonObject("author").getLong("id");
      NewPost share = new NewPost(userId, filtered(draft.text()), List.of(), null, null, null, draft.visibility(), rootId);
      return posts.pool().withTransaction(tx -> posts.countShare(tx, rootId).compose(counted -> {
        if (!counted) {
          return Future.failedFuture(notFound());
        }
        return posts.insert(tx, share, clock.instant());
      })).onSuccess(shareId -> {
        if (rootAuthor != userId) {
          notices.shared(rootAuthor, userId, rootId, shareId);
        }
      });
    }).compose(shareId -> one(userId, shareId));
  }

  private static NewPost withText(NewPost p, String text) {
    return new NewPost(p.authorId(), text, p.pictures(), p.videoUrl(), p.placeRegion(), p.placeName(), p.visibility(),
      p.repostOf());
  }

  static AppException notFound() {
    return AppException.of(ErrorCode.POST_NOT_FOUND, "No such post.");
  }
}
