-- wrk script: one reading per request (POST /api/v1/telemetry), each request with the next of the devices whose
-- "Basic ..." Authorization values are the lines of AUTH_FILE (air-quality stations registered by bulk CSV).
-- docs/PERFORMANCE.md, session 42: 60 s of warm-up, then 20 s counted, CPU read from /proc as cpu-per-update.sh does.
local auths = {}
for line in io.lines(os.getenv("AUTH_FILE")) do auths[#auths + 1] = line end
local counter = 0
local t0 = 1764547200   -- 2025-12-01T00:00:00Z; each request a second later, so no reading repeats another

request = function()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/telemetry",
    {["Authorization"] = auths[(counter % #auths) + 1], ["Content-Type"] = "application/json"},
    '{"pm25": ' .. (counter % 500) .. ', "dateObserved": "' .. os.date("!%Y-%m-%dT%H:%M:%SZ", t0 + counter) .. '"}')
end
