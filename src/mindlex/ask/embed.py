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
        for row, text in enumerate(texts):
            ids = self.tokenizer.encode(text)[:MAX_TOKENS]
            if not ids:
                continue
            vector = np.asarray(self.table[ids], dtype=np.float32).mean(axis=0)
            norm = float(np.linalg.norm(vector))
            if norm > 0:
                out[row] = vector / norm
        return out


@cache
def default_model() -> StaticModel:
    return StaticModel()
