"""Trains a small MLP classifier (beats or rhythm windows) on features written by the TypeScript tools.

    /usr/bin/python3 tools/classify/train_mlp.py --data <dir> --prefix beats --out <dir> [--hidden 64,32] [--epochs 60]
        [--select devA] [--seed 1]

Inputs: <data>/<prefix>_x.npy [n, F] float32, <prefix>_y.npy [n] int32, <prefix>_rec.npy [n] int32 and
<prefix>_meta.json ({classes, records, split: {devA: [...], devB: [...]}}). Records of split.devA select the
epoch, records of split.devB are only reported; everything else trains (split by record, never by row).
Class weights: (n / n_c) ** power (0.5 by default), normalised — rare classes (SVEB, fusion) count more without swamping.
Writes <out>/<prefix>.safetensors (the input standardisation x' = (x − mean) / std as norm.scale and
norm.shift, then the layers) and <out>/<prefix>_train.json (per-epoch dev scores, the chosen epoch).
The beat score is the mean F1 of the vpc and sveb classes on devA; the rhythm score is accuracy on devA.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "train"))
import safetensors_io  # noqa: E402

torch.backends.mkldnn.enabled = False  # Debian's oneDNN gives wrong gradients on this CPU kind


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--hidden", default="64,32")
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--wd", type=float, default=1e-4)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--select", default="devA")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--weight-power", type=float, default=0.5, help="class weights (n / n_c) ** power")
    ap.add_argument("--record-balance", action="store_true", help="weight rows 1/sqrt(rows of their record): a 10-s LUDB record counts like a 30-min MIT-BIH one more evenly")
    ap.add_argument("--synth-sveb", type=int, default=0, help="beats only: synthetic premature supraventricular rows")
    ap.add_argument("--ensemble", type=int, default=1, help="networks of one hidden layer trained with seeds seed … seed+K−1, merged")
    ap.add_argument("--refit", action="store_true", help="train on the select records too, keep the last epoch (choose --epochs first without it)")
    ap.add_argument("--columns", default="", help="experiments only: feature columns to keep, e.g. 48:112")
    a = ap.parse_args()
    np.random.seed(a.seed)
    X = np.load(os.path.join(a.data, f"{a.prefix}_x.npy")).astype(np.float32)
    y = np.load(os.path.join(a.data, f"{a.prefix}_y.npy")).astype(np.int64)
    rec = np.load(os.path.join(a.data, f"{a.prefix}_rec.npy"))
    meta = json.load(open(os.path.join(a.data, f"{a.prefix}_meta.json")))
    keep = np.concatenate([np.arange(*map(int, r.split(":"))) for r in a.columns.split(",")]) if a.columns else np.arange(X.shape[1])
    classes, names = meta["classes"], meta["records"]
    # split lists name records as 'source/id', or bare MIT-BIH ids
    in_list = lambda nm, lst: nm in lst or (nm.startswith("mitdb/") and nm[6:] in lst)
    in_split = lambda key: np.array([in_list(names[r], meta["split"][key]) for r in rec])
    sel, hold = in_split(a.select), in_split("devB")
    tr = ~(sel | hold)
    K = len(classes)
    extra = synth_sveb(X[tr], y[tr], classes, a.synth_sveb, meta)[:, keep] if a.synth_sveb else None
    X = X[:, keep]
    mean = X[tr].mean(0)
    std = X[tr].std(0) + 1e-3
    Xn = (X - mean) / std
    counts = np.bincount(y[tr], minlength=K).astype(np.float64)
    w = (counts.sum() / np.maximum(counts, 1)) ** a.weight_power
    w = w / w[counts > 0].mean()
    hidden = [int(h) for h in a.hidden.split(",") if h]
    base = os.path.join(a.data, f"{a.prefix}_rules.npy")
    if os.path.exists(base):  # the rules' answers on the same rows: the baseline to beat
        r = np.load(base)
        print(f"rules: {a.select} {fmt(scores(r[sel], y[sel], classes))} | devB {fmt(scores(r[hold], y[hold], classes))}")
    fit_mask = (tr | sel) if a.refit else tr
    Xtr, ytr, rtr = Xn[fit_mask], y[fit_mask], rec[fit_mask]
    if extra is not None:
        Xtr = np.concatenate([Xtr, (extra - mean) / std]).astype(np.float32)
        ytr = np.concatenate([ytr, np.full(len(extra), classes.index("sveb"))])
    rw = np.ones(len(ytr))
    if a.record_balance:
        per = np.bincount(rtr)
        rw[: len(rtr)] = 1 / np.sqrt(per[rtr])
        rw = rw / rw.mean()
    nets, histories = [], []
    for k in range(a.ensemble):
        torch.manual_seed(a.seed + k)
        net, hist, chosen = fit(a, Xn, y, Xtr, ytr, rw, w, hidden, K, sel, hold, classes)
        nets.append(net)
        histories.append({"seed": a.seed + k, "chosen": chosen, "history": hist})
    tensors = export(nets, mean, std)
    if a.ensemble > 1:
        pred = forward(tensors, X).argmax(1)
        row = {"select": scores(pred[sel], y[sel], classes), "devB": scores(pred[hold], y[hold], classes)}
        if "vpc" in classes:
            row["selectAami"], row["devBAami"] = aami_stats(pred[sel], y[sel], classes), aami_stats(pred[hold], y[hold], classes)
            print(f"ensemble of {a.ensemble}: {a.select} AAMI {fmt_aami(row['selectAami'])} | devB AAMI {fmt_aami(row['devBAami'])}")
        print(f"ensemble of {a.ensemble}: {a.select} {fmt(row['select'])} | devB {fmt(row['devB'])}")
        histories.append({"ensemble": row})
    os.makedirs(a.out, exist_ok=True)
    meta_out = {"classes": ",".join(classes), "epochs": ",".join(str(h["chosen"]) for h in histories if "chosen" in h), "refit": a.refit}
    safetensors_io.save(os.path.join(a.out, f"{a.prefix}.safetensors"), tensors, meta_out)
    json.dump({"args": vars(a), "hidden": hidden, "classes": classes, "runs": histories}, open(os.path.join(a.out, f"{a.prefix}_train.json"), "w"), indent=1)


def fit(a, Xn, y, Xtr, ytr, rw, w, hidden, K, sel, hold, classes):
    """One network: --epochs epochs; keeps the epoch with the best select-split score (the last one with --refit,
    whose select records are training data)."""
    layers, d = [], Xn.shape[1]
    for h in hidden:
        layers += [torch.nn.Linear(d, h), torch.nn.ReLU(), torch.nn.Dropout(a.dropout)]
        d = h
    layers.append(torch.nn.Linear(d, K))
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.AdamW(net.parameters(), lr=a.lr, weight_decay=a.wd)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, a.epochs)
    lossf = torch.nn.CrossEntropyLoss(weight=torch.tensor(w, dtype=torch.float32), reduction="none")
    Xt, yt, rwt = torch.tensor(Xtr), torch.tensor(ytr), torch.tensor(rw, dtype=torch.float32)
    history, best = [], None
    for ep in range(1, a.epochs + 1):
        net.train()
        perm = torch.randperm(len(yt))
        for i in range(0, len(perm), 256):
            b = perm[i : i + 256]
            opt.zero_grad()
            loss = (lossf(net(Xt[b]), yt[b]) * rwt[b]).mean()
            loss.backward()
            opt.step()
        sched.step()
        net.eval()
        with torch.no_grad():
            pred = net(torch.tensor(Xn)).argmax(1).numpy()
        row = {"epoch": ep, "select": scores(pred[sel], y[sel], classes), "devB": scores(pred[hold], y[hold], classes)}
        if "vpc" in classes:
            row["selectAami"] = aami_stats(pred[sel], y[sel], classes)
            row["devBAami"] = aami_stats(pred[hold], y[hold], classes)
        row["score"] = objective(row.get("selectAami", row["select"]), classes)
        history.append(row)
        if best is None or a.refit or row["score"] > best[0]:
            best = (row["score"], ep, {k: v.detach().clone() for k, v in net.state_dict().items()})
        if "vpc" in classes:
            print(f"epoch {ep}: {a.select} {fmt(row['select'])} AAMI {fmt_aami(row['selectAami'])} | devB {fmt(row['devB'])} AAMI {fmt_aami(row['devBAami'])}", flush=True)
        else:
            print(f"epoch {ep}: {a.select} {fmt(row['select'])} | devB {fmt(row['devB'])}", flush=True)
    net.load_state_dict(best[2])
    print(f"chosen epoch {best[1]} (score {best[0]:.4f})")
    return net, history, best[1]


def export(nets, mean, std):
    """norm.scale = 1/σ, norm.shift = −μ/σ (the input standardisation, kept apart from fc0: folded into fc0's
    weights it would give columns of very different size one int8 scale per row) and fc0 … fcN. Several networks of one hidden layer become one: their hidden units side by side, the output layer the
    mean of their logits (an ensemble that the same two FULLY_CONNECTED ops run)."""
    per = []
    for net in nets:
        lin = [m for m in net if isinstance(m, torch.nn.Linear)]
        per.append([(m.weight.detach().numpy().astype(np.float64), m.bias.detach().numpy().astype(np.float64)) for m in lin])
    if len(per) > 1:
        if len(per[0]) != 2:
            raise SystemExit("--ensemble needs exactly one hidden layer")
        W0 = np.concatenate([p[0][0] for p in per])
        b0 = np.concatenate([p[0][1] for p in per])
        W1 = np.concatenate([p[1][0] for p in per], axis=1) / len(per)
        b1 = np.mean([p[1][1] for p in per], axis=0)
        layers = [(W0, b0), (W1, b1)]
    else:
        layers = per[0]
    tensors = {"norm.scale": (1 / std).astype(np.float32), "norm.shift": (-mean / std).astype(np.float32)}
    for i, (W, b) in enumerate(layers):
        tensors[f"fc{i}.weight"] = W.astype(np.float32)
        tensors[f"fc{i}.bias"] = b.astype(np.float32)
    return tensors


def forward(tensors, X):
    h = X.astype(np.float64) * tensors["norm.scale"] + tensors["norm.shift"]
    i = 0
    while f"fc{i}.weight" in tensors:
        h = h @ tensors[f"fc{i}.weight"].T.astype(np.float64) + tensors[f"fc{i}.bias"]
        if f"fc{i + 1}.weight" in tensors:
            h = np.maximum(h, 0)
        i += 1
    return h


def synth_sveb(X, y, classes, k, meta):
    """Premature supraventricular beats made from sinus beats in a regular rhythm: the same shape (an APC is
    conducted normally), arriving at 55–85 % of the local RR and followed by a pause of 105–140 %. Only the RR
    columns change (named in meta.scalars, offset meta.scalarsAt); the training records have ~300 real SVEBs."""
    rng = np.random.default_rng(7)
    col = {name: meta["scalarsAt"] + i for i, name in enumerate(meta["scalars"])}
    ok = np.where((y == classes.index("sinus")) & (X[:, col["localRRcv"]] < 1.0))[0]
    rows = X[rng.choice(ok, size=k)].copy()
    local, rec = rows[:, col["localRR"]], rows[:, col["localRR"]] / np.maximum(rows[:, col["localRR/recordRR"]], 1e-3)
    pre = local * rng.uniform(0.55, 0.85, k)
    post = local * rng.uniform(1.05, 1.4, k)
    rows[:, col["preRR"]] = pre
    rows[:, col["postRR"]] = post
    rows[:, col["preRR/local"]] = pre / local
    rows[:, col["postRR/local"]] = post / local
    rows[:, col["preRR/postRR"]] = pre / post
    rows[:, col["preRR/recordRR"]] = pre / rec
    rows[:, col["preRR/localMedian"]] = pre / local
    return rows


def scores(pred, y, classes):
    out = {"n": int(len(y)), "accuracy": float((pred == y).mean()) if len(y) else None}
    for c, name in enumerate(classes):
        tp = int(((pred == c) & (y == c)).sum())
        n_ref, n_det = int((y == c).sum()), int((pred == c).sum())
        out[name] = {"se": tp / n_ref if n_ref else None, "ppv": tp / n_det if n_det else None, "nRef": n_ref}
    return out


def aami_stats(pred, y, classes):
    """VEB/SVEB Se and +P as EC57 counts them: fusion, paced and unknown reference beats called V (or S) are
    not false positives (classes are the beat model's: sinus sveb vpc fusion paced unknown)."""
    out = {}
    counted = np.isin(y, [classes.index("sinus"), classes.index("sveb"), classes.index("vpc")])  # F is learned as vpc
    for name in ("vpc", "sveb"):
        c = classes.index(name)
        tp = int(((pred == c) & (y == c)).sum())
        n_ref, n_det = int((y == c).sum()), int(((pred == c) & counted).sum())
        out[name] = {"se": tp / n_ref if n_ref else None, "ppv": tp / n_det if n_det else None, "nRef": n_ref}
    return out


def f1(s):
    if not s["se"] or not s["ppv"]:
        return 0.0
    return 2 * s["se"] * s["ppv"] / (s["se"] + s["ppv"])


def objective(s, classes):
    if "vpc" in classes:
        return (f1(s["vpc"]) + f1(s["sveb"])) / 2
    return s.get("accuracy") or 0.0


def fmt_aami(s):
    return " ".join(f"{k} {100 * (v['se'] or 0):.1f}/{100 * (v['ppv'] or 0):.1f}" for k, v in s.items())


def fmt(s):
    parts = [f"acc {s['accuracy']:.3f}" if s["accuracy"] is not None else "acc -"]
    for k, v in s.items():
        if isinstance(v, dict) and v["nRef"]:
            parts.append(f"{k} {100 * (v['se'] or 0):.0f}/{100 * (v['ppv'] or 0):.0f}")
    return " ".join(parts)


if __name__ == "__main__":
    main()
