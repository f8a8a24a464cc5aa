-- Replays pre-signed webhook requests (bench/lib/make_requests.py, args: FILE). Thread N reads FILE.N: its own
-- calls, whole and in order, as ready HTTP requests each ended by a NUL byte; with one connection per thread a
-- call's requests are therefore sent one after the other. Setting up is one read of the file, and each request is
-- sliced out as it is sent, so wrk neither parses nor formats anything while it measures.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local file = assert(io.open(args[1] .. "." .. id, "rb"))
  local size = file:seek("end")
  file:seek("set")
  data = file:read(size) or ""
  file:close()
  position = 1
end

function request()
  local ending = data:find("\0", position, true)
  if ending == nil then
    -- Out of fresh calls: stop this thread rather than replay a call (which would not be a new one).
    wrk.thread:stop()
    return last
  end
  last = data:sub(position, ending - 1)
  position = ending + 1
  return last
end
