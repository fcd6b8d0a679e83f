-- The going-live fan-out pages a host's followers keyset by follower id (follower_id > cursor),
-- so a resumed job continues exactly where the last committed batch ended. The existing
-- (followee_id, id DESC) index orders by follow time, not by follower; this one serves the pages
-- as index-only scans.
CREATE INDEX follows_followee_follower_idx ON follows (followee_id, follower_id);
