-- The same-run reference: a plain GET (`/livez`).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")

done = function(summary, latency)
  common.report(summary, latency)
end
