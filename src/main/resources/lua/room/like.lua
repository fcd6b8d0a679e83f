-- Counts like taps into a live room's total, capped per user per minute so a script cannot inflate
-- a room's likes (taps over the cap are accepted and not counted).
-- KEYS: 1 live, 2 ban, 3 likes total, 4 the user's taps this minute, 5 kick (re-join ban).
-- ARGV: 1 taps, 2 cap per minute.
-- Returns {total, counted}; total -1 when the room is not live, -2 when the user is banned, -3 when
-- the user was kicked and the re-join ban is running.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {-1, 0}
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {-2, 0}
end
if redis.call('EXISTS', KEYS[5]) == 1 then
  return {-3, 0}
end
local used = tonumber(redis.call('GET', KEYS[4]) or '0')
local counted = math.min(tonumber(ARGV[1]), math.max(0, tonumber(ARGV[2]) - used))
if counted > 0 then
  redis.call('INCRBY', KEYS[4], counted)
  if used == 0 then
    redis.call('PEXPIRE', KEYS[4], 60000)
  end
  return {redis.call('INCRBY', KEYS[3], counted), counted}
end
return {tonumber(redis.call('GET', KEYS[3]) or '0'), 0}
