-- Stores one user's snapped cell centre and when it was seen, after dropping a batch of expired
-- entries. Only cell centres ever reach this script.
-- KEYS[1] GEO set, KEYS[2] last-seen sorted set
-- ARGV[1] userId, ARGV[2] cell lng, ARGV[3] cell lat, ARGV[4] now epoch ms, ARGV[5] cutoff epoch ms
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5], 'LIMIT', 0, 100)
if #expired > 0 then
  redis.call('ZREM', KEYS[1], unpack(expired))
  redis.call('ZREM', KEYS[2], unpack(expired))
end
redis.call('GEOADD', KEYS[1], ARGV[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
return 1
