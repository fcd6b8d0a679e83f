-- Counts like taps into a live room's total. KEYS: 1 live, 2 ban, 3 likes total. ARGV: 1 taps.
-- Returns the new total, -1 when the room is not live, -2 when the user is banned.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -1
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return -2
end
return redis.call('INCRBY', KEYS[3], ARGV[1])
