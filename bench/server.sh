#!/usr/bin/env bash
# Side-by-side benchmark of Retort and Isso 0.14 (the reference self-hosted comment server, on
# SQLite), with wrk on loopback: reading a 200-comment thread (Retort's HTML page and JSON; Isso's
# JSON, which is all it serves) and posting new comments (durable on disk in both).
#
#   bench/server.sh            # needs: wrk (apt-get install -y wrk), python3 -m venv, network for pip
#
# Prints requests/s for each, their ratios and Retort's peak RSS. Results go in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${DUR:-10s}
CONN=${CONN:-32}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }
VENV=${ISSO_VENV:-$PWD/target/isso-venv}
if [ ! -x "$VENV/bin/isso" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "isso==0.14.*" misaka
fi
cargo build --release -q -p retort-cli
TMP=$(mktemp -d)
cleanup() { kill "${RPID:-}" "${IPID:-}" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
RPORT=$(free_port); IPORT=$(free_port)
ARTICLE=https://bench.example/article

# Retort, SQLite in WAL mode with synchronous=FULL.
cat > "$TMP/retort.toml" <<CFG
[rate_limit]
per_minute = 100000000
burst = 100000000
[[sites]]
name = "bench"
origins = ["https://bench.example"]
CFG
RUST_LOG=warn target/release/retort serve --config "$TMP/retort.toml" --listen 127.0.0.1:$RPORT --data-dir "$TMP/retort" > "$TMP/retort.out" 2>"$TMP/retort.err" &
RPID=$!
# Isso with its own SQLite file.
sed -e "s|ISSO_DB|$TMP/isso.db|" -e "s|ISSO_PORT|$IPORT|" bench/isso.cfg > "$TMP/isso.cfg"
"$VENV/bin/isso" -c "$TMP/isso.cfg" run > "$TMP/isso.log" 2>&1 &
IPID=$!
for i in $(seq 100); do
  curl -sf "http://127.0.0.1:$RPORT/healthz" >/dev/null && curl -s -o /dev/null "http://127.0.0.1:$IPORT/info" && break
  sleep 0.2
done

echo "Seeding a 200-comment thread on both (every fifth comment is a reply)"
python3 - "$RPORT" "$IPORT" "$ARTICLE" <<'PY'
import json, sys, urllib.request
rport, iport, article = sys.argv[1:4]
def post(url, body, headers={}):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", **headers})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
rid = iid = None
for i in range(200):
    text = f"Comment {i}: a *reader's* view on the article, with some detail to make it realistic. " * 2
    parent_r = rid if i % 5 == 4 else None
    parent_i = iid if i % 5 == 4 else None
    r = post(f"http://127.0.0.1:{rport}/api/v1/comments", {"site": "bench", "url": article, "title": "Bench", "author": f"Reader {i}", "email": f"r{i}@example.org", "text": text, "parent": parent_r})
    assert r["status"] == "approved", r
    k = post(f"http://127.0.0.1:{iport}/new?uri=%2Farticle", {"title": "Bench", "text": text, "author": f"Reader {i}", "email": f"r{i}@example.org", "website": None, "parent": parent_i}, {"Referer": "https://bench.example/article", "Origin": "https://bench.example"})
    if i % 5 == 0:
        rid, iid = r["comment"]["id"], k["id"]
print("seeded")
PY
TID=$(curl -s "http://127.0.0.1:$RPORT/api/v1/threads?site=bench&url=https%3A%2F%2Fbench.example%2Farticle" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["thread"]["id"]); assert d["thread"]["comments"]==200, d["thread"]')
ICOUNT=$(python3 -c "import sqlite3; print(sqlite3.connect('$TMP/isso.db').execute('select count(*) from comments').fetchone()[0])")
echo "Retort thread $TID has 200 comments; Isso thread has $ICOUNT"

rps() {
  local t=2; [ "$CONN" -lt 2 ] && t=1
  local out; out=$(wrk -t$t -c"$CONN" -d"$DUR" --timeout 30s "$@" 2>&1)
  if grep -q "Non-2xx" <<<"$out"; then echo "wrk $*: $(grep Non-2xx <<<"$out")" >&2; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
echo
echo "| what | Retort req/s | Isso req/s | ratio |"
echo "|---|---|---|---|"
R_HTML=$(rps "http://127.0.0.1:$RPORT/threads/$TID")
R_JSON=$(rps "http://127.0.0.1:$RPORT/api/v1/threads?site=bench&url=https%3A%2F%2Fbench.example%2Farticle")
# Isso serves a 200-comment thread in about 0.2 s; with many connections most requests would
# only queue, so it gets its best of 1 and 4 connections.
I1=$(CONN=1 rps "http://127.0.0.1:$IPORT/?uri=%2Farticle")
I4=$(CONN=4 rps "http://127.0.0.1:$IPORT/?uri=%2Farticle")
I_JSON=$(python3 -c "print(max($I1, $I4))")
echo "| read 200-comment thread, HTML page (Isso: its JSON) | $R_HTML | $I_JSON | $(python3 -c "print(f'{$R_HTML/$I_JSON:.0f}x')") |"
echo "| read 200-comment thread, JSON | $R_JSON | $I_JSON | $(python3 -c "print(f'{$R_JSON/$I_JSON:.0f}x')") |"
R_POST=$(BODY_KIND=retort ARTICLE_URL=$ARTICLE rps -s bench/post.lua "http://127.0.0.1:$RPORT/api/v1/comments")
isso_post() { BODY_KIND=isso CONN=$1 rps -s bench/post.lua -H "Origin: https://bench.example" -H "Referer: https://bench.example/article" "http://127.0.0.1:$IPORT/new?uri=%2Farticle"; }
# Isso gets its best of 1, 4 and 32 connections.
I_POST=$(python3 -c "print(max($(isso_post 1), $(isso_post 4), $(isso_post 32)))")
echo "| post a comment (durable) | $R_POST | $I_POST | $(python3 -c "print(f'{$R_POST/$I_POST:.1f}x')") |"
echo
echo "Retort peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' /proc/$RPID/status)"
echo "Retort comments stored after the post run (first 3 of 50 articles): $(curl -s "http://127.0.0.1:$RPORT/api/v1/counts?site=bench&url=https%3A%2F%2Fbench.example%2Farticle%2F0&url=https%3A%2F%2Fbench.example%2Farticle%2F1&url=https%3A%2F%2Fbench.example%2Farticle%2F2")"
