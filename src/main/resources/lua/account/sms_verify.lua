-- Checks a candidate code against the stored hash, atomically, so a code is used at most once and
-- wrong tries are counted exactly.
-- KEYS: 1 the code hash (phone + purpose)
-- ARGV: 1 candidate hash, 2 now (epoch ms, the service's clock), 3 max attempts
-- Returns 'ok' (and deletes the code), 'missing', 'expired', 'wrong' or 'exhausted'.
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
if tonumber(redis.call('HGET', KEYS[1], 'exp')) <= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return 'expired'
end
local tries = redis.call('HINCRBY', KEYS[1], 'tries', 1)
if tries > tonumber(ARGV[3]) then return 'exhausted' end
if redis.call('HGET', KEYS[1], 'h') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 'ok'
end
return 'wrong'
