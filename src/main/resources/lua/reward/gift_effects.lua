-- After a gift commits: bump its combo counter and every leaderboard it counts towards, atomically.
-- KEYS[1] combo counter (sender + gift + room); KEYS[2..6] gifter boards (room, live session,
-- all-time, day, week); KEYS[7..9] host boards (all-time, day, week).
-- ARGV: 1 combo window (s), 2 sender id, 3 host id, 4 coins, 5 day-board ttl (s), 6 week-board ttl (s).
-- Returns the combo count: 1 starts a combo, each send within the window of the last adds one.
local combo = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
for i = 2, 6 do
  redis.call('ZINCRBY', KEYS[i], ARGV[4], ARGV[2])
end
for i = 7, 9 do
  redis.call('ZINCRBY', KEYS[i], ARGV[4], ARGV[3])
end
redis.call('EXPIRE', KEYS[5], tonumber(ARGV[5]))
redis.call('EXPIRE', KEYS[8], tonumber(ARGV[5]))
redis.call('EXPIRE', KEYS[6], tonumber(ARGV[6]))
redis.call('EXPIRE', KEYS[9], tonumber(ARGV[6]))
return combo
