#!/usr/bin/env bash
# Side-by-side benchmark of Retort's Akismet-compatible comment-check and rspamd (Debian
# `rspamd`, default configuration, its HTTP /checkv2 endpoint) on the same realistic comment
# texts, with wrk on loopback and keep-alive. Prints requests/s, p50 and p99 latency and ratios.
#
#   bench/akismet.sh          # needs: wrk and rspamd (apt-get install -y wrk rspamd)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${DUR:-10s}
CONN=${CONN:-32}
command -v wrk >/dev/null && command -v rspamd >/dev/null || { echo "needs: apt-get install -y wrk rspamd" >&2; exit 1; }
cargo build --release -q -p retort-cli
TMP=$(mktemp -d)
cleanup() { kill "${RPID:-}" 2>/dev/null || true; [ -n "${SPID:-}" ] && kill "$SPID" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

# 1,000 comment texts from the committed training data (YouTube, Instagram, SMS).
python3 - "$TMP/texts.tsv" <<'PY'
import json, sys, urllib.parse, itertools
out = []
for name in ["youtube", "instagram", "sms"]:
    with open(f"data/{name}/train.jsonl", encoding="utf-8") as f:
        for line in itertools.islice(f, 334):
            t = " ".join(json.loads(line)["text"].split())
            out.append(urllib.parse.quote_plus(t) + "\t" + t)
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(out[:1000]) + "\n")
PY

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KEY=$(target/release/retort keys create --site https://blog.example --data-dir "$TMP/retort")
RUST_LOG=warn target/release/retort serve --listen 127.0.0.1:$PORT --data-dir "$TMP/retort" > /dev/null 2>&1 &
RPID=$!
if ! curl -sf -m 2 -o /dev/null -X POST http://127.0.0.1:11333/checkv2 -d 'x'; then
  mkdir -p /run/rspamd /var/lib/rspamd /var/log/rspamd
  chown -R _rspamd: /run/rspamd /var/lib/rspamd /var/log/rspamd 2>/dev/null || true
  rspamd -u _rspamd -g _rspamd
fi
for i in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && curl -s -m 2 -o /dev/null -X POST http://127.0.0.1:11333/checkv2 -d x && break
  sleep 0.2
done

run() { wrk -t2 -c"$CONN" -d"$DUR" --latency --timeout 10s -s bench/check.lua "$1" 2>&1; }
R=$(KIND=retort KEY=$KEY TEXTS=$TMP/texts.tsv run "http://127.0.0.1:$PORT")
S=$(KIND=rspamd TEXTS=$TMP/texts.tsv run "http://127.0.0.1:11333")
field() { awk -v k="$2" '$1==k {print $2}' <<<"$1"; }
rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
for x in "$R" "$S"; do grep -q "Non-2xx" <<<"$x" && { echo "non-2xx answers:"; grep Non-2xx <<<"$x"; }; done
echo "| what | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
echo "| Retort /1.1/comment-check | $(rps "$R") | $(field "$R" 50%) | $(field "$R" 99%) |"
echo "| rspamd /checkv2 | $(rps "$S") | $(field "$S" 50%) | $(field "$S" 99%) |"
echo "ratio (Retort / rspamd): $(python3 -c "print(f'{$(rps "$R")/$(rps "$S"):.1f}x')")"
echo "Retort answered: $(curl -s "http://127.0.0.1:$PORT/1.2/usage-limit?api_key=$KEY")"
