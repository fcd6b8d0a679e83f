-- Admits one AI painting for a user, atomically across nodes.
-- KEYS[1] active-painting leases (sorted set: generation id scored by lease expiry, ms)
-- KEYS[2] paintings started today
-- ARGV: now_ms, lease_ms, generation_id, max_concurrent, max_per_day, seconds_to_next_day, day_key_ttl
-- Returns {0, 0} when admitted, else {reason, retry_after_seconds}: 3 = images per day,
-- 4 = concurrent paintings. A refused request takes neither a lease nor a day's image.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local used = tonumber(redis.call('GET', KEYS[2]) or '0')
if used >= tonumber(ARGV[5]) then
  return {3, tonumber(ARGV[6])}
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  return {4, 1}
end
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[7])
redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {0, 0}
