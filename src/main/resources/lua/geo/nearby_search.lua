-- Fresh users whose cell centre lies within a radius of a point, nearest first.
-- KEYS[1] GEO set, KEYS[2] last-seen sorted set
-- ARGV[1] lng, ARGV[2] lat, ARGV[3] radius m, ARGV[4] max candidates, ARGV[5] cutoff epoch ms
-- Returns a flat array: userId, lng, lat, userId, lng, lat, ...
local found = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2],
  'BYRADIUS', ARGV[3], 'm', 'ASC', 'COUNT', tonumber(ARGV[4]), 'WITHCOORD')
local cutoff = tonumber(ARGV[5])
local out = {}
for _, item in ipairs(found) do
  local seen = redis.call('ZSCORE', KEYS[2], item[1])
  if seen and tonumber(seen) >= cutoff then
    table.insert(out, item[1])
    table.insert(out, item[2][1])
    table.insert(out, item[2][2])
  end
end
return out
