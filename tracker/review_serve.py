"""Reviewer accounts for the review page, and what `tracker serve` hands Datasette for it (issue 17).

Accounts live in config/reviewers.yaml (not in the repository: config/reviewers.example.yaml shows the
form), one name and PBKDF2 hash each, as datasette-auth-passwords checks them. `tracker serve` adds them
to the plugin's configuration in a copy of metadata.yaml written to a private temporary folder, so
metadata.yaml in the repository holds no account, and tells the review plugin where the corrections file
is (TRACKER_CORRECTIONS_DB). Datasette signs the sign-in cookie with DATASETTE_SECRET: one secret per
`tracker serve`, so a reviewer stays signed in when Datasette restarts on a new snapshot.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
from pathlib import Path

import yaml

DEFAULT_REVIEWERS = Path(os.environ.get("TRACKER_REVIEWERS", "config/reviewers.yaml"))
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
HEADER = ("# Reviewer accounts for the review page (docs/reviewing.md): name -> PBKDF2 hash.\n"
          "# Add one with `tracker corrections add-reviewer NAME`. Keep this file out of the repository.\n")


def load_reviewers(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    reviewers = data.get("reviewers") or {}
    if not isinstance(reviewers, dict) or not all(isinstance(v, str) and v.startswith("pbkdf2_sha256$")
                                                  for v in reviewers.values()):
        raise ValueError(f"{path}: `reviewers:` maps each name to a pbkdf2_sha256$ hash "
                         f"(tracker corrections add-reviewer NAME)")
    bad = [name for name in reviewers if not NAME.match(str(name))]
    if bad:
        raise ValueError(f"{path}: reviewer names are letters, digits, '.', '_' and '-': {', '.join(map(str, bad))}")
    return {str(k): v for k, v in reviewers.items()}


def add_reviewer(path: Path, name: str, password: str) -> None:
    from datasette_auth_passwords.utils import hash_password

    if not NAME.match(name):
        raise ValueError(f"a reviewer name is letters, digits, '.', '_' and '-', not {name!r}")
    if len(password) < 8:
        raise ValueError("use a password of 8 characters or more")
    reviewers = load_reviewers(path)
    reviewers[name] = hash_password(password)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = HEADER + yaml.safe_dump({"reviewers": reviewers}, sort_keys=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # hashes are still secrets
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def review_metadata(metadata: Path, reviewers: dict[str, str]) -> Path:
    """metadata.yaml with the accounts added to datasette-auth-passwords' configuration, in a private file."""
    data = yaml.safe_load(metadata.read_text(encoding="utf-8"))
    config = data.setdefault("plugins", {}).setdefault("datasette-auth-passwords", {})
    for name, hashed in reviewers.items():
        config[f"{name}_password_hash"] = hashed
        config.setdefault("actors", {})[name] = {"id": name, "reviewer": True}
    folder = Path(tempfile.mkdtemp(prefix="tracker-serve-"))  # mode 0700
    out = folder / "metadata.json"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


def prepare_review(command: list[str], corrections: Path, reviewers_file: Path = DEFAULT_REVIEWERS) -> list[str]:
    """The Datasette command with the reviewer accounts; the environment the review plugin reads."""
    os.environ["TRACKER_CORRECTIONS_DB"] = str(corrections.resolve())
    os.environ.setdefault("DATASETTE_SECRET", secrets.token_hex(32))
    reviewers = load_reviewers(reviewers_file)
    if not reviewers:
        return command
    index = command.index("--metadata") + 1
    return [*command[:index], str(review_metadata(Path(command[index]), reviewers)), *command[index + 1:]]
