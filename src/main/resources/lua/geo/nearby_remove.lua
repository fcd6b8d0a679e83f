-- Removes one user from Nearby at once (consent withdrawn, location cleared, account frozen).
-- KEYS[1] GEO set, KEYS[2] last-seen sorted set; ARGV[1] userId. Returns 1 if they were there.
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return removed
