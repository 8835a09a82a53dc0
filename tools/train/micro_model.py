"""The micro boundary model (issue: microcontroller-class engines): the boundary model's interface
(2500 rank-normalised samples at 250 Hz in; 500 frames x 4 class logits and 500 x 6 boundary offsets out)
at about 1/2000 of its multiply-accumulates, so that a bytecode interpreter runs a 10-s window in tenths
of a second.

  patch 10 (40-ms frames, 250 of them) -> Linear 10->C, ReLU ->
  one block per dilation: [depthwise Conv1d k (dilation d, 'same'), Linear C->C, ReLU, + residual] ->
  Linear C->8 and Linear C->12, each reshaped to two 20-ms frames per 40-ms frame (500 x 4, 500 x 6).

Only ops that TFLite, LiteRT.js and this project's engine all run: RESHAPE, FULLY_CONNECTED (fused ReLU),
DEPTHWISE_CONV_2D (dilation on H), ADD. ReLU, not GELU: no erf on an engine without Math.fround/JIT.
The shipped dims (MICRO_CONFIG, chosen by tools/train/micro-select.mjs among trained candidates, docs/micro.md):
C = 16, k = 3, dilations 1, 2, 4, 8, 16, 32, 1, 4: a receptive field of 1 + 2 * 68 = 137 frames (5.5 s), 3,204
parameters, 728,000 multiply-accumulates per window in the FCs and convolutions (767,500 as
tools/convert/model-stats.mjs counts them: one per element of the other ops too).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

MICRO_CONFIG = dict(arch="boundary_micro_1ch", patch_size=10, channels=16, kernel=3,
                    dilations=[1, 2, 4, 8, 16, 32, 1, 4], n_classes=4, n_reg=6, window=2500)


class MicroModel(nn.Module):
    def __init__(self, cfg=MICRO_CONFIG):
        super().__init__()
        self.cfg = dict(cfg)
        c, k = cfg["channels"], cfg["kernel"]
        self.embed = nn.Linear(cfg["patch_size"], c)
        self.dw = nn.ModuleList([nn.Conv1d(c, c, k, padding=d * (k // 2), dilation=d, groups=c)
                                 for d in cfg["dilations"]])
        self.pw = nn.ModuleList([nn.Linear(c, c) for _ in cfg["dilations"]])
        self.head = nn.Linear(c, 2 * cfg["n_classes"])
        self.reg_head = nn.Linear(c, 2 * cfg["n_reg"])

    def forward(self, x):  # x: (B, 2500) rank-normalised
        b, n = x.shape
        p = self.cfg["patch_size"]
        h = F.relu(self.embed(x.view(b, n // p, p)))  # (B, 250, C)
        for dw, pw in zip(self.dw, self.pw):
            h = h + F.relu(pw(dw(h.transpose(1, 2)).transpose(1, 2)))
        frames = 2 * (n // p)
        return (self.head(h).reshape(b, frames, self.cfg["n_classes"]),
                self.reg_head(h).reshape(b, frames, self.cfg["n_reg"]))


def macs(cfg=MICRO_CONFIG):
    """Multiply-accumulates per window (the converter's tool counts them from the .tflite file)."""
    f, c, k = cfg["window"] // cfg["patch_size"], cfg["channels"], cfg["kernel"]
    per = cfg["patch_size"] * c + len(cfg["dilations"]) * (k * c + c * c) + c * 2 * (cfg["n_classes"] + cfg["n_reg"])
    return f * per
