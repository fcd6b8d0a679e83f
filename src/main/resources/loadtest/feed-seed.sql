-- Seeding for the `feed` load-test scenario (benchmarks only; never run by the server). It writes
-- users, follows and posts directly in SQL, with generate_series, because a million posts through
-- the API would take hours. Statements are separated by "-- next"; FeedSeedRepository binds each.

-- Authors, $1 of them, numbered consecutively; answers the first and last id and the count.
WITH made AS (
  INSERT INTO users (nickname, status) SELECT 'feed author ' || i, 'active' FROM generate_series(1, $1::int) AS i
  RETURNING id)
SELECT min(id), max(id), count(*) FROM made
-- next
-- Each reader in $1 follows $4 consecutive authors (of $3 starting at id $2) from its own offset.
INSERT INTO follows (follower_id, followee_id)
SELECT r, $2::bigint + ((r * 7919 + k) % $3::int) FROM unnest($1::bigint[]) AS r, generate_series(0, $4::int - 1) AS k
ON CONFLICT DO NOTHING
-- next
-- $3 posts spread evenly over the $2 authors from id $1, one every 2 seconds up to now: 88% public,
-- 10% followers-only, 2% private.
INSERT INTO posts (author_id, body, visibility, created_at)
SELECT $1::bigint + (i::bigint * 7919) % $2::int, 'load test post ' || i,
  CASE WHEN i % 10 = 0 THEN 'followers' WHEN i % 25 = 0 THEN 'private' ELSE 'public' END,
  now() - make_interval(secs => ($3::int - i) * 2.0)
FROM generate_series(1, $3::int) AS i
