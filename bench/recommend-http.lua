-- wrk script: GET /api/recommendations/customers/{id} for random customers of the synthetic shop
-- generated with seed 1 (ids syn-1-c0 .. syn-1-c<customers-1>).
-- wrk -t2 -c32 -d60s -s bench/recommend-http.lua http://127.0.0.1:8080 KEY CUSTOMERS
local key, customers
function init(args)
  key = args[1]
  customers = tonumber(args[2] or "1000000")
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
function request()
  local path = "/api/recommendations/customers/syn-1-c" .. math.random(0, customers - 1) .. "?limit=10"
  return wrk.format("GET", path, { ["X-API-Key"] = key })
end
function done(summary, latency, requests)
  io.write(string.format("requests %d, errors: connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  for _, p in pairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("p%g %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
