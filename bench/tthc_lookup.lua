-- wrk script for the public look-up: each request asks for a code drawn at
-- random from codes.txt (one dossier code a line; dump it from the database
-- under test), so the database is not served from one hot row.
--   wrk -t2 -c32 -d15s --latency -s bench/tthc_lookup.lua http://127.0.0.1:PORT
local codes = {}
local f = io.open(os.getenv("CODES") or "codes.txt", "r")
for line in f:lines() do codes[#codes + 1] = line end
f:close()
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/public/dossiers/" .. codes[math.random(#codes)])
end
