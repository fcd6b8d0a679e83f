-- Reads a channel's history and its top position.
-- KEYS[1] history stream, KEYS[2] stream meta hash
-- ARGV[1] first offset to return (forward) or last (reverse, 0 = top), ARGV[2] limit (0 = none,
-- -1 = all), ARGV[3] '1' for newest first, ARGV[4] meta TTL seconds, ARGV[5] epoch if meta is gone
-- Returns { top offset, epoch, entries }.
local meta = redis.call('hmget', KEYS[2], 'e', 's')
local epoch, top = meta[1], meta[2]
if not epoch then
  epoch = ARGV[5]
  top = 0
  redis.call('hset', KEYS[2], 'e', epoch)
end
if not top then
  top = 0
end
redis.call('expire', KEYS[2], ARGV[4])
local entries = {}
if ARGV[2] ~= '0' then
  local args
  if ARGV[3] == '1' then
    local from = ARGV[1]
    if from == '0' then
      from = '+'
    end
    args = { 'xrevrange', KEYS[1], from, '-' }
  else
    args = { 'xrange', KEYS[1], ARGV[1], '+' }
  end
  if ARGV[2] ~= '-1' then
    table.insert(args, 'COUNT')
    table.insert(args, ARGV[2])
  end
  entries = redis.call(unpack(args))
end
return { tonumber(top), epoch, entries }
