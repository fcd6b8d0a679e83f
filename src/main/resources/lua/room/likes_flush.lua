-- Claims this period's single `likes` publication for a room, across all nodes: the first node to
-- claim it gets the current total; the others get nil and retry next period.
-- KEYS: 1 claim, 2 likes total. ARGV: 1 period (ms).
if redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then
  return redis.call('GET', KEYS[2]) or '0'
end
return false
