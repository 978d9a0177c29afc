-- wrk script for bench/run wechat-server: each thread sends its own slice of pre-signed, pre-encrypted messages
-- (one per line: "<path and query>\t<body>"), so every MsgId is sent once; after its slice a thread starts over
-- (those are dedup hits, counted separately by the bench). args: file, threads, pause in ms between a connection's
-- requests (0: as fast as answers come; more: a paced load, connections x 1000 / pause requests per second).
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  local file = args[1]
  local total = tonumber(args[2])
  requests = {}
  local n = 0
  for line in io.lines(file) do
    if n % total == id then
      local tab = line:find("\t", 1, true)
      requests[#requests + 1] = wrk.format("POST", line:sub(1, tab - 1), { ["Content-Type"] = "application/xml" }, line:sub(tab + 1))
    end
    n = n + 1
  end
  next_request = 0
  pause = tonumber(args[3] or "0")
end

function delay()
  return pause
end

function request()
  next_request = next_request + 1
  if next_request > #requests then
    next_request = 1
  end
  return requests[next_request]
end

function done(summary, latency, requests)
  io.write(string.format("WRK requests=%d duration_us=%d errors=%d non2xx=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50), latency:percentile(99)))
end
