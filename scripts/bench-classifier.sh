#!/usr/bin/env bash
# Accuracy and throughput of `retort classify`, side by side with bogofilter trained on the same
# data/ files and classifying the same dev items.
#   needs: python3, bogofilter (apt-get install -y bogofilter), a release build of retort
# usage: scripts/bench-classifier.sh [SHARED_DATA_DIR]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data}
EVAL=$(dirname "$DATA")/tools/eval_filter.py
BIN=$PWD/target/release/retort
cargo build --release -q -p retort-cli

echo "## retort classify (dev split, built-in model)"
python3 "$EVAL" --data-dir "$DATA" --cmd "$BIN classify"

echo
echo "## throughput through retort classify (wall clock, including start-up)"
big=$(mktemp); comments=$(mktemp); BOGO=$(mktemp -d); trap 'rm -rf "$big" "$comments" "$BOGO"' EXIT
for i in $(seq 20); do cat "$DATA"/*/dev.jsonl; done > "$big"
for i in $(seq 40); do cat "$DATA"/{youtube,sms,instagram}/dev.jsonl; done > "$comments"
for input in "$comments" "$big"; do
  n=$(wc -l < "$input")
  what=$([[ $input == "$comments" ]] && echo "comments (youtube+sms+instagram dev x40)" || echo "all dev x20 incl. e-mails")
  for threads in 1 all; do
    start=$(date +%s.%N)
    if [[ $threads == 1 ]]; then taskset -c 0 "$BIN" classify < "$input" > /dev/null; else "$BIN" classify < "$input" > /dev/null; fi
    end=$(date +%s.%N)
    python3 -c "print(f'$what, $threads core(s): {$n} items in {$end-$start:.2f}s = {$n/($end-$start):,.0f} items/s')"
  done
done
n=$(wc -l < "$big")

echo
echo "## bogofilter, trained on the same data/*/train.jsonl"
python3 - "$BOGO" data/*/train.jsonl <<'PY'
import json, sys, os
out = sys.argv[1]
with open(os.path.join(out, "spam.mbox"), "w") as s, open(os.path.join(out, "ham.mbox"), "w") as h:
    for path in sys.argv[2:]:
        for line in open(path, encoding="utf-8"):
            o = json.loads(line)
            text = ((o.get("subject") or "") + "\n" + o["text"]).replace("\nFrom ", "\n>From ")
            f = s if o["label"] == "spam" else h
            f.write("From x@x Thu Jan  1 00:00:00 1970\nSubject: comment\n\n" + text + "\n\n")
PY
bogofilter -d "$BOGO" -s -M -I "$BOGO/spam.mbox"
bogofilter -d "$BOGO" -n -M -I "$BOGO/ham.mbox"
# bogofilter reads one message per file; its bulk mode (-b) takes the file names on stdin and
# classifies them all in one process. The wrapper below turns JSONL into such files.
cat > "$BOGO/bogo-classify.sh" <<SH
#!/usr/bin/env bash
set -euo pipefail
d=\$(mktemp -d); trap 'rm -rf "\$d"' EXIT
python3 "$BOGO/split.py" "\$d"
ls "\$d" | sed "s|^|\$d/|" | { bogofilter -d "$BOGO" -b -T || [ \$? -lt 3 ]; } | awk '{ printf "{\"spam_probability\": %s, \"label\": \"%s\"}\n", \$3, (\$2=="S") ? "spam" : "ham" }'
SH
cat > "$BOGO/split.py" <<'PY'
import json, sys
d = sys.argv[1]
for i, line in enumerate(sys.stdin):
    o = json.loads(line)
    with open(f"{d}/{i:07d}", "w", encoding="utf-8") as f:
        f.write("Subject: comment\n\n" + (o.get("subject") or "") + "\n" + o["text"] + "\n")
PY
chmod +x "$BOGO/bogo-classify.sh"
python3 "$EVAL" --data-dir "$DATA" --cmd "$BOGO/bogo-classify.sh"

echo
for input in "$comments" "$big"; do
  n=$(wc -l < "$input")
  what=$([[ $input == "$comments" ]] && echo "comments" || echo "all dev incl. e-mails")
  echo
  echo "## throughput side by side, one core each: the same $n items ($what)"
  rm -rf "$BOGO/items"; mkdir -p "$BOGO/items"
  python3 "$BOGO/split.py" "$BOGO/items" < "$input"
  ls "$BOGO/items" | sed "s|^|$BOGO/items/|" > "$BOGO/list"
  start=$(date +%s.%N); { taskset -c 0 bogofilter -d "$BOGO" -b -T < "$BOGO/list" > /dev/null || [ $? -lt 3 ]; }; end=$(date +%s.%N)
  bogo_rate=$(python3 -c "print($n/($end-$start))")
  start=$(date +%s.%N); taskset -c 0 "$BIN" classify < "$input" > /dev/null; end=$(date +%s.%N)
  retort_rate=$(python3 -c "print($n/($end-$start))")
  python3 -c "print(f'retort classify {$retort_rate:,.0f} items/s, bogofilter -b {$bogo_rate:,.0f} items/s (messages pre-split into files), ratio {$retort_rate/$bogo_rate:.2f}x')"
done
