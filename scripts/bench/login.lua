-- P5: BankID login orders against the simulator, many connections at once.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")

request = function()
  return wrk.format("POST", "/api/v1/auth/bankid", { ["Content-Type"] = "application/json" },
    '{"device":"other_device"}')
end

done = function(summary, latency)
  common.report(summary, latency)
end
