-- Drops users whose last location update is older than the TTL from both the GEO set and its
-- last-seen companion (GEO members have no TTL of their own). Bounded per call.
-- KEYS[1] GEO set of cell centres, KEYS[2] sorted set userId -> last-seen epoch ms
-- ARGV[1] cutoff epoch ms (older is expired), ARGV[2] batch size. Returns how many were dropped.
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #expired > 0 then
  redis.call('ZREM', KEYS[1], unpack(expired))
  redis.call('ZREM', KEYS[2], unpack(expired))
end
return #expired
