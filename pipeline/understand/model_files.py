"""spaCy pipelines whose weights are kept in half precision on disk.

A component folder may hold `model.f16` instead of spaCy's `model`: the same
thinc msgpack with every float32 array stored as float16. It halves the German
model in git (the tok2vec weights, 6 MB, would be the largest file in the
repository) for a loss of precision NER does not notice (bench/german_ner.py
gives the same figures to two digits). In memory the weights are float32
again, as thinc's kernels expect. `halve` writes such a folder (the training
script's `package` step); `load_spacy` reads any pipeline, halved or not.
"""

from __future__ import annotations

from pathlib import Path

import numpy
import srsly

HALVED = "model.f16"


def _cast(value, source, target):
    if isinstance(value, numpy.ndarray):
        return value.astype(target) if value.dtype == source else value
    if isinstance(value, dict):
        return {k: _cast(v, source, target) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_cast(v, source, target) for v in value)
    return value


def halve(folder: Path, components: tuple[str, ...] = ("tok2vec",)) -> None:
    """Store these components' float32 weights as float16 (`model` becomes `model.f16`).

    Only components whose folder holds nothing but weights and an empty cfg: the loader reads the rest of
    every other component as spaCy does (a parser's `moves`, say, are read with its model).
    """
    for model in sorted(Path(folder) / component / "model" for component in components):
        if not model.exists():
            continue
        weights = srsly.msgpack_loads(model.read_bytes())
        (model.parent / HALVED).write_bytes(srsly.msgpack_dumps(_cast(weights, numpy.float32, numpy.float16)))
        model.unlink()


def load_spacy(name: str, exclude: list[str] = ()):
    """`spacy.load(name, exclude=...)`, which also reads a folder whose components keep `model.f16`."""
    import spacy

    folder = Path(name)
    halved = sorted(folder.glob(f"*/{HALVED}")) if folder.is_dir() else []
    if not halved:
        return spacy.load(name, exclude=list(exclude))
    config = spacy.util.load_config(folder / "config.cfg")
    meta = spacy.util.load_meta(folder / "meta.json")
    nlp = spacy.util.load_model_from_config(config, meta=meta, exclude=list(exclude))
    components = [path.parent.name for path in halved]
    # Everything as spaCy would read it, except these components' weights, read here and made float32 again.
    nlp.from_disk(folder, exclude=[*exclude, *components])
    for path, component in zip(halved, components, strict=True):
        if component in nlp.component_names:
            weights = _cast(srsly.msgpack_loads(path.read_bytes()), numpy.float16, numpy.float32)
            nlp.get_pipe(component).model.from_bytes(srsly.msgpack_dumps(weights))
    return nlp
