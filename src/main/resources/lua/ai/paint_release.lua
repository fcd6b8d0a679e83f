-- Ends one AI painting: frees its lease; with ARGV[2] = 1 (it failed upstream, not the user's doing)
-- gives today's image back.
-- KEYS[1] active-painting leases, KEYS[2] paintings started today
-- ARGV: generation_id, refund (0 or 1)
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
if removed == 1 and ARGV[2] == '1' and tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then
  redis.call('DECR', KEYS[2])
end
return removed
