-- One user's stored cell centre, if it is still fresh.
-- KEYS[1] GEO set, KEYS[2] last-seen sorted set; ARGV[1] userId, ARGV[2] cutoff epoch ms
-- Returns {lng, lat, seenMs} as strings, or an empty array when absent or expired.
local seen = redis.call('ZSCORE', KEYS[2], ARGV[1])
if not seen or tonumber(seen) < tonumber(ARGV[2]) then
  return {}
end
local pos = redis.call('GEOPOS', KEYS[1], ARGV[1])[1]
if not pos then
  return {}
end
return {pos[1], pos[2], seen}
