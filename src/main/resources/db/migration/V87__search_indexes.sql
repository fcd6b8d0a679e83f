-- Search over nicknames, room titles and categories (docs/SOCIAL.md). pg_trgm ships with
-- PostgreSQL's contrib modules (the embedded server includes it). Its trigram GIN indexes find a
-- text anywhere in a string, Chinese included when the database's LC_CTYPE is a UTF-8 locale (the
-- embedded server's is C.UTF-8). Trigram indexes cannot narrow queries shorter than three
-- characters, so nickname prefixes use a btree index in byte order (COLLATE "C"), read as a range;
-- rooms (a much smaller table) are matched anywhere at any length.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX users_nickname_prefix_idx ON users ((lower(nickname) COLLATE "C"), id) WHERE status = 'active';
CREATE INDEX users_nickname_trgm_idx ON users USING gin (lower(nickname) gin_trgm_ops) WHERE status = 'active';

CREATE INDEX rooms_title_trgm_idx ON rooms USING gin (lower(title) gin_trgm_ops) WHERE status <> 'closed';
CREATE INDEX rooms_category_trgm_idx ON rooms USING gin (lower(category) gin_trgm_ops) WHERE status <> 'closed';
