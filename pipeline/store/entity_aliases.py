"""Every name a reader may type for an entity: its own, the gazetteer's aliases, the forms found in text, short forms.

`entity_aliases(alias, name, rank, source)` maps a form (case-insensitive) to a
canonical entity name. The lookup takes the best rank a form has, so a name
that is itself canonical never turns into another entity:

    rank 0  name       the entity's own name
    rank 1  gazetteer  an alias in pipeline/data/gazetteer.jsonl ("Disney" -> The Walt Disney Company)
    rank 1  text       a surface form an article used for it ("Disney's" -> …, "Silverman" -> Sarah Silverman)
    rank 2  short      a short form made from the name: a person's surname, an organisation without "The"

Triggers keep the name, short and text rows current as the store writes
entities and article_entities, so no writer has to remember them; the
gazetteer's rows are seeded once per run (`seed_gazetteer_aliases`), like the
curated cases, because the gazetteer is a file. Rows are never deleted: a form
an article once used keeps finding its entity.
"""

from __future__ import annotations

from pipeline.curated import is_label_only, load_gazetteer


def names_for(param: str = "entity") -> str:
    """SQL: the canonical names the form in :param stands for, at its best rank (reads the primary key only).

    The canned queries in datasette_config/metadata.yaml spell the same subquery out.
    """
    return (f"select al.name from entity_aliases al where al.alias = :{param} and al.rank = "
            f"(select min(x.rank) from entity_aliases x where x.alias = :{param})")


NAMES_FOR = names_for()

UPSERT = "on conflict (alias, name) do update set rank = min(rank, excluded.rank), source = " \
         "case when excluded.rank < rank then excluded.source else source end"

# The last word of a name: rtrim() with every non-space character of the name strips the last word, whose
# length then gives where it starts ("Sarah Silverman" -> "Silverman").
LAST_WORD = "substr({n}, length(rtrim({n}, replace({n}, ' ', ''))) + 1)"


def _short_forms(new: str, source: str = "") -> list[str]:
    """INSERTs of the short forms of the entity `new` (in a trigger), or of every entity (`source` "from entities e")."""
    last = LAST_WORD.format(n=f"{new}.name")
    # Three letters at least: "Li" or "Ng" alone would find too many people.
    return [f"""insert into entity_aliases (alias, name, rank, source)
    select {last}, {new}.name, 2, 'short' {source} where {new}.type = 'PERSON' and instr({new}.name, ' ') > 0
      and length({last}) > 2
    {UPSERT}""", f"""insert into entity_aliases (alias, name, rank, source)
    select substr({new}.name, 5), {new}.name, 2, 'short' {source} where {new}.name like 'The %'
    {UPSERT}"""]


def create(db) -> None:
    """The table, its triggers, and every row the data already holds (migration m014_entity_aliases)."""
    db.execute("""create table entity_aliases (
  alias text not null collate nocase,
  name text not null,
  rank integer not null,
  source text not null,
  primary key (alias, name)
) without rowid""")
    # An entity's page lists its aliases by name.
    db.execute("create index entity_aliases_name on entity_aliases(name)")
    short = ";\n  ".join(_short_forms("new"))
    db.execute(f"""create trigger entity_aliases_name after insert on entities begin
  insert into entity_aliases (alias, name, rank, source) values (new.name, new.name, 0, 'name')
    {UPSERT};
  {short};
end""")
    db.execute(f"""create trigger entity_aliases_text after insert on article_entities begin
  insert into entity_aliases (alias, name, rank, source)
    select trim(j.value), e.name, 1, 'text' from entities e, json_each(iif(json_valid(new.surface_forms), new.surface_forms, '[]')) j
    where e.id = new.entity_id and trim(j.value) <> ''
    {UPSERT};
end""")
    db.execute(f"insert into entity_aliases (alias, name, rank, source) select name, name, 0, 'name' "
               f"from entities where true {UPSERT}")
    for statement in _short_forms("e", "from entities e"):
        db.execute(statement)
    db.execute(f"""insert into entity_aliases (alias, name, rank, source)
  select trim(j.value), e.name, 1, 'text' from article_entities ae join entities e on e.id = ae.entity_id,
    json_each(iif(json_valid(ae.surface_forms), ae.surface_forms, '[]')) j
  where trim(j.value) <> '' {UPSERT}""")
    seed_gazetteer_aliases(db)


def seed_gazetteer_aliases(db) -> int:
    """Write the gazetteer's aliases (every language's); returns how many forms it holds."""
    rows = []
    for entry in load_gazetteer():
        for form in dict.fromkeys([*entry.get("aliases", []), *entry.get("aliases_de", [])]):
            if form.strip() and not is_label_only(form) and form.casefold() != entry["name"].casefold():
                rows.append((form.strip(), entry["name"]))
    with db.atomic():  # committed here when called outside a transaction (begin_run), a savepoint inside one
        db.conn.executemany(f"insert into entity_aliases (alias, name, rank, source) values (?, ?, 1, 'gazetteer') "
                            f"{UPSERT}", rows)
    return len(rows)
