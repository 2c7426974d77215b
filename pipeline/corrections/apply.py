"""Applying the active corrections to the work database, after the machine's judgement.

`apply_corrections` is idempotent: it runs at the end of every crawl, `tracker
reprocess`, `tracker cases link` and `tracker corrections apply`, and
whatever the machine wrote since (a re-judged article, an entity NER found
again, a development the clustering merged) is corrected again, in the order
the corrections were made. It also writes, for the published site:
`hidden_articles` (the takedowns, left out of the snapshot), `corrections_log`
(the public log) and `corrections_applied` (whether each target still
exists, for `tracker status`, and which articles each correction touched).

Undo: the machine's judgement is not kept beside the correction, it is made
again. When a correction stops being active (reverted, or superseded by one
that touches other rows), the articles it touched are run through the stages
again (`pipeline.process.reprocess` on those ids), and the corrections still
active are applied on top.
"""

from __future__ import annotations

import json
from collections import Counter

from pipeline.corrections.kinds import KINDS, article_id
from pipeline.corrections.store import Correction
from pipeline.developments import assign_developments, refresh_development
from pipeline.store.search import search_stems

MISSING = "target missing"


def relevance_overrides(db, corrections: list[Correction]) -> dict[int, bool]:
    """article id -> relevant, for the active relevance corrections whose article exists."""
    found = {}
    for c in corrections:
        if c.kind == "relevance" and c.superseded_by is None:
            id_ = article_id(db, c.target)
            if id_ is not None:
                found[id_] = c.value == "true"
    return found


def apply_corrections(db, corrections: list[Correction], model: str | None = None, rerun: bool = True) -> Counter:
    """Apply every active correction; returns counts: applied, missing, undone (articles run again)."""
    current = [c for c in corrections if c.superseded_by is None and c.kind != "revert"]
    uids = {c.uid for c in current}
    previous = {r[0]: (r[1], json.loads(r[2] or "[]")) for r in
                db.execute("select uid, kind, articles from corrections_applied").fetchall()}
    overrides = relevance_overrides(db, current)
    undo = {a for uid, (_, ids) in previous.items() if uid not in uids for a in ids}
    undo_developments = {a for uid, (kind, ids) in previous.items()
                         if uid not in uids and kind.startswith("development-") for a in ids}
    # An article a reviewer says is relevant that the machine stored as irrelevant has no entities or links yet.
    untagged = [a for a, relevant in overrides.items() if relevant and not db.execute(
        "select 1 from articles where id = ? and relevant = 1", [a]).fetchone()]
    counts: Counter = Counter()
    if rerun and (undo or untagged):
        from pipeline.process import reprocess

        with db.atomic():
            _leave_developments(db, undo_developments)
        reprocess(db, model, ids=sorted(undo | set(untagged)), overrides=overrides)
        counts["undone"] = len(undo)
    with db.atomic():
        applier = Applier(db)
        statuses = {}
        for correction in current:
            status, touched = applier.apply(correction)
            statuses[correction.uid] = status
            touched |= set(previous.get(correction.uid, ("", []))[1])  # kept for undo across runs
            counts["applied" if status == "applied" else "missing"] += 1
            db.execute("insert into corrections_applied (uid, correction_id, kind, target, value, status, articles) "
                       "values (?, ?, ?, ?, ?, ?, ?)", [correction.uid, correction.id, correction.kind,
                                                       correction.target, correction.value, status,
                                                       json.dumps(sorted(touched))])
        applier.finish()
        write_log(db, corrections, statuses)
    return counts


def _leave_developments(db, ids) -> None:
    touched = {r[0] for a in ids for r in db.execute(
        "select development_id from development_articles where article_id = ?", [a])}
    for a in ids:
        db.execute("delete from development_articles where article_id = ?", [a])
    for development in touched:
        refresh_development(db, development)


