-- wrk script: POST /api/v1/experiments/{id}/assign as a production service does, with a new
-- user id on every request (each one a first exposure, the expensive case), or with ids drawn
-- from ASSIGN_USERS users when that is set (returning users cost one read).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- The API key the script's server was started with (LLMOPS_INIT_API_KEY).
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("LLMOPS_API_KEY") or "")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local users = tonumber(os.getenv("ASSIGN_USERS") or "0")
local counter = 0

function init(args)
  math.randomseed(tid * 7919)
end

function request()
  counter = counter + 1
  local user
  if users > 0 then
    user = "user-" .. math.random(users)
  else
    user = "user-" .. tid .. "-" .. counter
  end
  return wrk.format(nil, nil, nil, '{"user_id": "' .. user .. '"}')
end
