package io.liveroom.post;

import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.consent.ConsentService;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;

import java.util.List;

/**
 * The post capability: posts, comments, likes, shares and the feeds. It owns {@code posts} and
 * {@code post_media}. On this branch it carries the feeds only (following and discovery), which ask
 * the follow graph through {@link FeedFollows} and render through {@link PostViews}; the posts
 * themselves are wired in at the merge.
 */
public final class PostCapability implements Capability {
  private final List<HttpRoutes> routes;

  public PostCapability(Platform platform, ConsentService consents, FeedFollows follows, BearerAuth auth) {
    PostViews views = new IdOnlyPostViews();
    FeedService feeds = new FeedService(new FeedRepository(platform.pool()), follows, consents, views,
      platform.clock());
    this.routes = List.of(new FeedRoutes(feeds, auth));
  }

  @Override
  public String name() {
    return "post";
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }
}
