-- Admits one AI painting for a user, atomically across nodes.
-- KEYS[1] active-painting leases (sorted set: generation id scored by lease expiry, ms)
-- KEYS[2] paintings started today
-- ARGV: now_ms, lease_ms, generation_id, max_concurrent, max_per_day, seconds_to_next_day, day_key_ttl,
--       started_today_in_postgres ('' when not read yet)
-- Returns {0, 0} when admitted, else {reason, retry_after_seconds}: 3 = images per day,
-- 4 = concurrent paintings, 5 = today's count is not in Redis (first painting of the day, or Redis
-- lost its data): the caller reads it from PostgreSQL and calls again with ARGV[8] set. The count
-- is seeded only if still absent, so a node that seeded it first is not overwritten.
-- A refused request takes neither a lease nor a day's image.
if redis.call('EXISTS', KEYS[2]) == 0 then
  if ARGV[8] == '' then
    return {5, 0}
  end
  redis.call('SET', KEYS[2], ARGV[8], 'NX', 'EX', ARGV[7])
end
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
