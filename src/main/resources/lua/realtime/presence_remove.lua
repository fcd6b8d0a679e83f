-- Removes a client's presence from a channel.
-- KEYS as presence_add.lua; ARGV[1] client id, ARGV[2] user id
if redis.call('hdel', KEYS[2], ARGV[1]) == 1 then
  redis.call('zrem', KEYS[1], ARGV[1])
  if redis.call('hincrby', KEYS[4], ARGV[2], -1) <= 0 then
    redis.call('hdel', KEYS[4], ARGV[2])
    redis.call('zrem', KEYS[3], ARGV[2])
  end
  return 1
end
return 0
