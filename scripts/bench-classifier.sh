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
echo "## throughput: all dev items x20 through retort classify"
big=$(mktemp); trap 'rm -rf "$big" "$BOGO"' EXIT
for i in $(seq 20); do cat "$DATA"/*/dev.jsonl; done > "$big"
n=$(wc -l < "$big")
for threads in 1 all; do
  start=$(date +%s.%N)
  if [[ $threads == 1 ]]; then taskset -c 0 "$BIN" classify < "$big" > /dev/null; else "$BIN" classify < "$big" > /dev/null; fi
  end=$(date +%s.%N)
  python3 -c "print(f'retort classify ($threads cores): {$n} items in {$end-$start:.2f}s = {$n/($end-$start):,.0f} items/s')"
done

echo
echo "## bogofilter, trained on the same data/*/train.jsonl"
BOGO=$(mktemp -d)
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
# One message per line for bogofilter's bulk mode: -b reads file names from stdin; instead we
# use a small wrapper that writes each item to a file and classifies them all in one process.
cat > "$BOGO/bogo-classify.sh" <<SH
#!/usr/bin/env bash
set -euo pipefail
d=\$(mktemp -d); trap 'rm -rf "\$d"' EXIT
python3 -c '
import json, sys
d = sys.argv[1]
for i, line in enumerate(sys.stdin):
    o = json.loads(line)
    open(f"{d}/{i:07d}", "w").write("Subject: comment\n\n" + (o.get("subject") or "") + "\n" + o["text"] + "\n")
' "\$d"
ls "\$d" | sed "s|^|\$d/|" | bogofilter -d "$BOGO" -b -T | awk '{print (\$2=="S") ? "spam" : "ham"}'
SH
chmod +x "$BOGO/bogo-classify.sh"
python3 "$EVAL" --data-dir "$DATA" --cmd "$BOGO/bogo-classify.sh"
start=$(date +%s.%N); "$BOGO/bogo-classify.sh" < "$big" > /dev/null; end=$(date +%s.%N)
python3 -c "print(f'bogofilter: {$n} items in {$end-$start:.2f}s = {$n/($end-$start):,.0f} items/s')"
