-- The follow graph: one row per (follower, followee). id orders the lists newest first and is the
-- paging cursor. Rows are removed on unfollow, on a block either way, and on erasure.
CREATE TABLE follows (
  id          BIGSERIAL NOT NULL UNIQUE,
  follower_id BIGINT NOT NULL REFERENCES users (id),
  followee_id BIGINT NOT NULL REFERENCES users (id),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, followee_id),
  CHECK (follower_id <> followee_id)
);

CREATE INDEX follows_followee_idx ON follows (followee_id, id DESC);
CREATE INDEX follows_follower_idx ON follows (follower_id, id DESC);

-- Follower and following counts per user, kept exact in the same transaction as each follow row
-- change (both users' rows locked in id order), so profiles read them without counting.
CREATE TABLE follow_counts (
  user_id   BIGINT PRIMARY KEY REFERENCES users (id),
  followers BIGINT NOT NULL DEFAULT 0 CHECK (followers >= 0),
  following BIGINT NOT NULL DEFAULT 0 CHECK (following >= 0)
);

CREATE INDEX follow_counts_popular_idx ON follow_counts (followers DESC, user_id) WHERE followers > 0;

-- New follows a user started per UTC day, for the social.follow.dailyLimit (unfollowing does not
-- give a follow back). Bumped in the follow's own transaction, so a refused follow counts nothing;
-- rows older than two days are purged by the privacy scheduler.
CREATE TABLE follow_daily (
  user_id BIGINT NOT NULL REFERENCES users (id),
  day     DATE NOT NULL,
  started INTEGER NOT NULL,
  PRIMARY KEY (user_id, day)
);

CREATE INDEX follow_daily_day_idx ON follow_daily (day);
