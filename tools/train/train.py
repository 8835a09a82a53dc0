"""Stage 2: train the boundary model on the arrays written by prepare (tools/train/prepare.ts).

  /usr/bin/python3 tools/train/train.py --data <dir> --out <dir> [--epochs 9] [--batch 32] [--device cpu|cuda]
         [--smoke] [--check-grad]

Loss: soft-T cross-entropy (alpha 0.9, targets from the project's label code) + lambda * masked L1 on
the 6 boundary offsets + a "not QRS" term -log(1 - p_QRS) on the frames that partial labels (MIT-BIH:
beat positions only) mark as far from every beat. AdamW 1e-3 / wd 1e-4, 5 % linear warm-up then cosine,
global-norm clip 1.0. --init starts from earlier weights (a .safetensors file), e.g. to fine-tune the
shipped model on added data with a smaller learning rate.
Input: each window rank-normalised after augmentation (amplitude, polarity, Gaussian and EMG-like
noise, baseline wander, electrode-motion steps, powerline hum, pacing spikes, time shift by whole
frames, T-wave polarity flip).
Writes <out>/epoch_NNN.safetensors + config.json every epoch and <out>/state.pt to resume.

Debian's PyTorch 1.13 computes wrong gradients through oneDNN on this kind of CPU, so oneDNN is
disabled; --check-grad compares one step's gradient with a float64 run.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.backends.mkldnn.enabled = False
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import BoundaryModel, CONFIG, n_params  # noqa: E402
from micro_model import MicroModel, MICRO_CONFIG  # noqa: E402
import safetensors_io  # noqa: E402


def rank_normalize(x):
    """Average ranks mapped to [-1, 1] per row (same definition as src/ts/dsp/rank-normalize.ts)."""
    out = np.empty_like(x, dtype=np.float32)
    n = x.shape[1]
    for i in range(x.shape[0]):
        v = x[i].astype(np.float64)
        order = np.argsort(v, kind="stable")
        sv = v[order]
        starts = np.r_[0, np.flatnonzero(np.diff(sv) != 0) + 1]
        ends = np.r_[starts[1:], n]
        ranks_sorted = np.repeat((starts + 1 + ends) / 2.0, ends - starts)
        r = np.empty(n)
        r[order] = ranks_sorted
        out[i] = (-1.0 + 2.0 * (r - 1) / max(n - 1, 1)).astype(np.float32)
    return out


def pacing_spike(rng, fs=250.0):
    """A pacemaker stimulus as a 250-Hz recording shows it: a 0.5-2 ms pulse of 2-20 mV slew, sampled at
    360/500/1000 Hz by the recorder, low-passed and decimated to 250 Hz. Returned as a short kernel whose
    amplitude is relative to a 1 mV QRS, with its sign and a small biphasic recharge tail."""
    width_ms = rng.uniform(0.5, 2.0)
    height = rng.uniform(2.0, 20.0) * width_ms / 1000.0 * 1000.0 / 4.0  # mV reached over the pulse, spread over 4 ms
    height = min(height * rng.uniform(1.0, 6.0), 8.0)
    k = np.array([0.12, 0.55, 1.0, 0.45, 0.1]) * height
    tail = -np.array([0.0, 0.0, 0.0, 0.25, 0.2, 0.12, 0.06]) * height * rng.uniform(0, 0.6)
    k = np.r_[k, np.zeros(2)] + tail
    return k * (1 if rng.random() < 0.6 else -1)


def qrs_starts(frames_row, soft_row):
    """Frame indices where a QRS run starts (from labels, or from partial QRS targets)."""
    q = (frames_row == 2) | (soft_row[:, 2] > 0.5)
    return [j for j in range(len(q)) if q[j] and (j == 0 or not q[j - 1])]


def augment(x, frames, soft, reg, mask, qrsneg, rng, fs=250.0):
    """In-place-free augmentation of one batch (numpy). Returns new arrays."""
    x = x.astype(np.float64).copy()
    soft, reg, mask, frames, qrsneg = soft.copy(), reg.copy(), mask.copy(), frames.copy(), qrsneg.copy()
    b, n = x.shape
    t = np.arange(n) / fs
    for i in range(b):
        sd = x[i].std() + 1e-6
        # T-wave polarity flip: mirror each T run about the straight line joining its ends.
        if rng.random() < 0.15:
            f = frames[i]
            j = 0
            while j < len(f):
                if f[j] == 3:
                    k = j
                    while k < len(f) and f[k] == 3:
                        k += 1
                    a, e = 5 * j, min(n - 1, 5 * k - 1)
                    if e > a:
                        base = np.linspace(x[i, a], x[i, e], e - a + 1)
                        x[i, a:e + 1] = 2 * base - x[i, a:e + 1]
                    j = k
                else:
                    j += 1
        x[i] *= rng.uniform(0.7, 1.3)
        if rng.random() < 0.2:
            x[i] = -x[i]
        sd = x[i].std() + 1e-6
        # Pacing spikes just before each QRS (ventricular pacing), sometimes also before the P wave.
        if rng.random() < 0.15:
            k = pacing_spike(rng)
            lead_ms = rng.uniform(0, 40)
            for j in qrs_starts(frames[i], soft[i]):
                at = 5 * j - int(lead_ms * fs / 1000)
                if 0 <= at and at + len(k) < n:
                    x[i, at:at + len(k)] += k * sd * 3
        # EMG-like noise: bursts of high-frequency noise.
        if rng.random() < 0.25:
            a = int(rng.integers(0, n - 250))
            e = min(n, a + int(rng.integers(250, 2500)))
            burst = rng.normal(0, 1, e - a)
            burst = burst - np.convolve(burst, np.ones(3) / 3, mode="same")
            x[i, a:e] += burst * rng.uniform(0.05, 0.3) * sd
        # Electrode motion: a few smoothed steps and ramps of the baseline.
        if rng.random() < 0.2:
            drift = np.zeros(n)
            for _ in range(rng.integers(1, 4)):
                drift[int(rng.integers(0, n)):] += rng.normal(0, 0.6) * sd
            w = int(rng.integers(10, 60))
            x[i] += np.convolve(drift, np.ones(w) / w, mode="same")
        if rng.random() < 0.5:
            x[i] += rng.normal(0, rng.uniform(0.01, 0.08) * sd, n)
        if rng.random() < 0.5:
            for _ in range(rng.integers(1, 4)):
                x[i] += rng.uniform(0.05, 0.4) * sd * np.sin(2 * np.pi * rng.uniform(0.05, 0.6) * t + rng.uniform(0, 6.3))
        if rng.random() < 0.3:
            x[i] += rng.uniform(0.005, 0.05) * sd * np.sin(2 * np.pi * rng.choice([50.0, 60.0]) * t + rng.uniform(0, 6.3))
        # Time shift by whole frames (edge replication for the signal, IGNORE for new label frames).
        if rng.random() < 0.5:
            k = int(rng.integers(-10, 11))
            if k != 0:
                s = 5 * k
                x[i] = np.roll(x[i], s)
                if s > 0:
                    x[i, :s] = x[i, s]
                else:
                    x[i, s:] = x[i, s - 1]
                for arr in (soft, reg, mask, frames, qrsneg):
                    arr[i] = np.roll(arr[i], k, axis=0)
                    if k > 0:
                        arr[i, :k] = 0
                    else:
                        arr[i, k:] = 0
                frames[i, :k] = 255 if k > 0 else frames[i, :k]
                if k < 0:
                    frames[i, k:] = 255
    return x.astype(np.float32), frames, soft, reg, mask, qrsneg


def losses(logits, regp, soft, reg, mask, lam, qrsneg=None):
    valid = soft.sum(-1) > 0
    logp = F.log_softmax(logits, -1)
    ce = -(soft * logp).sum(-1)
    # Frames known not to be QRS: -log(1 - p_QRS) = -(logsumexp over the other classes - logsumexp over all).
    if qrsneg is not None and bool(qrsneg.any()):
        others = torch.cat([logits[..., :2], logits[..., 3:]], -1)
        nq = -(torch.logsumexp(others, -1) - torch.logsumexp(logits, -1))
        ce = torch.where(qrsneg.bool(), nq, ce)
        valid = valid | qrsneg.bool()
    cls = ce[valid].mean() if valid.any() else logits.sum() * 0
    m = mask.bool()
    l1 = (regp - reg).abs()[m].mean() if m.any() else regp.sum() * 0
    return cls + lam * l1, cls, l1


def load_split(d, name):
    g = lambda k: np.load(os.path.join(d, f"{name}_{k}.npy"))
    x = g("x")
    qn = os.path.join(d, f"{name}_qrsneg.npy")
    qrsneg = np.load(qn) if os.path.exists(qn) else np.zeros((len(x), 500), np.uint8)
    return x, g("frames"), g("soft"), g("reg"), g("regmask"), qrsneg


def with_teacher(data, teacher, w):
    """Targets blended with a teacher's probabilities: labelled frames (1 - w) * label + w * teacher; frames without a
    label take the teacher's; frames marked "not QRS" (qrsneg) keep their own loss term (losses())."""
    x, frames, soft, reg, mask, qrsneg = data
    labelled = soft.sum(-1, keepdims=True) > 0
    blended = np.where(labelled, (1 - w) * soft + w * teacher, teacher).astype(np.float32)
    return x, frames, blended, reg, mask, qrsneg


