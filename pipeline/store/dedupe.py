"""Near-duplicate text: the same wire story on two outlets, in two templates.

MinHash signatures of word shingles go into an LSH index (datasketch), so a
new article is compared with every stored one in roughly constant time. The
signature is stored with the article, and the index is rebuilt from the
database at the start of a run, from the articles of the last HORIZON_DAYS
only: syndicated copies appear within days of each other, and a crawl that
runs for months must not load every signature it ever stored.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64  # 64 permutations: 512 bytes a signature, good enough at the 0.8 threshold
THRESHOLD = 0.8  # estimated Jaccard similarity of shingle sets above which texts are copies
SCHEME = "affine32"  # stored signatures are only comparable under the same hashing scheme
SHINGLE = 5
MIN_WORDS = 60  # shorter texts (teasers, briefs) share too much boilerplate to compare
HORIZON_DAYS = 60


def _shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(max(len(words) - SHINGLE + 1, 0))}


class NearDuplicates:
    def __init__(self):
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.last_id = 0  # highest article id loaded from the database

    @classmethod
    def from_db(cls, db) -> NearDuplicates:
        index = cls()
        index.refresh(db)
        return index

    def refresh(self, db) -> None:
        """Load signatures committed since the last call (by any Store writing to this database)."""
        if "article_signatures" not in db.table_names():
            return
        since = (datetime.now(UTC) - timedelta(days=HORIZON_DAYS)).isoformat()
        for row in db.query(
            "select s.article_id, s.minhash from article_signatures s "
            "join articles a on a.id = s.article_id where a.duplicate_of is null and s.article_id > ? "
            "and a.fetched >= ? order by s.article_id", [self.last_id, since]
        ):
            self.add(row["article_id"], self.from_bytes(row["minhash"]))

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

    @staticmethod
    def first_match_among(signature: MinHash, candidates: list[tuple[int, MinHash]]) -> int | None:
        """The oldest of (article_id, signature) pairs not yet in the index that this text is a copy of."""
        matches = [i for i, other in candidates if signature.jaccard(other) >= THRESHOLD]
        return min(matches) if matches else None

    def add(self, article_id: int, signature: MinHash) -> None:
        """Index an article's signature, replacing the one of its earlier text if it changed."""
        self.last_id = max(self.last_id, article_id)  # refresh() loads only what is newer
        if article_id in self.lsh:
            self.lsh.remove(article_id)
        self.lsh.insert(article_id, signature)

    @staticmethod
    def to_bytes(signature: MinHash) -> bytes:
        return signature.hashvalues.astype(np.uint64).tobytes()

    @staticmethod
    def from_bytes(blob: bytes) -> MinHash:
        return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype=np.uint64), scheme=SCHEME)
