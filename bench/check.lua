-- wrk script: one check per request, cycling through realistic comment texts.
-- KIND=retort posts an Akismet comment-check form; KIND=rspamd posts the same text as a mail
-- message to rspamd's /checkv2. TEXTS is a file of "urlencoded<TAB>raw" lines.
local kind = os.getenv("KIND") or "retort"
local key = os.getenv("KEY") or ""
local texts = {}
for line in io.lines(os.getenv("TEXTS")) do
  local enc, raw = line:match("^(.-)\t(.*)$")
  texts[#texts + 1] = { enc = enc, raw = raw }
end
local i = 0
wrk.method = "POST"
request = function()
  i = i % #texts + 1
  local t = texts[i]
  if kind == "rspamd" then
    local msg = "From: Reader <reader" .. i .. "@example.org>\r\nTo: comments@blog.example\r\nSubject: New comment\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" .. t.raw .. "\r\n"
    return wrk.format("POST", "/checkv2", { ["Content-Type"] = "text/plain", ["IP"] = "192.0.2." .. (i % 250 + 1) }, msg)
  end
  local body = "api_key=" .. key .. "&blog=https%3A%2F%2Fblog.example&user_ip=192.0.2." .. (i % 250 + 1) ..
    "&user_agent=Mozilla%2F5.0&comment_type=comment&comment_author=Reader+" .. i .. "&comment_content=" .. t.enc
  return wrk.format("POST", "/1.1/comment-check", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
