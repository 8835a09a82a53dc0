"""Teacher targets for distilling the micro model (docs/micro.md): the bundled boundary model's per-frame class
probabilities on every training window, un-augmented (the student sees the augmented window, the teacher the clean
one). Filling the frames that labels leave out is what they add: MIT-BIH windows carry QRS positions only, QTDB
windows one annotated cluster, LUDB windows nothing near their edges.

  /usr/bin/python3 tools/train/teacher.py --data train-work/data --weights models/boundary.safetensors
Writes <data>/train_teacher.npy (float16, windows x 500 x 4).
"""
import argparse
import os
import sys
import time

import numpy as np
import torch

torch.backends.mkldnn.enabled = False
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import BoundaryModel  # noqa: E402
from train import rank_normalize  # noqa: E402
import safetensors_io  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--weights", default="models/boundary.safetensors")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    m = BoundaryModel()
    m.load_state_dict({k: torch.from_numpy(v) for k, v in safetensors_io.load(a.weights).items()})
    m.train(False)
    x = np.load(os.path.join(a.data, "train_x.npy"))
    out = np.zeros((len(x), 500, 4), np.float16)
    t0 = time.time()
    with torch.no_grad():
        for i in range(0, len(x), a.batch):
            lo, _ = m(torch.from_numpy(rank_normalize(x[i:i + a.batch])))
            out[i:i + a.batch] = torch.softmax(lo, -1).numpy().astype(np.float16)
            print(f"{i + len(lo)}/{len(x)} {time.time() - t0:.0f}s", flush=True)
    np.save(os.path.join(a.data, "train_teacher.npy"), out)


if __name__ == "__main__":
    main()
