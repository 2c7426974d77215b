"""The kinds of correction: what each one's target and value are, checked against the work database.

Targets are normalised to what outlives the work database: an article (given
by its id or any URL it was seen under) is stored by its URL, an entity by its
name, a case or bill as `case:SLUG` / `bill:SLUG`. A correction's key says
which earlier corrections it supersedes: the same kind of fix of the same
thing (store.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

RECORD_FIELDS = ("uid", "kind", "target", "value", "who", "at", "reason", "source_url")


class CorrectionError(ValueError):
    """A correction that cannot be made: unknown kind, unknown target, a value of the wrong form."""


@dataclass
class Correction:
    kind: str
    target: str
    value: str
    reason: str
    who: str = ""
    source_url: str | None = None
    at: str = ""
    uid: str = ""
    id: int | None = None
    superseded_by: int | None = None

    def record(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k in RECORD_FIELDS}


ENTITY_TYPES = ("PERSON", "ORG", "WORK")
TRUE, FALSE = {"true", "yes", "1", "relevant"}, {"false", "no", "0", "not-relevant", "irrelevant"}


@dataclass(frozen=True)
class Kind:
    target: str  # "article", "entity", "alias", "correction"
    value: str  # what VALUE is, for --help and errors
    help: str
    group: str  # corrections of one group and target supersede each other


KINDS = {
    "relevance": Kind("article", "true or false", "the article is relevant, or not", "relevance"),
    "topics": Kind("article", "topic slugs, comma-separated (empty: none)", "set the article's topics", "topics"),
    "hide": Kind("article", "true (default) or false", "take the article down from the published site "
                 "(false: publish it again); the reason is kept, the public log shows only the fact", "hide"),
    "mention-remove": Kind("article", "an entity name", "the article does not mention this entity "
                           "(a reporter tagged as a person in the story)", "mention"),
    "entity-type": Kind("entity", "PERSON, ORG or WORK", "the entity is of this type, in every article", "type"),
    "entity-merge": Kind("entity", "the entity it is", "two entities are one actor: TARGET merges into VALUE, "
                         "its names carry over as aliases", "entity"),
    "entity-rename": Kind("entity", "the new name", "rename the entity", "entity"),
    "alias-move": Kind("alias", "the entity it names", "a name (surface form) belongs to another entity", "alias"),
    "link-confirm": Kind("article", "case:SLUG or bill:SLUG", "the article is about this case or bill "
                         "(adds the link if the machine missed it)", "link"),
    "link-add": Kind("article", "case:SLUG or bill:SLUG", "link the article to a case or bill by hand "
                     "(the same as link-confirm)", "link"),
    "link-reject": Kind("article", "case:SLUG or bill:SLUG", "the article is not about this case or bill", "link"),
    "development-move": Kind("article", "another article, or new", "move the article to the development of "
                             "another article, or to one of its own", "development"),
    "development-merge": Kind("article", "another article", "the two articles' developments are one story",
                              "development"),
    "development-split": Kind("article", "another article", "the two articles are different stories: the first "
                              "leaves their development", "development"),
    "revert": Kind("correction", "(none)", "undo an earlier correction (by its id): the machine's judgement "
                   "comes back", "revert"),
}
ARTICLE_VALUE_KINDS = {"development-move", "development-merge", "development-split"}


def key_of(correction: Correction) -> tuple:
    """What a correction is about: a later one with the same key supersedes it."""
    kind = KINDS.get(correction.kind)
    group = kind.group if kind else correction.kind
    if group in ("mention", "link"):
        return (group, correction.target, (correction.value or "").casefold())
    return (group, correction.target)


def article_id(db, target: str) -> int | None:
    """An article by id or by any URL it was seen under; None when there is none."""
    target = str(target).strip()
    if target.isdigit():
        row = db.execute("select id from articles where id = ?", [int(target)]).fetchone()
    else:
        row = db.execute("select article_id from article_urls where url = ?", [target]).fetchone() or \
            db.execute("select id from articles where url = ?", [target]).fetchone()
    return row[0] if row else None


def article_url(db, target: str) -> str:
    found = article_id(db, target)
    if found is None:
        raise CorrectionError(f"no article {target!r}: give an article id or one of its URLs")
    return db.execute("select url from articles where id = ?", [found]).fetchone()[0]


def entity_name(db, name: str) -> str:
    row = db.execute("select name from entities where name = ? collate nocase "
                     "order by name = ? desc limit 1", [name.strip(), name.strip()]).fetchone()
    if not row:
        raise CorrectionError(f"no entity {name!r}")
    return row[0]


def link_value(db, value: str) -> str:
    kind, _, slug = value.strip().partition(":")
    if not slug:  # a bare slug: a case if there is one, else a bill
        kind, slug = ("case" if db.execute("select 1 from cases where slug = ?", [kind]).fetchone() else "bill"), kind
    if kind not in ("case", "bill") or not db.execute(f"select 1 from {kind}s where slug = ?", [slug]).fetchone():
        raise CorrectionError(f"no case or bill {value!r}: give case:SLUG or bill:SLUG (tracker cases list)")
    return f"{kind}:{slug}"


def check(db, kind: str, target: str, value: str | None, reason: str, who: str = "",
          source_url: str | None = None, corrections=None) -> Correction:
    """A correction ready to store, with its target and value normalised; CorrectionError says what is wrong."""
    if kind not in KINDS:
        raise CorrectionError(f"unknown kind {kind!r}; the kinds are: {', '.join(KINDS)}")
    if not (reason or "").strip():
        raise CorrectionError("a correction needs a reason")
    if source_url and not source_url.startswith(("http://", "https://")):
        raise CorrectionError(f"the source must be an http(s) URL, not {source_url!r}")
    value = (value or "").strip()
    spec = KINDS[kind]
    if spec.target == "article":
        target = article_url(db, target)
    elif spec.target == "entity":
        target = entity_name(db, target)
    elif spec.target == "correction":
        target = _correction_uid(corrections, target)
    else:
        target = target.strip()
        if not target:
            raise CorrectionError("give the alias")
    value = _value(db, kind, value)
    return Correction(kind=kind, target=target, value=value, reason=reason.strip(), who=who,
                      source_url=source_url or None)


def _value(db, kind: str, value: str) -> str:
    if kind == "relevance":
        if value.lower() not in TRUE | FALSE:
            raise CorrectionError(f"relevance is true or false, not {value!r}")
        return "true" if value.lower() in TRUE else "false"
    if kind == "hide":
        if value and value.lower() not in TRUE | FALSE:
            raise CorrectionError(f"hide is true or false, not {value!r}")
        return "false" if value.lower() in FALSE else "true"
    if kind == "topics":
        slugs = [s.strip() for s in value.split(",") if s.strip()]
        known = {r[0] for r in db.execute("select slug from topics")}
        unknown = [s for s in slugs if s not in known]
        if unknown:
            raise CorrectionError(f"unknown topic {', '.join(unknown)}; the topics are: {', '.join(sorted(known))}")
        return ",".join(dict.fromkeys(slugs))
    if kind == "entity-type":
        if value.upper() not in ENTITY_TYPES:
            raise CorrectionError(f"an entity type is one of {', '.join(ENTITY_TYPES)}, not {value!r}")
        return value.upper()
    if kind in ("entity-merge", "alias-move", "mention-remove"):
        return entity_name(db, value)
    if kind == "entity-rename":
        if not value:
            raise CorrectionError("give the new name")
        return value
    if kind.startswith("link-"):
        return link_value(db, value)
    if kind in ARTICLE_VALUE_KINDS:
        if kind == "development-move" and value.lower() == "new":
            return "new"
        return article_url(db, value)
    return value


def _correction_uid(corrections, target: str) -> str:
    for correction in corrections or []:
        if str(correction.id) == str(target).strip() or correction.uid == str(target).strip():
            if correction.kind == "revert":
                raise CorrectionError("a revert cannot be reverted: make the correction again")
            return correction.uid
    raise CorrectionError(f"no correction {target!r} (tracker corrections list)")
