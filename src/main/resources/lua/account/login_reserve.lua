-- Reserves one password (or code) attempt for an account and a client IP, atomically, before
-- anything is verified: N parallel attempts can never pass a check that none of them has counted
-- yet. Each counter lives in a fixed window that starts with its first attempt.
-- KEYS: 1 the account's counter, 2 the IP's counter
-- ARGV: 1 max per account, 2 max per IP, 3 window seconds
-- Returns {0, 0} when reserved (both counters incremented), or {1 | 2, seconds until the full
-- counter's window ends} when the account (1) or the IP (2) has no attempt left (nothing counted).
local function full(key, max)
  local n = tonumber(redis.call('GET', key) or '0')
  return n >= tonumber(max)
end
local function retry(key)
  local ttl = redis.call('TTL', key)
  if ttl < 1 then ttl = 1 end
  return ttl
end
if full(KEYS[1], ARGV[1]) then return {1, retry(KEYS[1])} end
if full(KEYS[2], ARGV[2]) then return {2, retry(KEYS[2])} end
for i = 1, 2 do
  if redis.call('INCR', KEYS[i]) == 1 or redis.call('TTL', KEYS[i]) < 0 then
    redis.call('EXPIRE', KEYS[i], ARGV[3])
  end
end
return {0, 0}
