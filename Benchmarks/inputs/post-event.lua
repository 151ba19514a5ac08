-- wrk -t THREADS -s Benchmarks/inputs/post-event.lua URL [-- RATE THREADS]
-- POSTs an Iterable system webhook event of about 200 bytes, each with its own messageId (so a
-- runner stores every one instead of answering "duplicate"). With RATE (requests/s for the whole
-- run; THREADS must repeat wrk's -t), each thread paces its requests to RATE/THREADS on a fixed
-- schedule; without, as fast as
-- the connections allow. Prints one parseable RESULT line at the end.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *spec);
]]
local spec = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, spec) -- CLOCK_MONOTONIC
  return tonumber(spec.tv_sec) + tonumber(spec.tv_nsec) / 1e9
end

local created = 0
function setup(thread)
  created = created + 1
  thread:set("id", created)
end

local sent, start, interval = 0, nil, nil
function init(args)
  local rate = tonumber(args[1] or "")
  if rate then interval = tonumber(args[2] or "2") / rate end
end

function delay()
  if not interval then return 0 end
  if not start then start = now() end
  sent = sent + 1
  local wait = start + sent * interval - now()
  if wait <= 0 then return 0 end
  return math.floor(wait * 1000)
end

function request()
  sent_id = (sent_id or 0) + 1
  local body = string.format(
    '{"email":"ana@example.com","eventName":"emailOpen","dataFields":{"email":"ana@example.com",' ..
    '"createdAt":"2026-06-10 14:02:11 +00:00","campaignId":5123456,"templateId":812345,' ..
    '"messageId":"m%d-%010d"}}', id, sent_id)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d timeout=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
