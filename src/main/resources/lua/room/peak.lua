-- Raises a room's peak viewer count if the current count is higher. KEYS: 1 peak. ARGV: 1 current.
local peak = tonumber(redis.call('GET', KEYS[1]) or '0')
local now = tonumber(ARGV[1])
if now > peak then
  redis.call('SET', KEYS[1], ARGV[1])
  return now
end
return peak
