"""Near-duplicate text: the same wire story on two outlets, in two templates.

MinHash signatures of word shingles go into an LSH index (datasketch), so a
new article is compared with every stored one in roughly constant time. The
signature is stored with the article, and the index is rebuilt from the
database at the start of a run.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64  # 64 permutations: 512 bytes a signature, good enough at the 0.8 threshold
THRESHOLD = 0.8  # estimated Jaccard similarity of shingle sets above which texts are copies
SCHEME = "affine32"  # stored signatures are only comparable under the same hashing scheme
SHINGLE = 5
MIN_WORDS = 60  # shorter texts (teasers, briefs) share too much boilerplate to compare


def _shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(max(len(words) - SHINGLE + 1, 0))}


class NearDuplicates:
    def __init__(self):
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)

    @classmethod
    def from_db(cls, db) -> NearDuplicates:
        index = cls()
        if "article_signatures" in db.table_names():
            for row in db.query(
                "select s.article_id, s.minhash from article_signatures s "
                "join articles a on a.id = s.article_id where a.duplicate_of is null"
            ):
                index.add(row["article_id"], index.from_bytes(row["minhash"]))
        return index

    def signature(self, text: str) -> MinHash | None:
        shingles = _shingles(text)
        if len(shingles) < MIN_WORDS:
            return None
        m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
        m.update_batch(list(shingles))
        return m

    def first_match(self, signature: MinHash) -> int | None:
        """The oldest stored article this text is a copy of."""
        matches = self.lsh.query(signature)
        return min(matches) if matches else None

    def add(self, article_id: int, signature: MinHash) -> None:
        if article_id not in self.lsh:
            self.lsh.insert(article_id, signature)

    @staticmethod
    def to_bytes(signature: MinHash) -> bytes:
        return signature.hashvalues.astype(np.uint64).tobytes()

    @staticmethod
    def from_bytes(blob: bytes) -> MinHash:
        return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype=np.uint64), scheme=SCHEME)
