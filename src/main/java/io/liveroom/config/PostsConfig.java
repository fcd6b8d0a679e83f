package io.liveroom.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Posts, comments, likes and shares. A post's text has at most {@code maxTextLength} characters; a
 * video link must be https on one of {@code videoHosts}; {@code verifiedOnly} limits posting and
 * commenting to verified identities; the author may edit the text for {@code editWindow} after
 * posting. A comment has at most {@code maxCommentLength} characters, and a user may write at most
 * {@code commentsPerMinute} a minute. Deleted posts (with their comments and likes) are purged after
 * {@code deletedRetentionDays} (0 keeps them). The following feed first reads the newest
 * {@code feedDenseWindow} live posts below its cursor, and asks each followee only when those held
 * less than a page (docs/POSTS.md, "Following feed").
 */
public record PostsConfig(int maxTextLength, List<String> videoHosts, boolean verifiedOnly, Duration editWindow,
                          int maxCommentLength, int commentsPerMinute, int deletedRetentionDays,
                          int feedDenseWindow) {
  static PostsConfig from(ConfigReader r) {
    return new PostsConfig(
      r.intIn("posts.text.maxLength", 1, 20_000),
      r.strings("posts.video.allowedHosts").stream().map(h -> h.toLowerCase(Locale.ROOT)).toList(),
      r.bool("posts.verifiedOnly"),
      Duration.ofMinutes(r.intIn("posts.editWindowMinutes", 0, 10_080)),
      r.intIn("posts.comments.maxLength", 1, 5_000),
      r.intIn("posts.comments.perMinute", 1, 1_000),
      r.intIn("posts.retention.deletedDays", 0, 3_650),
      r.intIn("posts.feed.denseWindow", 1, 100_000));
  }
}
