-- A user's live posts, newest first, carrying visibility and repost_of: the following feed's
-- per-followee path (each followee's newest visible post) and the profile list read it index-only,
-- with no heap visit per followee (docs/PERFORMANCE.md, "Following feed read path": 5,069 -> 3,068
-- buffers for a page of a reader following 1,000 authors). It replaces posts_author_idx, which had
-- the same keys and predicate without the two columns, so each insert keeps one index, not two.
CREATE INDEX posts_author_cover_idx ON posts (author_id, id DESC) INCLUDE (visibility, repost_of)
  WHERE deleted_at IS NULL AND NOT frozen;
DROP INDEX posts_author_idx;
