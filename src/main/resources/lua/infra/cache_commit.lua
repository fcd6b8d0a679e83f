-- Completes a rebuild of a Redis cache from PostgreSQL: the cache's marker is set only if the
-- rebuild's sentinel (written before PostgreSQL was read) is still there. A sentinel that is gone
-- means Redis was wiped while the rebuild ran, so part of what it wrote may be lost: the marker
-- stays absent and the next rebuild starts over.
-- KEYS: 1 sentinel, 2 marker. ARGV: 1 marker value. Returns 1 when the marker was set, 0 otherwise.
if redis.call('DEL', KEYS[1]) == 1 then
  redis.call('SET', KEYS[2], ARGV[1])
  return 1
end
return 0
