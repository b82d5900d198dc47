-- P1: Mina sidor's overview (GET /api/v1/cases) for random seeded citizens.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local tokens

init = function()
  tokens = common.tokens()
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  local token = tokens[math.random(#tokens)]
  return wrk.format("GET", "/api/v1/cases", { ["Authorization"] = "Bearer " .. token })
end

done = function(summary, latency)
  common.report(summary, latency)
end
