"""Store the German NER corpora in this folder, as they were fetched from public GitHub repositories.

Run once at development time, with the files taken from the repositories named in README.md:

    python training/german_ner/import_data.py --germeval-dev NER-de-dev.tsv --germeval-test NER-de-test.tsv \
        --smartdata smartdata_v1_train.json smartdata_v1_test.json \
        --ler bag.conll bfh.conll bgh.conll bpatg.conll bsg.conll bverfg.conll bverwg.conll

GermEval 2014 files and the Legal Entity Recognition files (one a court) are stored byte for byte,
only gzipped. The SmartData documents keep their id,
their text and their person / organisation / location mentions (character offsets), one JSON object
a line; the raw HTML, relations and other annotation layers are left out because nothing here uses them.
Nothing in the project runs this at run time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
from pathlib import Path

DATA = Path(__file__).parent / "data"

# SmartData's concept types that name a person or an organisation or a place, and what they become here.
SMARTDATA_TYPES = {"person": "PERSON", "organization": "ORG", "organization-company": "ORG",
                   "location": "LOC", "location-city": "LOC"}


def store_gzipped(path: Path, folder: str, name: str) -> None:
    """The file byte for byte, gzipped without a time stamp (so the same input gives the same bytes)."""
    target = DATA / folder / f"{name}.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "rb") as source, gzip.GzipFile(target, "wb", mtime=0) as out:
        shutil.copyfileobj(source, out)


def json_stream(text: str):
    """SmartData v1 files are JSON objects one after another, not a JSON array."""
    decoder, i = json.JSONDecoder(), 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return
        obj, i = decoder.raw_decode(text, i)
        yield obj


def store_smartdata(paths: list[Path]) -> None:
    target = DATA / "smartdata" / "smartdata_v1.jsonl.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(target, "wb", mtime=0) as out:
        for path in paths:
            for doc in json_stream(path.read_text(encoding="utf-8")):
                ents = sorted(
                    [m["span"]["start"], m["span"]["end"], SMARTDATA_TYPES[m["type"]]]
                    for m in (doc.get("conceptMentions") or {}).get("array", [])
                    if m["type"] in SMARTDATA_TYPES
                )
                record = {"id": doc["id"], "source": (doc.get("refids") or {}).get("map", {}).get("source"),
                          "text": doc["text"]["string"], "ents": ents}
                out.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--germeval-dev", type=Path, required=True)
    parser.add_argument("--germeval-test", type=Path, required=True)
    parser.add_argument("--smartdata", type=Path, nargs="+", required=True)
    parser.add_argument("--ler", type=Path, nargs="+", required=True, help="the seven per-court .conll files")
    args = parser.parse_args()
    store_gzipped(args.germeval_dev, "germeval2014", "NER-de-dev.tsv")
    store_gzipped(args.germeval_test, "germeval2014", "NER-de-test.tsv")
    store_smartdata(args.smartdata)
    for path in args.ler:
        store_gzipped(path, "ler", path.name)


if __name__ == "__main__":
    main()
