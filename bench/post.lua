-- wrk script: POSTs a new JSON comment per request. Set BODY_KIND=retort or isso.
local counter = 0
local kind = os.getenv("BODY_KIND") or "retort"
local url = os.getenv("ARTICLE_URL") or "https://bench.example/article"
-- Posts are spread over 50 articles, as on a real site.
local articles = 50
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
request = function()
  counter = counter + 1
  local text = "Benchmark comment number " .. counter .. " from thread " .. tostring(wrk.thread) .. ", about the article and its argument."
  local body
  local n = counter % articles
  if kind == "isso" then
    local path = "/new?uri=%2Fpost" .. n
    body = string.format('{"title": "Bench", "text": "%s", "author": "Reader %d", "email": "reader%d@example.org", "website": null}', text, counter, counter)
  else
    body = string.format('{"site": "bench", "url": "%s/%d", "title": "Bench", "text": "%s", "author": "Reader %d", "email": "reader%d@example.org"}', url, n, text, counter, counter)
  end
  if kind == "isso" then return wrk.format(nil, "/new?uri=%2Fpost" .. n, nil, body) end
  return wrk.format(nil, nil, nil, body)
end