class Applier:
    """Applies one correction at a time: (status, article ids it touched)."""

    def __init__(self, db):
        self.db = db
        db.execute("delete from corrections_applied")
        db.execute("delete from hidden_articles")
        self.developments: set[int] = set()
        self.relisted: set[int] = set()

    def apply(self, c: Correction) -> tuple[str, set[int]]:
        if KINDS[c.kind].target == "article":
            article = article_id(self.db, c.target)
            if article is None:
                return f"{MISSING}: no article {c.target}", set()
            return getattr(self, "_" + c.kind.replace("-", "_"))(c, article)
        return getattr(self, "_" + c.kind.replace("-", "_"))(c)

    # --- articles ---------------------------------------------------------------------------------

    def _relevance(self, c, article):
        relevant = int(c.value == "true")
        row = self.db.execute("select relevant, title, text, language from articles where id = ?", [article]).fetchone()
        if row[0] != relevant:
            self.db.execute("update articles set relevant = ?, search_stems = ? where id = ?",
                            [relevant, search_stems(row[1] or "", row[2] or "", row[3]) if relevant else None,
                             article])
            self.relisted.add(article)
        return "applied", {article}

    def _topics(self, c, article):
        self.db.execute("delete from article_topics where article_id = ?", [article])
        known = {r[0] for r in self.db.execute("select slug from topics")}
        slugs = [s for s in (c.value or "").split(",") if s]
        for slug in slugs:
            if slug in known:
                self.db.execute("insert into article_topics (article_id, topic, score, evidence) values (?, ?, 1.0, ?)",
                                [article, slug, json.dumps(["set by a reviewer"])])
        gone = [s for s in slugs if s not in known]
        return (f"{MISSING}: no topic {', '.join(gone)}" if gone else "applied"), {article}

    def _hide(self, c, article):
        if c.value != "false":
            self.db.execute("insert or ignore into hidden_articles (article_id, uid) values (?, ?)", [article, c.uid])
        return "applied", {article}

    def _mention_remove(self, c, article):
        self.db.execute("delete from article_entities where article_id = ? and entity_id in "
                        "(select id from entities where name = ? collate nocase)", [article, c.value])
        return "applied", {article}

    def _link(self, c, article, confirm: bool):
        kind, _, slug = c.value.partition(":")
        table, column = f"article_{kind}s", f"{kind}_slug"
        if not self.db.execute(f"select 1 from {kind}s where slug = ?", [slug]).fetchone():
            return f"{MISSING}: no {kind} {slug}", set()
        if confirm:
            self.db.execute(f"insert or ignore into {table} (article_id, {column}, evidence) values (?, ?, ?)",
                            [article, slug, json.dumps(["added by a reviewer"])])
            self.db.execute(f"update {table} set confirmed = 1 where article_id = ? and {column} = ?", [article, slug])
        else:
            self.db.execute(f"delete from {table} where article_id = ? and {column} = ?", [article, slug])
        return "applied", {article}

    def _link_confirm(self, c, article):
        return self._link(c, article, True)

    _link_add = _link_confirm

    def _link_reject(self, c, article):
        return self._link(c, article, False)

    # --- developments -----------------------------------------------------------------------------

    def _development(self, article: int) -> int | None:
        row = self.db.execute("select development_id from development_articles where article_id = ?",
                              [article]).fetchone()
        return row[0] if row else None

    def _move(self, article: int, development: int | None) -> None:
        old = self._development(article)
        if development is None:
            development = self.db.execute("insert into developments (articles) values (0)").lastrowid
        self.db.execute("update development_articles set development_id = ? where article_id = ?",
                        [development, article])
        self.developments |= {old, development}

    def _pair(self, c, article):
        other = article_id(self.db, c.value) if c.value != "new" else None
        if c.value != "new" and other is None:
            return None, None, f"{MISSING}: no article {c.value}"
        mine = self._development(article)
        theirs = self._development(other) if other is not None else None
        if mine is None or (other is not None and theirs is None):
            return None, None, f"{MISSING}: the article is not listed, so in no development"
        return mine, theirs, None

    def _development_move(self, c, article):
        mine, theirs, problem = self._pair(c, article)
        if problem:
            return problem, set()
        alone = self.db.execute("select count(*) from development_articles where development_id = ?",
                                [mine]).fetchone()[0] == 1
        if (c.value == "new" and not alone) or (c.value != "new" and mine != theirs):
            self._move(article, theirs)
        return "applied", {article}

    def _development_merge(self, c, article):
        mine, theirs, problem = self._pair(c, article)
        if problem:
            return problem, set()
        if mine != theirs:
            keep, gone = min(mine, theirs), max(mine, theirs)  # the older id stays, as when the clustering merges
            members = {r[0] for r in self.db.execute(
                "select article_id from development_articles where development_id = ?", [gone])}
            self.db.execute("update development_articles set development_id = ? where development_id = ?",
                            [keep, gone])
            self.developments |= {keep, gone}
            return "applied", members | {article}
        return "applied", {article}

    def _development_split(self, c, article):
        mine, theirs, problem = self._pair(c, article)
        if problem:
            return problem, set()
        if mine == theirs:
            self._move(article, None)
        return "applied", {article}

    # --- entities ---------------------------------------------------------------------------------

    def _entity_rows(self, name: str) -> list[tuple[int, str]]:
        return self.db.execute("select id, type from entities where name = ? collate nocase", [name]).fetchall()

    def _main_entity(self, name: str) -> int | None:
        row = self.db.execute("select e.id from entities e left join article_entities ae on ae.entity_id = e.id "
                              "where e.name = ? collate nocase group by e.id order by count(ae.article_id) desc, "
                              "e.id limit 1", [name]).fetchone()
        return row[0] if row else None

    def _move_mentions(self, source: int, target: int, delete: bool = True) -> set[int]:
        """Every mention of `source` becomes one of `target` (counts added, names kept as aliases)."""
        moved = set()
        for article, mentions, forms in self.db.execute(
                "select article_id, mentions, surface_forms from article_entities where entity_id = ?",
                [source]).fetchall():
            moved.add(article)
            self._move_one(article, target, mentions or 0, json.loads(forms or "[]"))
            self.db.execute("delete from article_entities where article_id = ? and entity_id = ?", [article, source])
        if delete:
            self.db.execute("delete from entities where id = ?", [source])
        return moved

    def _entity_type(self, c):
        rows = self._entity_rows(c.target)
        if not rows:
            return f"{MISSING}: no entity {c.target}", set()
        touched = set()
        for id_, type_ in rows:
            if type_ != c.value:
                self.db.execute("insert or ignore into entities (name, type) values (?, ?)", [c.target, c.value])
                target = self.db.execute("select id from entities where name = ? and type = ?",
                                         [c.target, c.value]).fetchone()[0]
                touched |= self._move_mentions(id_, target)
        return "applied", touched

    def _entity_merge(self, c):
        target = self._main_entity(c.value)
        if target is None:
            return f"{MISSING}: no entity {c.value}", set()
        touched = set()
        for id_, _ in self._entity_rows(c.target):
            if id_ != target:
                touched |= self._move_mentions(id_, target)
        return "applied", touched

    def _entity_rename(self, c):
        rows = self._entity_rows(c.target)
        if not rows and not self._entity_rows(c.value):
            return f"{MISSING}: no entity {c.target}", set()
        touched = set()
        for id_, type_ in rows:
            if any(t == type_ for _, t in self._entity_rows(c.value)):
                other = self.db.execute("select id from entities where name = ? and type = ?",
                                        [c.value, type_]).fetchone()[0]
                touched |= self._move_mentions(id_, other)
            else:
                self.db.execute("update entities set name = ? where id = ?", [c.value, id_])
                touched |= {r[0] for r in self.db.execute(
                    "select article_id from article_entities where entity_id = ?", [id_])}
        return "applied", touched

    def _alias_move(self, c):
        target = self._main_entity(c.value)
        if target is None:
            return f"{MISSING}: no entity {c.value}", set()
        touched = set()
        rows = self.db.execute(
            "select ae.article_id, ae.entity_id, ae.mentions, ae.surface_forms from article_entities ae "
            "where ae.entity_id != ? and exists (select 1 from json_each(ae.surface_forms) where value = ?)",
            [target, c.target]).fetchall()
        for article, entity, mentions, forms in rows:
            touched.add(article)
            others = [f for f in json.loads(forms or "[]") if f != c.target]
            if not others:  # every mention was this name: the whole row is the other entity's
                self._move_one(article, target, mentions or 1, [c.target])
                self.db.execute("delete from article_entities where article_id = ? and entity_id = ?",
                                [article, entity])
            else:  # the row counts mentions, not which name each was: one goes with the alias
                self.db.execute("update article_entities set mentions = max(mentions - 1, 1), surface_forms = ? "
                                "where article_id = ? and entity_id = ?",
                                [json.dumps(others, ensure_ascii=False), article, entity])
                self._move_one(article, target, 1, [c.target])
        for entity in {r[1] for r in rows}:  # an entity only ever found under that name is gone with it
            self.db.execute("delete from entities where id = ? and not exists (select 1 from article_entities "
                            "where entity_id = ?)", [entity, entity])
        return "applied", touched

    def _move_one(self, article: int, target: int, mentions: int, forms: list[str]) -> None:
        """Add mentions under `forms` to the article's row of `target` (made if it has none)."""
        existing = self.db.execute("select mentions, surface_forms from article_entities where article_id = ? "
                                   "and entity_id = ?", [article, target]).fetchone()
        if existing:
            names = list(dict.fromkeys(json.loads(existing[1] or "[]") + forms))
            self.db.execute("update article_entities set mentions = ?, surface_forms = ? where article_id = ? "
                            "and entity_id = ?", [(existing[0] or 0) + mentions, json.dumps(names, ensure_ascii=False),
                                                  article, target])
        else:
            self.db.execute("insert into article_entities (article_id, entity_id, mentions, surface_forms) "
                            "values (?, ?, ?, ?)", [article, target, mentions, json.dumps(forms, ensure_ascii=False)])

    def finish(self) -> None:
        """Developments of articles whose listing changed, and of those moved."""
        if self.relisted:
            assign_developments(self.db, sorted(self.relisted))
        for development in self.developments - {None}:
            refresh_development(self.db, development)


