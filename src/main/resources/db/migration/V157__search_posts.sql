-- Post search (GET /api/v1/search?type=posts; docs/SOCIAL.md "Search"): post text matched anywhere,
-- Chinese included, like room titles. Only posts anyone but their author may find are indexed (not
-- deleted, not frozen, not private); who may see a followers-only post is decided when the page is
-- rendered. From three characters the pg_trgm trigram index answers (V87 explains why trigrams and
-- not full-text search); below that, text_search_grams lists every distinct one- and two-character
-- piece of the lower-cased text, as room_search_grams (V89) does for rooms, and a GIN index over it
-- answers "contains this piece". IMMUTABLE: it depends only on its argument (lower() under the
-- database's fixed LC_CTYPE), as an index needs.
CREATE FUNCTION text_search_grams(body text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(t, i, n) AS g
    FROM (SELECT lower(body) AS t) AS texts, generate_series(1, 2) AS n, generate_series(1, char_length(t) - n + 1) AS i
  ) AS pieces $$;

CREATE INDEX posts_body_trgm_idx ON posts USING gin (lower(body) gin_trgm_ops)
  WHERE deleted_at IS NULL AND NOT frozen AND visibility <> 'private';
CREATE INDEX posts_body_grams_idx ON posts USING gin (text_search_grams(body))
  WHERE deleted_at IS NULL AND NOT frozen AND visibility <> 'private';
