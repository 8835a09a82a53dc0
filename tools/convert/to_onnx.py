"""Exports the boundary model's weights (safetensors) to ONNX (opset 13, float32) so the benchmark can
compare with ONNX Runtime on the same weights.
  /usr/bin/python3 tools/convert/to_onnx.py models/boundary.safetensors build/boundary.onnx
Needs Debian's python3-onnx and python3-numpy."""
import math
import os
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train"))
import safetensors_io  # noqa: E402

D, H, HD, FF, P, T = 128, 4, 32, 256, 5, 500


def main(src, dst):
    w = safetensors_io.load(src)
    nodes, inits = [], []
    uid = [0]

    def name(p):
        uid[0] += 1
        return f"{p}_{uid[0]}"

    def const(arr, p="c"):
        n = name(p)
        inits.append(numpy_helper.from_array(np.asarray(arr), n))
        return n

    def op(t, ins, **attrs):
        out = name(t.lower())
        nodes.append(helper.make_node(t, ins, [out], **attrs))
        return out

    def linear(x, prefix, wname=None, bname=None):
        W = w[wname or prefix + ".weight"].T.astype(np.float32)
        y = op("MatMul", [x, const(W, "w")])
        b = w.get(bname or prefix + ".bias")
        return op("Add", [y, const(b.astype(np.float32), "b")]) if b is not None else y

    def gelu(x):
        e = op("Erf", [op("Mul", [x, const(np.float32(1 / math.sqrt(2)))])])
        return op("Mul", [op("Mul", [x, const(np.float32(0.5))]), op("Add", [e, const(np.float32(1))])])

    def layernorm(x, g, b):
        m = op("ReduceMean", [x], axes=[-1], keepdims=1)
        c = op("Sub", [x, m])
        v = op("ReduceMean", [op("Mul", [c, c])], axes=[-1], keepdims=1)
        n = op("Div", [c, op("Sqrt", [op("Add", [v, const(np.float32(1e-5))])])])
        return op("Add", [op("Mul", [n, const(g)]), const(b)])

    x = op("Reshape", ["signal", const(np.array([1, T, P], np.int64))])
    h = op("MatMul", [x, const(w["patch_embed.weight"].T.astype(np.float32))])
    pos = np.zeros((512, D), np.float64)
    p = np.arange(512)[:, None]
    div = np.exp(np.arange(0, D, 2) * (-math.log(10000.0) / D))
    pos[:, 0::2], pos[:, 1::2] = np.sin(p * div), np.cos(p * div)
    h = op("Add", [h, const((pos[:T].astype(np.float32) + w["patch_embed.bias"]).astype(np.float32))])
    for i in range(4):
        pre = f"blocks.{i}"
        c = op("Transpose", [h], perm=[0, 2, 1])
        c = op("Conv", [c, const(w[pre + ".conv.weight"]), const(w[pre + ".conv.bias"])], pads=[3, 3], kernel_shape=[7])
        c = gelu(op("Transpose", [c], perm=[0, 2, 1]))
        h = layernorm(op("Add", [c, h]), w[pre + ".norm.weight"], w[pre + ".norm.bias"])
    for i in range(4):
        pre = f"layers.{i}"
        n1 = layernorm(h, w[pre + ".norm1.weight"], w[pre + ".norm1.bias"])
        qkv = linear(n1, pre, pre + ".self_attn.in_proj_weight", pre + ".self_attn.in_proj_bias")
        q, k, v = (name("q"), name("k"), name("v"))
        nodes.append(helper.make_node("Split", [qkv, const(np.array([D, D, D], np.int64))], [q, k, v], axis=2))
        heads = lambda t: op("Transpose", [op("Reshape", [t, const(np.array([1, T, H, HD], np.int64))])], perm=[0, 2, 1, 3])
        qh = heads(op("Mul", [q, const(np.float32(1 / math.sqrt(HD)))]))
        kh = op("Transpose", [op("Reshape", [k, const(np.array([1, T, H, HD], np.int64))])], perm=[0, 2, 3, 1])
        att = op("Softmax", [op("MatMul", [qh, kh])], axis=-1)
        ctx = op("MatMul", [att, heads(v)])
        ctx = op("Reshape", [op("Transpose", [ctx], perm=[0, 2, 1, 3]), const(np.array([1, T, D], np.int64))])
        h = op("Add", [h, linear(ctx, pre + ".self_attn.out_proj")])
        f = linear(gelu(linear(layernorm(h, w[pre + ".norm2.weight"], w[pre + ".norm2.bias"]), pre + ".linear1")), pre + ".linear2")
        h = op("Add", [h, f])
    logits, offsets = linear(h, "head"), linear(h, "reg_head")
    nodes.append(helper.make_node("Identity", [logits], ["logits"]))
    nodes.append(helper.make_node("Identity", [offsets], ["offsets"]))
    g = helper.make_graph(nodes, "openecg_boundary", [helper.make_tensor_value_info("signal", TensorProto.FLOAT, [1, 2500])],
                          [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, T, 4]),
                           helper.make_tensor_value_info("offsets", TensorProto.FLOAT, [1, T, 6])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="openecg")
    onnx.checker.check_model(m)
    os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
    onnx.save(m, dst)
    print(f"{dst}: {os.path.getsize(dst)} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
