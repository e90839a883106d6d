"""The dense half of retrieval: a static embedding model that runs on a CPU with numpy only.

`model/vectors.npy` holds one vector per WordPiece token, distilled once from
all-MiniLM-L6-v2 by `distill.py` (see docs/ask.md); a text's vector is the mean of its
tokens' rows, normalised. Loading maps the file read-only, so workers share its pages.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from mindlex.ask.wordpiece import WordPiece

MODEL_DIR = Path(__file__).parent / "model"
MAX_TOKENS = 512
BATCH = 1024

Matrix = NDArray[np.float32]


class StaticModel:
    """Token table plus tokenizer: `encode(texts)` gives unit vectors, one row per text."""

    def __init__(self, folder: Path = MODEL_DIR) -> None:
        self.table: NDArray[np.float16] = np.load(folder / "vectors.npy", mmap_mode="r")
        self.tokenizer = WordPiece(folder / "vocab.txt")
        if self.table.shape[0] != len(self.tokenizer.ids):
            raise ValueError(f"{folder}: vectors.npy and vocab.txt disagree on the vocabulary")

    @property
    def dimensions(self) -> int:
        return int(self.table.shape[1])

    def encode(self, texts: list[str]) -> Matrix:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            out[start : start + BATCH] = self._encode_batch(texts[start : start + BATCH])
        return out

    def _encode_batch(self, texts: list[str]) -> Matrix:
        """Mean of token rows per text in one gather and one `reduceat`, then normalise."""
        ids = [self.tokenizer.encode(text)[:MAX_TOKENS] for text in texts]
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        rows = [i for i, found in enumerate(ids) if found]
        if not rows:
            return out
        flat = np.fromiter((t for i in rows for t in ids[i]), dtype=np.int64)
        starts = np.cumsum([0] + [len(ids[i]) for i in rows[:-1]])
        sums = np.add.reduceat(np.asarray(self.table[flat], dtype=np.float32), starts, axis=0)
        means = sums / np.array([len(ids[i]) for i in rows], dtype=np.float32)[:, None]
        norms = np.linalg.norm(means, axis=1, keepdims=True)
        out[rows] = means / np.where(norms > 0, norms, 1.0)
        return out


@cache
def default_model() -> StaticModel:
    return StaticModel()