def hidden_urls(db) -> set[str]:
    return {r[0] for r in db.execute("select a.url from hidden_articles h join articles a on a.id = h.article_id")}


def describe(c: Correction) -> str:
    """One line for the public log: what changed."""
    value = c.value or ""
    return {
        "relevance": f"marked {'relevant' if value == 'true' else 'not relevant'}",
        "topics": f"topics set to {value.replace(',', ', ') or 'none'}",
        "hide": "an article was taken down" if value != "false" else "published again after a takedown",
        "mention-remove": f"the mention of {value} removed",
        "entity-type": f"{c.target} is of type {value}",
        "entity-merge": f"{c.target} merged into {value}",
        "entity-rename": f"{c.target} renamed {value}",
        "alias-move": f"the name {c.target} now names {value}",
        "link-confirm": f"link to {value} confirmed",
        "link-add": f"linked to {value} by hand",
        "link-reject": f"link to {value} rejected",
        "development-move": "moved to a development of its own" if value == "new" else "moved to another development",
        "development-merge": "two developments merged",
        "development-split": "split from a development",
        "revert": "an earlier correction undone",
    }.get(c.kind, c.kind)


def write_log(db, corrections: list[Correction], statuses: dict[str, str]) -> None:
    """The public log: every correction, with what changed, why and the source; takedowns only as a fact."""
    hidden = hidden_urls(db)
    db.execute("delete from corrections_log")
    for c in corrections:
        status = statuses.get(c.uid) or ("superseded" if c.superseded_by else "applied")
        takedown = c.kind == "hide" and c.value != "false"
        private = takedown or c.target in hidden or c.value in hidden
        what = describe(c) if not private else "an article was taken down" if takedown else \
            "a correction to an article that was taken down"
        db.execute("insert into corrections_log (id, at, kind, what, target, value, reason, source_url, status, "
                   "superseded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [c.id, c.at, c.kind, what,
                    None if private else c.target, None if private else c.value, None if private else c.reason,
                    None if private else c.source_url, status,
                    c.superseded_by])



def apply_from_file(db, path, model: str | None = None) -> Counter:
    """Apply the corrections of the corrections file at `path` (none yet when it does not exist)."""
    from pipeline.corrections.store import load, open_corrections

    store = open_corrections(path, readonly=True)
    try:
        corrections = load(store)
    finally:
        store.close()
    if not corrections and not db.execute("select 1 from corrections_applied limit 1").fetchone():
        return Counter()  # nothing to apply and nothing to undo
    return apply_corrections(db, corrections, model)
