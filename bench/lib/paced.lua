-- replay.lua at a steady pace: each connection waits PAUSE ms before each request (args: FILE PAUSE).
-- bench/console uses it for a live board under load that a person could still watch: at full speed a new call
-- leaves the board's 25 newest before the board's next refresh.
dofile("bench/lib/replay.lua")
local replay_init = init

function init(args)
  replay_init(args)
  pause = tonumber(args[2])
end

function delay()
  return pause
end
