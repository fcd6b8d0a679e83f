-- Restores a user's AI tokens used today after Redis lost them: raised to what ai_usage records,
-- never lowered (generations that ended since the wipe already added their tokens here).
-- KEYS[1] tokens used today. ARGV: tokens recorded in PostgreSQL, day_key_ttl_seconds.
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > used then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
end
return 1
