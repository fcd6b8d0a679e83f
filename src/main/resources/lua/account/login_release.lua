-- Gives back reserved attempts. After a proven password or code the account's counter is cleared
-- (earlier failures are forgiven, as they always were) and the IP's reservation is returned, so
-- successful logins behind one NAT never lock that address. When no verification happened at all
-- (the hashing queue was full) both reservations are returned.
-- KEYS: 1 the account's counter, 2 the IP's counter
-- ARGV: 1 'success' (clear the account, return the IP's one) or 'unused' (return both)
local function giveBack(key)
  local n = tonumber(redis.call('GET', key) or '0')
  if n > 1 then
    redis.call('DECR', key)
  elseif n == 1 then
    redis.call('DEL', key)
  end
end
if ARGV[1] == 'success' then
  redis.call('DEL', KEYS[1])
else
  giveBack(KEYS[1])
end
giveBack(KEYS[2])
return 0
