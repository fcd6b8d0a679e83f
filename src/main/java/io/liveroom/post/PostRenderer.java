package io.liveroom.post;

import io.liveroom.account.PeopleDirectory;
import io.liveroom.account.UserSummary;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@link PostViews}: five lookups per call (posts with their originals, pictures, the viewer's
 * likes, authors, and the viewer's follows and blocks among the authors), then the visibility rule
 * ({@link Audience}) per post. A share is rendered only while its original is visible to the viewer,
 * so deleting the original removes every share from every list at once.
 */
final class PostRenderer implements PostViews {
  private final PostRepository posts;
  private final PeopleDirectory people;
  private final PostRelations relations;
  private final PostPictures pictures;

  PostRenderer(PostRepository posts, PeopleDirectory people, PostRelations relations, PostPictures pictures) {
    this.posts = posts;
    this.people = people;
    this.relations = relations;
    this.pictures = pictures;
  }

  @Override
  public Future<List<JsonObject>> render(long viewerId, List<Long> postIds) {
    if (postIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return posts.withOriginals(new LinkedHashSet<>(postIds)).compose(rows -> {
      Set<Long> authors = new HashSet<>();
      rows.values().forEach(r -> authors.add(r.authorId()));
      authors.remove(viewerId);
      Future<Map<Long, UserSummary>> users = people.summaries(withViewer(authors, viewerId));
      Future<Set<Long>> followed = relations.followedAmong(viewerId, authors);
      Future<Set<Long>> blocked = relations.blockedAmong(viewerId, authors);
      Future<Map<Long, List<UUID>>> media = posts.pictures(rows.keySet());
      Future<Set<Long>> liked = posts.likedBy(viewerId, rows.keySet());
      return Future.all(users, followed, blocked, media, liked).map(all -> {
        Audience audience = new Audience(viewerId, users.result(), followed.result(), blocked.result());
        Batch batch = new Batch(rows, audience, media.result(), liked.result());
        List<JsonObject> out = new ArrayList<>();
        for (long id : postIds) {
          JsonObject view = batch.view(id);
          if (view != null) {
            out.add(view);
          }
        }
        return out;
      });
    });
  }

  private static Set<Long> withViewer(Set<Long> authors, long viewerId) {
    Set<Long> ids = new HashSet<>(authors);
    ids.add(viewerId);
    return ids;
  }

  /** One call's rows and lookups. */
  private final class Batch {
    private final Map<Long, PostRow> rows;
    private final Audience audience;
    private final Map<Long, List<UUID>> media;
    private final Set<Long> liked;

    Batch(Map<Long, PostRow> rows, Audience audience, Map<Long, List<UUID>> media, Set<Long> liked) {
      this.rows = rows;
      this.audience = audience;
      this.media = media;
      this.liked = liked;
    }

    /** The post as the viewer sees it, or null when they may not see it (or its original). */
    JsonObject view(long id) {
      PostRow p = rows.get(id);
      if (p == null || !audience.sees(p)) {
        return null;
      }
      JsonObject original = null;
      if (p.repostOf() != null) {
        original = view(p.repostOf());
        if (original == null) {
          return null;
        }
      }
      return body(p).put("repostOf", original);
    }

    private JsonObject body(PostRow p) {
      UserSummary a = audience.author(p.authorId());
      boolean signed = !"public".equals(p.visibility());
      JsonArray pics = new JsonArray();
      for (UUID m : media.getOrDefault(p.id(), List.of())) {
        PostPictures.Links l = pictures.links(m, signed);
        pics.add(new JsonObject().put("mediaId", m.toString()).put("url", l.url()).put("thumbUrl", l.thumbUrl()));
      }
      JsonObject place = p.placeRegion() == null && p.placeName() == null ? null
        : new JsonObject().put("region", p.placeRegion()).put("name", p.placeName());
      return new JsonObject().put("id", p.id())
        .put("author", new JsonObject().put("id", a.id()).put("nickname", a.nickname()).put("avatarUrl", a.avatarUrl()))
        .put("text", p.body()).put("pictures", pics).put("videoUrl", p.videoUrl()).put("place", place)
        .put("visibility", p.visibility())
        .put("counts", new JsonObject().put("likes", p.likes()).put("comments", p.comments()).put("shares", p.shares()))
        .put("likedByMe", liked.contains(p.id())).put("createdAt", p.createdAt().toString())
        .put("editedAt", p.editedAt() == null ? null : p.editedAt().toString());
    }
  }
}
