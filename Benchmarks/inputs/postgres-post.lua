-- wrk script for Benchmarks/postgres_bench.py: POSTs a ~200-byte Iterable system webhook with a
-- unique messageId per request (prefix from the command line, a number per thread, a counter).
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  prefix = args[1] or "p"
  counter = 0
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"email":"ana@example.com","eventName":"emailOpen","dataFields":{"email":"ana@example.com",' ..
    '"createdAt":"2026-06-10 14:02:11 +00:00","campaignId":5123456,"messageId":"%s-%d-%d","n":%d,"plan":"pro"}}',
    prefix, tid, counter, counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
