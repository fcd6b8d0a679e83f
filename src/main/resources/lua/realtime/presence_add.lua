-- Adds or refreshes a client's presence in a channel.
-- KEYS[1] client expiry zset, KEYS[2] client info hash, KEYS[3] user expiry zset, KEYS[4] user count hash
-- ARGV[1] key TTL seconds, ARGV[2] expire-at (unix seconds), ARGV[3] client id, ARGV[4] info, ARGV[5] user id
local isNew = redis.call('hexists', KEYS[2], ARGV[3]) == 0
redis.call('hset', KEYS[2], ARGV[3], ARGV[4])
redis.call('zadd', KEYS[1], ARGV[2], ARGV[3])
if isNew then
  redis.call('hincrby', KEYS[4], ARGV[5], 1)
end
redis.call('zadd', KEYS[3], ARGV[2], ARGV[5])
for i = 1, 4 do
  redis.call('expire', KEYS[i], ARGV[1])
end
return isNew and 1 or 0
