-- Appends a publication to a channel's history stream and publishes it, atomically.
-- KEYS[1] history stream, KEYS[2] stream meta hash (e = epoch, s = top offset)
-- ARGV[1] encoded publication, ARGV[2] max stream length, ARGV[3] stream TTL seconds,
-- ARGV[4] PUB/SUB channel, ARGV[5] meta TTL seconds, ARGV[6] epoch to use if the meta is gone
-- Returns { offset, epoch }.
local epoch = redis.call('hget', KEYS[2], 'e')
if not epoch then
  epoch = ARGV[6]
  redis.call('hset', KEYS[2], 'e', epoch)
end
local offset = redis.call('hincrby', KEYS[2], 's', 1)
redis.call('expire', KEYS[2], ARGV[5])
if offset == 1 then
  -- A fresh epoch: whatever stream is left belongs to a lost one.
  redis.call('del', KEYS[1])
end
redis.call('xadd', KEYS[1], 'MAXLEN', ARGV[2], offset .. '-0', 'd', ARGV[1])
redis.call('expire', KEYS[1], ARGV[3])
redis.call('publish', ARGV[4], 'p' .. offset .. ':' .. epoch .. ':' .. ARGV[1])
return { offset, epoch }
