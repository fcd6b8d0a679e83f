-- Posts: what a user publishes outside live rooms. A post carries text, up to nine pictures
-- (post_media, uploaded media objects owned by the author) or one video link (an https URL on the
-- configured host allow-list). A share is a post whose repost_of names the original; it disappears
-- with the original. The place tag is a coarse region (a Nearby grid region or a named place),
-- never coordinates, and is only stored while the author has granted the location consent.
-- id orders every list newest first and is the paging cursor.
-- frozen: the author's account is in its cancellation cooling-off period, so the post is shown to
-- nobody (restorable); deleted_at: removed by its author or a moderator, shown to nobody, and
-- purged with its comments and likes by the retention rule.
CREATE TABLE posts (
  id            BIGSERIAL PRIMARY KEY,
  author_id     BIGINT NOT NULL REFERENCES users (id),
  body          TEXT NOT NULL DEFAULT '',
  video_url     TEXT,
  place_region  TEXT,
  place_name    TEXT,
  visibility    TEXT NOT NULL CHECK (visibility IN ('public', 'followers', 'private')),
  repost_of     BIGINT REFERENCES posts (id),
  like_count    BIGINT NOT NULL DEFAULT 0 CHECK (like_count >= 0),
  comment_count BIGINT NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
  share_count   BIGINT NOT NULL DEFAULT 0 CHECK (share_count >= 0),
  frozen        BOOLEAN NOT NULL DEFAULT false,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  edited_at     TIMESTAMPTZ,
  deleted_at    TIMESTAMPTZ,
  deleted_by    BIGINT
);

-- A user's own posts, newest first (profile lists and fan-out-on-read feeds).
CREATE INDEX posts_author_idx ON posts (author_id, id DESC) WHERE deleted_at IS NULL AND NOT frozen;
-- Public posts, newest first (the discovery feed).
CREATE INDEX posts_public_idx ON posts (id DESC) WHERE visibility = 'public' AND deleted_at IS NULL AND NOT frozen;
-- Shares of a post, so deleting the original hides them at once.
CREATE INDEX posts_repost_idx ON posts (repost_of) WHERE repost_of IS NOT NULL;

-- The pictures of a post, in display order.
CREATE TABLE post_media (
  post_id  BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  position SMALLINT NOT NULL CHECK (position BETWEEN 0 AND 8),
  media_id UUID NOT NULL,
  PRIMARY KEY (post_id, position)
);
