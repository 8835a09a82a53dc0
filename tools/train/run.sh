#!/usr/bin/env bash
# The whole training pipeline, each stage resumable:
#   npm run train -- <ludb dir> <qtdb dir> [work dir (train-work)] [epochs (14)]
# 1 prepare (TypeScript: WFDB → resample → labels → .npy), skipped when its outputs exist;
# 2 train (PyTorch, CPU or CUDA; resumes from <work>/ckpt/state.pt);
# 3+4 convert every epoch and select the best on the dev records → models/.
# Needs Debian's PyTorch: apt-get install -y python3-torch python3-numpy libopenblas0-pthread
# (without an optimised BLAS, Debian's torch falls back to the reference BLAS and is ~20x slower).
set -euo pipefail
LUDB=${1:?usage: npm run train -- <ludb dir> <qtdb dir> [work dir] [epochs]}
QTDB=${2:?usage: npm run train -- <ludb dir> <qtdb dir> [work dir] [epochs]}
WORK=${3:-train-work}
EPOCHS=${4:-14}
cd "$(dirname "$0")/../.."
npm run build --silent
if [[ ! -f "$WORK/data/train_x.npy" ]]; then
  node build/tools/train/prepare.js --ludb "$LUDB" --qtdb "$QTDB" --out "$WORK/data"
fi
/usr/bin/python3 tools/train/train.py --data "$WORK/data" --out "$WORK/ckpt" --epochs "$EPOCHS" 2>&1 | tee -a "$WORK/train.out"
node tools/train/select.mjs --ludb "$LUDB" --ckpt "$WORK/ckpt" --split "$WORK/data/split.json"
