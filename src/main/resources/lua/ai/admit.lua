-- Admits one AI generation for a user, atomically across nodes.
-- KEYS[1] active-generation leases (sorted set: generation id scored by lease expiry, ms)
-- KEYS[2] requests counter of the current minute
-- KEYS[3] tokens used today
-- ARGV: now_ms, lease_ms, generation_id, max_concurrent, max_per_minute, max_tokens_per_day,
--       seconds_to_next_minute, seconds_to_next_day
-- Returns {0, 0} when admitted, else {reason, retry_after_seconds}:
--   2 = requests per minute, 3 = tokens per day, 4 = concurrent generations.
-- Checks run cheapest-to-refuse first, and a refused request does not take a lease.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local used = tonumber(redis.call('GET', KEYS[3]) or '0')
if used >= tonumber(ARGV[6]) then
  return {3, tonumber(ARGV[8])}
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  return {4, 1}
end
local n = redis.call('INCR', KEYS[2])
if n == 1 then
  redis.call('EXPIRE', KEYS[2], 61)
end
if n > tonumber(ARGV[5]) then
  return {2, tonumber(ARGV[7])}
end
redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {0, 0}
