-- Whether a user may enter a room channel: remaining ban and kick (re-join ban) time.
-- KEYS: 1 ban, 2 kick. Returns {ban pttl, kick pttl}; -2 means none, -1 means permanent.
return {redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2])}
