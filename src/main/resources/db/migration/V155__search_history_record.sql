-- Records one search in the caller's history in one round trip, and without deadlocks (issue 22).
-- Before, an upsert and then a trim ran as two statements: two searches of one user at once could
-- each lock rows the other's trim wanted to delete (in different orders) and PostgreSQL aborted one
-- with "deadlock detected". Here a transaction-scoped advisory lock per user serializes the user's
-- recordings (other users never wait), and only then are the setting read, the row upserted and the
-- history trimmed to the newest keep_newest, each statement seeing the previous recording's commit.
-- clock_timestamp(), not now(): after waiting for the lock, this recording is the newer one even
-- if its transaction started first. Returns whether the query was recorded (false: the user's
-- setting is off).
CREATE FUNCTION record_search(searcher bigint, searched text, keep_newest int) RETURNS boolean
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('liveroom.search_history.' || searcher, 0));
  IF EXISTS (SELECT 1 FROM search_settings WHERE user_id = searcher AND NOT record_history) THEN
    RETURN false;
  END IF;
  INSERT INTO search_history (user_id, query, searched_at) VALUES (searcher, searched, clock_timestamp())
    ON CONFLICT (user_id, query) DO UPDATE SET searched_at = EXCLUDED.searched_at;
  DELETE FROM search_history WHERE id IN (
    SELECT id FROM search_history WHERE user_id = searcher ORDER BY searched_at DESC, id DESC OFFSET keep_newest);
  RETURN true;
END $$;
