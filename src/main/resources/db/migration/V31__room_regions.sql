-- A live room's coarse region (a geohash prefix of city size, never finer) for Nearby rooms and
-- the regional hot list, and where it came from: 'location' (derived from the host's consented
-- location; cleared when that consent is withdrawn) or 'chosen' (picked by the host; stays).
ALTER TABLE rooms
  ADD COLUMN region TEXT,
  ADD COLUMN region_source TEXT CHECK (region_source IN ('location', 'chosen')),
  ADD CONSTRAINT rooms_region_has_source CHECK ((region IS NULL) = (region_source IS NULL));

CREATE INDEX rooms_live_region_idx ON rooms (region) WHERE status = 'live' AND region IS NOT NULL;
