"""Runs a checkpoint in PyTorch (float32, eval mode) on windows and writes its outputs, for parity checks
against the engine running the converted .tflite:

  /usr/bin/python3 tools/train/logits.py <weights.safetensors> <x.npy [N, 2500] rank-normalised> <out prefix>

writes <out prefix>_logits.npy [N, 500, 4] and <out prefix>_offsets.npy [N, 500, 6] (float32)."""
import os
import sys

import numpy as np
import torch

torch.backends.mkldnn.enabled = False
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import BoundaryModel  # noqa: E402
import safetensors_io  # noqa: E402


def main():
    weights, xfile, prefix = sys.argv[1:4]
    torch.set_num_threads(1)
    m = BoundaryModel()
    m.load_state_dict({k: torch.from_numpy(v) for k, v in safetensors_io.load(weights).items()})
    m.train(False)
    x = torch.from_numpy(np.load(xfile).astype(np.float32))
    with torch.no_grad():
        lo, rp = m(x)
    np.save(prefix + "_logits.npy", lo.numpy().astype(np.float32))
    np.save(prefix + "_offsets.npy", rp.numpy().astype(np.float32))


if __name__ == "__main__":
    main()
