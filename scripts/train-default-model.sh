#!/usr/bin/env bash
# Rebuilds the committed default spam model from data/ (bit for bit, same seed).
#   scripts/train-default-model.sh          retrain and overwrite crates/classifier/model/default.rtm
#   scripts/train-default-model.sh --check  retrain into a temp file and fail if it differs
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=crates/classifier/model/default.rtm
SEED=42
cargo build --release -q -p retort-cli
BIN=target/release/retort
if [[ "${1:-}" == "--check" ]]; then
  tmp=$(mktemp)
  trap 'rm -f "$tmp"' EXIT
  "$BIN" train --data data --out "$tmp" --seed "$SEED"
  if cmp -s "$tmp" "$MODEL"; then
    echo "ok: retraining reproduces $MODEL bit for bit ($(sha256sum "$MODEL" | cut -c1-16))"
  else
    echo "MISMATCH: retrained model differs from $MODEL" >&2
    exit 1
  fi
else
  "$BIN" train --data data --out "$MODEL" --seed "$SEED"
  sha256sum "$MODEL"
  echo "rebuild the binary (cargo build --release -p retort-cli) to embed the new model"
fi
