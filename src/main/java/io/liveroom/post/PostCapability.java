package io.liveroom.post;

import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.liveroom.text.SearchTerms;
import io.liveroom.account.PeopleDirectory;
import io.liveroom.account.UserDirectory;
import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.PostsConfig;
import io.liveroom.consent.ConsentService;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;
import io.liveroom.text.KeywordFilter;

import java.util.List;
import java.util.function.Supplier;

/**
 * Posts: text, pictures or a video link, a coarse place tag, visibility; comments with one level of
 * replies, likes and shares. It owns {@code posts}, {@code post_media}, {@code post_comments} and
 * {@code post_likes}. Others reach it through the bootstrap: feeds render through {@link #views};
 * the reports queue removes posts and comments through {@link #moderation}. It asks follows and
 * blocks ({@link PostRelations}), pictures ({@link PostPictures}) and notices ({@link PostNotices})
 * through interfaces of its own. The feeds (following and discovery) select post ids, asking the
 * follow graph through {@link FeedFollows}, and render them through the same {@link PostViews}.
 * See docs/POSTS.md.
 */
public final class PostCapability implements Capability {
  private final PostViews views;
  private final PostModeration moderation;
  private final PostSearch search;
  private final List<HttpRoutes> routes;
  private final List<PersonalDataSource> personalData;
  private final List<RetentionRule> retention;

  public PostCapability(Platform platform, UserDirectory directory, PeopleDirectory people, ConsentService consents,
                        PostRelations relations, PostPictures pictures, Supplier<KeywordFilter> keywords,
                        PostNotices notices, FeedFollows follows, BearerAuth auth) {
    PostsConfig config = platform.config().posts();
    PostRepository posts = new PostRepository(platform.pool());
    CommentRepository comments = new CommentRepository(platform.pool());
    this.views = new PostRenderer(posts, people, relations, pictures);
    PostService service = new PostService(posts, views, pictures, directory, consents, keywords, notices, config,
      platform.clock());
    PostLikes likes = new PostLikes(new LikeRepository(platform.pool()), service, notices, platform.clock());
    CommentService commenting = new CommentService(comments, service, relations, people, directory, platform.redis(),
      notices, config, platform.clock());
    this.moderation = new PostModeration(posts, comments, service, platform.clock());
    FeedRepository feeds = new FeedRepository(platform.pool(), config.feedDenseWindow());
    this.search = new PostSearch(new PostSearchRepository(platform.pool()), views);
    this.routes = List.of(new PostRoutes(service, likes, new ProfilePosts(posts, relations, views), new PostDrafts(config),
      config, auth), new CommentRoutes(commenting, config, auth),
      new FeedRoutes(new FeedService(feeds, follows, consents, views, platform.clock()), auth));
    PostDataRepository data = new PostDataRepository(platform.pool());
    this.personalData = List.of(new PostPersonalData(data));
    this.retention = List.of(new RetentionRule(PostPersonalData.deletedPosts(data), config.deletedRetentionDays()),
      new RetentionRule(PostPersonalData.deletedComments(data), config.deletedRetentionDays()));
  }

  @Override
  public String name() {
    return "post";
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  @Override
  public List<PersonalDataSource> personalData() {
    return personalData;
  }

  @Override
  public List<RetentionRule> retention() {
    return retention;
  }

  /**
   * Posts whose text contains the query, newest first, rendered for the viewer with every visibility
   * rule of {@link #views} (social's search asks it through the bootstrap).
   */
  public Future<List<JsonObject>> search(long viewerId, SearchTerms terms, int limit) {
    return search.search(viewerId, terms, limit);
  }

  /** Rendering posts for a viewer, with every visibility rule (the feeds use it). */
  public PostViews views() {
    return views;
  }

  /** For the reports queue: the author of a post or comment, and removing one. */
  public PostModeration moderation() {
    return moderation;
  }
}
