-- Test-only: echoes its key and arguments. KEYS: 1 any. ARGV: any.
local out = {KEYS[1]}
for i = 1, #ARGV do
  out[#out + 1] = ARGV[i]
end
return out
