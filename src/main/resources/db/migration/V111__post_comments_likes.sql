-- Comments on posts, with one level of replies: parent_id names a top-level comment of the same
-- post (never a reply). frozen: the author's account is in its cancellation cooling-off period, so
-- the comment is shown to nobody (restorable); deleted_at: removed by its author, the post's author
-- or a moderator. Rows go with their post (ON DELETE CASCADE) when the post is purged or erased.
CREATE TABLE post_comments (
  id          BIGSERIAL PRIMARY KEY,
  post_id     BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  author_id   BIGINT NOT NULL REFERENCES users (id),
  parent_id   BIGINT REFERENCES post_comments (id) ON DELETE CASCADE,
  body        TEXT NOT NULL,
  frozen      BOOLEAN NOT NULL DEFAULT false,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at  TIMESTAMPTZ,
  deleted_by  BIGINT
);

-- A post's visible comments in order (the cursor-paged list).
CREATE INDEX post_comments_post_idx ON post_comments (post_id, id) WHERE deleted_at IS NULL;
-- A user's comments (export, freeze, erasure).
CREATE INDEX post_comments_author_idx ON post_comments (author_id);

-- Who likes which post: one row per (post, user), so liking twice is one like; posts.like_count
-- changes in the same statement as the row, which keeps it exact under concurrent likes and unlikes.
CREATE TABLE post_likes (
  post_id    BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  user_id    BIGINT NOT NULL REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (post_id, user_id)
);

-- A user's likes (export, erasure).
CREATE INDEX post_likes_user_idx ON post_likes (user_id);
-- Deleted posts by age (the retention purge).
CREATE INDEX posts_deleted_idx ON posts (deleted_at) WHERE deleted_at IS NOT NULL;
-- Every post of an author, deleted and frozen ones too (export, freeze, erasure).
CREATE INDEX posts_author_all_idx ON posts (author_id);

-- Reports can target a post or a comment; the reported person is its author. A moderator's
-- remove_post action deletes the post (or the comment) for everyone.
ALTER TABLE reports ADD COLUMN post_id BIGINT;
ALTER TABLE reports ADD COLUMN comment_id BIGINT;
ALTER TABLE reports DROP CONSTRAINT reports_action_check;
ALTER TABLE reports ADD CONSTRAINT reports_action_check
  CHECK (action IN ('warn', 'mute', 'ban', 'close_room', 'remove_media', 'remove_post'));
