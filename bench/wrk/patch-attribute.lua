-- wrk script: partial attribute updates (PATCH /ngsi-ld/v1/entities/{id}/attrs/temperature) spread over the
-- 1 000 entities urn:ngsi-ld:BenchUpdate:0..999, each with an API key from SAOLA_KEY. See docs/PERFORMANCE.md.
local key = os.getenv("SAOLA_KEY")
local counter = 0

request = function()
  counter = counter + 1
  local id = math.random(0, 999)
  return wrk.format("PATCH", "/ngsi-ld/v1/entities/urn:ngsi-ld:BenchUpdate:" .. id .. "/attrs/temperature",
    {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"},
    '{"value": ' .. (counter % 40) .. '}')
end
