"""The boundary architecture (specification §1): patch 5 -> Linear 5->128 + fixed sinusoidal
positions -> 4 x [Conv1d 128->128 k7 p3, exact GELU, LayerNorm(conv + residual)] ->
4 pre-LN transformer layers (4 heads x 32, FFN 256, exact GELU) -> per-frame heads
(4 class logits, 6 boundary offsets). 992,266 trainable parameters."""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIG = dict(arch="boundary_transformer_1ch", patch_size=5, d_model=128, n_heads=4, n_conv=4,
              n_transformer=4, ff=256, kernel=7, n_classes=4, n_reg=6, window=2500, max_len=512)


def sinusoid_table(max_len, d):
    pos = torch.arange(max_len, dtype=torch.float64)[:, None]
    div = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-math.log(10000.0) / d))
    t = torch.zeros(max_len, d, dtype=torch.float64)
    t[:, 0::2] = torch.sin(pos * div)
    t[:, 1::2] = torch.cos(pos * div)
    return t.float()


class ConvBlock(nn.Module):
    def __init__(self, d, k):
        super().__init__()
        self.conv = nn.Conv1d(d, d, k, padding=k // 2)
        self.norm = nn.LayerNorm(d)

    def forward(self, h):  # h: (B, P, d)
        c = F.gelu(self.conv(h.transpose(1, 2))).transpose(1, 2)
        return self.norm(c + h)


class BoundaryModel(nn.Module):
    def __init__(self, cfg=CONFIG):
        super().__init__()
        d = cfg["d_model"]
        self.cfg = dict(cfg)
        self.patch_embed = nn.Linear(cfg["patch_size"], d)
        self.register_buffer("pos", sinusoid_table(cfg["max_len"], d), persistent=False)
        self.blocks = nn.ModuleList([ConvBlock(d, cfg["kernel"]) for _ in range(cfg["n_conv"])])
        self.layers = nn.ModuleList([
            nn.TransformerEncoderLayer(d, cfg["n_heads"], cfg["ff"], dropout=0.1, activation="gelu",
                                       batch_first=True, norm_first=True)
            for _ in range(cfg["n_transformer"])])
        self.head = nn.Linear(d, cfg["n_classes"])
        self.reg_head = nn.Linear(d, cfg["n_reg"])

    def forward(self, x):  # x: (B, 2500) rank-normalised
        b, n = x.shape
        p = self.cfg["patch_size"]
        h = self.patch_embed(x.view(b, n // p, p)) + self.pos[: n // p]
        for blk in self.blocks:
            h = blk(h)
        for layer in self.layers:
            h = layer(h)
        return self.head(h), self.reg_head(h)


def n_params(m):
    return sum(t.numel() for t in m.parameters() if t.requires_grad)
