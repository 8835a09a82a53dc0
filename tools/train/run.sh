#!/usr/bin/env bash
# The whole training pipeline, each stage resumable:
#   npm run train -- <ludb dir> <qtdb dir> [work dir (train-work)] [epochs (14)] [mitdb dir] [init weights] [lr]
# 1 prepare (TypeScript: WFDB → resample → labels → .npy; MIT-BIH windows with partial labels when given),
#   skipped when its outputs exist;
# 2 train (PyTorch, CPU or CUDA; resumes from <work>/ckpt/state.pt; from [init weights] when given, e.g.
#   models/boundary.safetensors to fine-tune the shipped model);
# 3+4 convert every epoch and select the best on the dev records (LUDB dev; with MIT-BIH also its devA records,
#   the shipped weights competing as epoch 0) → models/.
# Needs Debian's PyTorch: apt-get install -y python3-torch python3-numpy libopenblas0-pthread
# (without an optimised BLAS, Debian's torch falls back to the reference BLAS and is ~20x slower).
# The shipped model: npm run train -- ../shared/data/ludb ../shared/data/qtdb train-work 4 ../shared/data/mitdb models/boundary.safetensors 3e-4
set -euo pipefail
LUDB=${1:?usage: npm run train -- <ludb dir> <qtdb dir> [work dir] [epochs] [mitdb dir] [init weights] [lr]}
QTDB=${2:?usage: npm run train -- <ludb dir> <qtdb dir> [work dir] [epochs] [mitdb dir] [init weights] [lr]}
WORK=${3:-train-work}
EPOCHS=${4:-14}
MITDB=${5:-}
INIT=${6:-}
LR=${7:-1e-3}
cd "$(dirname "$0")/../.."
npm run build --silent
if [[ ! -f "$WORK/data/train_x.npy" ]]; then
  node build/tools/train/prepare.js --ludb "$LUDB" --qtdb "$QTDB" ${MITDB:+--mitdb "$MITDB"} --out "$WORK/data"
fi
/usr/bin/python3 tools/train/train.py --data "$WORK/data" --out "$WORK/ckpt" --epochs "$EPOCHS" --lr "$LR" ${INIT:+--init "$INIT"} 2>&1 | tee -a "$WORK/train.out"
node tools/train/select.mjs --ludb "$LUDB" ${MITDB:+--mitdb "$MITDB" --with-shipped} --ckpt "$WORK/ckpt" --split "$WORK/data/split.json"
