-- Credits a user's youth-mode usage of one kind (live watching, AI dialogue) with the time since
-- that user was last seen using it, on any node or device, and returns today's total (ms).
-- KEYS[1]: the user's "last seen" key for the kind (ms timestamp; expires when nobody refreshes it,
--          so a pause longer than its TTL credits nothing)
-- KEYS[2]: the user's usage counter for the day in their time zone (ms)
-- ARGV[1]: now (ms)   ARGV[2]: last-seen TTL (ms)   ARGV[3]: usage counter TTL (s)
-- ARGV[4]: the longest gap this observation may credit (ms), or -1 for any gap within the TTL. A
--          session's start passes about one tick: time before it counts only if another device
--          was in use until then (observed within the last tick).
-- ARGV[5]: today's total read from PostgreSQL, or '' when not read yet. When the counter is not in
--          Redis (a new day, or Redis lost its data) and ARGV[5] is '', nothing is done and -1 is
--          returned: the caller reads youth_usage and calls again. The seed is set only if the
--          counter is still absent, so a node that seeded it first is not overwritten.
-- Two nodes observing the same moment credit it once: only time after the newest observation counts.
if redis.call('EXISTS', KEYS[2]) == 0 then
  if ARGV[5] == '' then
    return -1
  end
  redis.call('SET', KEYS[2], ARGV[5], 'NX', 'EX', ARGV[3])
end
local now = tonumber(ARGV[1])
local maxGap = tonumber(ARGV[4])
local last = tonumber(redis.call('GET', KEYS[1]) or '')
if last == nil or now > last then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
if last ~= nil and now > last and (maxGap < 0 or now - last <= maxGap) then
  local used = redis.call('INCRBY', KEYS[2], now - last)
  redis.call('EXPIRE', KEYS[2], ARGV[3])
  return used
end
return tonumber(redis.call('GET', KEYS[2]) or '0')
