-- Replays pre-signed webhook requests (bench/lib/make_requests.py). Each thread takes every Nth call, whole,
-- in order; with one connection per thread a call's requests are therefore sent one after the other.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file, total = args[1], tonumber(args[2])
  requests, next_index = {}, 1
  for line in io.lines(file) do
    local call, path, signature, body = line:match("^(%d+)\t([^\t]+)\t([^\t]+)\t(.*)$")
    if tonumber(call) % total == id then
      requests[#requests + 1] = wrk.format("POST", path, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Twilio-Signature"] = signature,
      }, body)
    end
  end
end

function request()
  local r = requests[next_index]
  if r == nil then
    -- Out of fresh calls: stop this thread rather than replay a call (which would not be a new one).
    wrk.thread:stop()
    return requests[#requests]
  end
  next_index = next_index + 1
  return r
end
