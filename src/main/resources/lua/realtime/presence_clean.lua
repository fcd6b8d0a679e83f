-- Drops expired clients and users (nodes that died without removing them), then answers either
-- the counts (ARGV[2] = 'stats': HLEN twice, O(1) after cleanup) or every client's info.
-- KEYS as presence_add.lua; ARGV[1] now (unix seconds)
local expired = redis.call('zrangebyscore', KEYS[1], '0', ARGV[1])
for i = 1, #expired do
  redis.call('hdel', KEYS[2], expired[i])
end
if #expired > 0 then
  redis.call('zremrangebyscore', KEYS[1], '0', ARGV[1])
end
local users = redis.call('zrangebyscore', KEYS[3], '0', ARGV[1])
for i = 1, #users do
  redis.call('hdel', KEYS[4], users[i])
end
if #users > 0 then
  redis.call('zremrangebyscore', KEYS[3], '0', ARGV[1])
end
if ARGV[2] == 'stats' then
  return { redis.call('hlen', KEYS[2]), redis.call('hlen', KEYS[4]) }
end
return redis.call('hgetall', KEYS[2])
