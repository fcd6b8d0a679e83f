-- Admits one chat message into a live room, atomically: the room is live, the sender is neither
-- banned, kicked (re-join ban running) nor muted, is under the per-user rate limit, and (unless host or moderator) past the slow
-- mode cooldown. On success the room's message count is incremented.
-- KEYS: 1 live, 2 ban, 3 mute, 4 mods, 5 host, 6 rate counter, 7 slow seconds, 8 cooldown, 9 message count,
--       10 kick
-- ARGV: 1 user id, 2 rate limit (messages), 3 rate window (ms)
-- Returns {status, ttl ms, staff, session id}: 0 ok, 1 not live, 2 banned, 3 muted, 4 rate limited, 5 slow mode,
-- 6 kicked.
local session = redis.call('GET', KEYS[1])
if not session then
  return {1, 0, 0, ''}
end
local ban = redis.call('PTTL', KEYS[2])
if ban ~= -2 then
  return {2, ban, 0, session}
end
local kick = redis.call('PTTL', KEYS[10])
if kick ~= -2 then
  return {6, kick, 0, session}
end
local mute = redis.call('PTTL', KEYS[3])
if mute ~= -2 then
  return {3, mute, 0, session}
end
local staff = 0
if redis.call('GET', KEYS[5]) == ARGV[1] or redis.call('SISMEMBER', KEYS[4], ARGV[1]) == 1 then
  staff = 1
end
local sent = redis.call('INCR', KEYS[6])
if sent == 1 then
  redis.call('PEXPIRE', KEYS[6], ARGV[3])
end
if sent > tonumber(ARGV[2]) then
  return {4, redis.call('PTTL', KEYS[6]), staff, session}
end
if staff == 0 then
  local slow = tonumber(redis.call('GET', KEYS[7]) or '0')
  if slow > 0 and not redis.call('SET', KEYS[8], '1', 'PX', slow * 1000, 'NX') then
    return {5, redis.call('PTTL', KEYS[8]), staff, session}
  end
end
redis.call('INCR', KEYS[9])
return {0, 0, staff, session}
