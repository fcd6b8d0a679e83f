-- Raises a live room's peak viewer count if the current count is higher. KEYS: 1 peak, 2 live
-- (the session marker: while the room is not live nothing is written, so an idle room's viewers
-- neither count for the next session nor leave a key without expiry). ARGV: 1 current.
if redis.call('EXISTS', KEYS[2]) == 0 then
  return 0
end
local peak = tonumber(redis.call('GET', KEYS[1]) or '0')
local now = tonumber(ARGV[1])
if now > peak then
  redis.call('SET', KEYS[1], ARGV[1])
  return now
end
return peak
