-- Room search for one- and two-character queries (docs/SOCIAL.md, docs/PERFORMANCE.md). A trigram
-- index cannot narrow them, and a two-character Chinese word (音乐, "music") is the common room query,
-- matched anywhere in a title; V87's answer was a scan of every open room. room_search_grams lists
-- every distinct one- and two-character piece of a room's lower-cased title and category, and a GIN
-- index over that array answers "contains this piece" (@>) from its posting list. IMMUTABLE because
-- it depends only on its arguments (lower() under the database's fixed LC_CTYPE), as an index needs.
CREATE FUNCTION room_search_grams(title text, category text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(t, i, n) AS g
    FROM (SELECT lower(title) AS t UNION ALL SELECT lower(coalesce(category, ''))) AS texts,
         generate_series(1, 2) AS n, generate_series(1, char_length(t) - n + 1) AS i
  ) AS pieces $$;

CREATE INDEX rooms_search_grams_idx ON rooms USING gin (room_search_grams(title, category)) WHERE status <> 'closed';
