-- Ends one AI generation: frees its concurrency lease and charges its tokens to today's budget.
-- KEYS[1] active-generation leases, KEYS[2] tokens used today
-- ARGV: generation_id, tokens, day_key_ttl_seconds
redis.call('ZREM', KEYS[1], ARGV[1])
if tonumber(ARGV[2]) > 0 then
  redis.call('INCRBY', KEYS[2], ARGV[2])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
return 1
