-- Room search indexes split by status (docs/PERFORMANCE.md, "Search p99"). A GIN index cannot stop
-- early: a bitmap scan reads a term's whole posting list before the first row comes back, so with
-- V87/V89's indexes over all open rooms, a common term (音乐 in half the titles) cost 12-20 ms per
-- query even for a 20-row page, and "live first" then intersected it with every live room. Live
-- rooms are searched first and are a small share, so each status gets its own partial indexes: the
-- live query reads only the live rooms' posting list, and the idle fill runs only when fewer than
-- a page of live rooms match, which bounds its posting list too. The V87/V89 indexes over all open
-- rooms are then unused and dropped (no query reads them; keeping them would only slow writes).
CREATE INDEX rooms_live_grams_idx ON rooms USING gin (room_search_grams(title, category)) WHERE status = 'live';
CREATE INDEX rooms_idle_grams_idx ON rooms USING gin (room_search_grams(title, category)) WHERE status = 'idle';
CREATE INDEX rooms_live_title_trgm_idx ON rooms USING gin (lower(title) gin_trgm_ops) WHERE status = 'live';
CREATE INDEX rooms_idle_title_trgm_idx ON rooms USING gin (lower(title) gin_trgm_ops) WHERE status = 'idle';
CREATE INDEX rooms_live_category_trgm_idx ON rooms USING gin (lower(category) gin_trgm_ops) WHERE status = 'live';
CREATE INDEX rooms_idle_category_trgm_idx ON rooms USING gin (lower(category) gin_trgm_ops) WHERE status = 'idle';

DROP INDEX rooms_search_grams_idx;
DROP INDEX rooms_title_trgm_idx;
DROP INDEX rooms_category_trgm_idx;
