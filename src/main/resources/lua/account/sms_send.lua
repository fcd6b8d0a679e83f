-- Checks every send limit for one SMS code and, only if all pass, counts the send and stores the
-- new code hash, atomically (two concurrent requests cannot both slip under a cap).
-- KEYS: 1 per-number cooldown, 2 per-number daily count, 3 per-IP hourly count,
--       4 per-prefix hourly count, 5 the code hash (phone + purpose)
-- ARGV: 1 cooldown seconds (0 = none), 2 daily cap, 3 IP cap, 4 prefix cap,
--       5 code hash, 6 logical expiry (epoch ms), 7 Redis TTL seconds
-- Returns {0, 0} when sent, else {limit, retryAfterSeconds} with limit 1..4 = the KEYS index.
local cooldown = tonumber(ARGV[1])
if cooldown > 0 then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl > 0 then return {1, ttl} end
end
local caps = {tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])}
local windows = {86400, 3600, 3600}
for i = 1, 3 do
  local count = tonumber(redis.call('GET', KEYS[i + 1]) or '0')
  if count >= caps[i] then
    local ttl = redis.call('TTL', KEYS[i + 1])
    if ttl < 1 then ttl = 1 end
    return {i + 1, ttl}
  end
end
for i = 1, 3 do
  if redis.call('INCR', KEYS[i + 1]) == 1 then redis.call('EXPIRE', KEYS[i + 1], windows[i]) end
end
if cooldown > 0 then redis.call('SET', KEYS[1], '1', 'EX', cooldown) end
redis.call('DEL', KEYS[5])
redis.call('HSET', KEYS[5], 'h', ARGV[5], 'exp', ARGV[6], 'tries', 0)
redis.call('EXPIRE', KEYS[5], tonumber(ARGV[7]))
return {0, 0}
