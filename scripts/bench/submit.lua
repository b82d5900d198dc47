-- P2: full submissions (create a draft, save the answers, submit), one connection per thread,
-- each thread a citizen of its own. Counts the submissions answered 201.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local threads = {}
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end

local headers, step, draft
local answers = '{"fault_type":"pothole","location":"Storgatan 12",'
  .. '"description":"Ett hål i asfalten.","wants_feedback":false}'
submits = 0

init = function()
  local tokens = common.tokens()
  headers = {
    ["Authorization"] = "Bearer " .. tokens[(number - 1) % #tokens + 1],
    ["Content-Type"] = "application/json",
  }
  step = "create"
end

request = function()
  if step == "create" then
    return wrk.format("POST", "/api/v1/drafts", headers, '{"eservice":"felanmalan-gata-park"}')
  elseif step == "save" then
    return wrk.format("PUT", "/api/v1/drafts/" .. draft.id, headers,
      '{"answers":' .. answers .. ',"lock_version":' .. draft.lock .. '}')
  end
  local submit = {}
  for k, v in pairs(headers) do submit[k] = v end
  submit["Idempotency-Key"] = "bench-" .. draft.id
  return wrk.format("POST", "/api/v1/drafts/" .. draft.id .. "/submit", submit)
end

response = function(status, _, body)
  if step == "create" then
    if status == 201 then
      draft = { id = body:match('"id":"([%x%-]+)"'), lock = body:match('"lock_version":(%d+)') }
      step = "save"
    end
  elseif step == "save" then
    step = status == 200 and "submit" or "create"
  else
    if status == 201 then submits = submits + 1 end
    step = "create"
  end
end

done = function(summary, latency)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("submits") end
  common.report(summary, latency, string.format(',"submissions":%d', total))
end