def export(model, path, meta):
    sd = {k: v.detach().cpu().float().numpy() for k, v in model.state_dict().items()}
    safetensors_io.save(path, sd, meta)


def check_grad(model, data):
    """One step's gradient norm in float32 vs float64 (must agree)."""
    x, frames, soft, reg, mask, _ = data
    xb = torch.from_numpy(rank_normalize(x[:8]))
    out = {}
    for dt in (torch.float32, torch.float64):
        m = type(model)(model.cfg).to(dt)
        m.load_state_dict(model.state_dict())
        m.train(False)
        lo, rp = m(xb.to(dt))
        loss, _, _ = losses(lo, rp, torch.from_numpy(soft[:8]).to(dt), torch.from_numpy(reg[:8]).to(dt),
                            torch.from_numpy(mask[:8]), 0.05)
        loss.backward()
        out[str(dt)] = math.sqrt(sum(float((p.grad.double() ** 2).sum()) for p in m.parameters()))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=9)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--lam", type=float, default=0.05)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--smoke", action="store_true", help="one step on 4 windows, for tests")
    ap.add_argument("--init", default="", help="start from these weights (.safetensors)")
    ap.add_argument("--check-grad", action="store_true")
    ap.add_argument("--arch", default="boundary", choices=["boundary", "micro"],
                    help="micro: the small model for bytecode engines (micro_model.py)")
    ap.add_argument("--channels", type=int, default=MICRO_CONFIG["channels"], help="micro: channels")
    ap.add_argument("--kernel", type=int, default=MICRO_CONFIG["kernel"], help="micro: depthwise kernel")
    ap.add_argument("--distill", type=float, default=0.0,
                    help="weight of the teacher's probabilities (<data>/train_teacher.npy, teacher.py) in the targets")
    ap.add_argument("--dilations", default=",".join(map(str, MICRO_CONFIG["dilations"])), help="micro: one block per dilation")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    os.makedirs(a.out, exist_ok=True)
    log = open(os.path.join(a.out, "train.log"), "a")

    def say(*s):
        line = " ".join(str(v) for v in s)
        print(line, flush=True)
        log.write(line + "\n")
        log.flush()

    data = load_split(a.data, "train")
    if a.distill > 0:
        data = with_teacher(data, np.load(os.path.join(a.data, "train_teacher.npy")).astype(np.float32), a.distill)
    if a.smoke:
        data = tuple(arr[:4] for arr in data)
    arch_cfg = CONFIG if a.arch == "boundary" else dict(MICRO_CONFIG, channels=a.channels, kernel=a.kernel, dilations=[int(d) for d in a.dilations.split(",")])
    model = (BoundaryModel() if a.arch == "boundary" else MicroModel(arch_cfg)).to(a.device)
    if a.init:
        model.load_state_dict({k: torch.from_numpy(v) for k, v in safetensors_io.load(a.init).items()})
        say(f"initialised from {a.init}")
    say(f"params {n_params(model)} windows {len(data[0])} device {a.device}")
    if a.check_grad:
        g = check_grad(model.cpu(), data)
        say("grad-norm", json.dumps(g))
        return
    n = len(data[0])
    bs = min(a.batch, n)
    steps_per_epoch = max(1, n // bs)
    epochs = 1 if a.smoke else a.epochs
    total = 1 if a.smoke else steps_per_epoch * epochs
    warm = max(1, int(0.05 * total))
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else 0.5 * (1 + math.cos(math.pi * min(1.0, (s - warm) / max(1, total - warm)))))
    start_epoch = 0
    state_path = os.path.join(a.out, "state.pt")
    rng = np.random.default_rng(a.seed)
    if os.path.exists(state_path) and not a.smoke:
        st = torch.load(state_path, map_location=a.device)
        model.load_state_dict(st["model"])
        opt.load_state_dict(st["opt"])
        sched.load_state_dict(st["sched"])
        start_epoch = st["epoch"]
        rng = np.random.default_rng([a.seed, start_epoch])
        say(f"resumed after epoch {start_epoch}")
    cfg = dict(arch_cfg, epochs=epochs, batch=bs, lr=a.lr, lam=a.lam, alpha=0.9, seed=a.seed, init=a.init,
               distill=a.distill)
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=1)
    for ep in range(start_epoch, epochs):
        model.train(True)
        perm = rng.permutation(n)
        t0 = time.time()
        tot = cls_t = l1_t = 0.0
        for s in range(1 if a.smoke else steps_per_epoch):
            idx = np.sort(perm[s * bs:(s + 1) * bs])
            x, fr, so, rg, mk, qn = augment(*(arr[idx] for arr in data), rng)
            xb = torch.from_numpy(rank_normalize(x)).to(a.device)
            lo, rp = model(xb)
            loss, cl, l1 = losses(lo, rp, torch.from_numpy(so).to(a.device), torch.from_numpy(rg).to(a.device),
                                  torch.from_numpy(mk).to(a.device), a.lam, torch.from_numpy(qn).to(a.device))
            if not torch.isfinite(loss):
                raise SystemExit(f"non-finite loss at epoch {ep} step {s}")
            opt.zero_grad()
            loss.backward()
            gn = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tot += float(loss); cls_t += float(cl); l1_t += float(l1)
            if s % 10 == 0:
                say(f"ep {ep + 1} step {s}/{steps_per_epoch} loss {float(loss):.4f} cls {float(cl):.4f} l1 {float(l1):.3f} "
                    f"gn {float(gn):.2f} lr {sched.get_last_lr()[0]:.2e} {time.time() - t0:.0f}s")
        k = 1 if a.smoke else steps_per_epoch
        meta = dict(epoch=ep + 1, loss=tot / k, cls=cls_t / k, l1=l1_t / k)
        export(model, os.path.join(a.out, f"epoch_{ep + 1:03d}.safetensors"), meta)
        if not a.smoke:
            torch.save(dict(model=model.state_dict(), opt=opt.state_dict(), sched=sched.state_dict(), epoch=ep + 1), state_path)
        say(f"epoch {ep + 1} done loss {tot / k:.4f} cls {cls_t / k:.4f} l1 {l1_t / k:.3f} time {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
