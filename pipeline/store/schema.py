"""Database schema, as numbered migrations recorded in the database itself.

A database made by an older version upgrades itself on open: every migration
not yet recorded runs once, in order, inside a transaction, through
sqlite-utils' migrations (recorded in its `_sqlite_migrations` table, set
"tracker"). Table and column names of the foundation contract are fixed; add
new migrations at the end of MIGRATIONS and never edit an applied one.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from pipeline.store.counts import create_development_entity_counts
from pipeline.store.listing import m018_listing_table


def m001_initial(db: sqlite_utils.Database) -> None:
    db["sources"].create(
        {"id": int, "name": str, "homepage": str, "language": str, "category": str}, pk="id", not_null={"name"}
    )
    db["sources"].create_index(["name"], unique=True)
    db["articles"].create(
        {
            "id": int, "url": str, "source_id": int, "title": str, "authors": str, "published": str,
            "published_from": str, "fetched": str, "updated": str, "language": str, "text": str,
            "description": str, "word_count": int, "content_hash": str, "duplicate_of": int,
            "relevance": float, "relevant": int, "evidence": str, "paywalled": int, "fetched_url": str,
        },
        pk="id",
        not_null={"url"},
        foreign_keys=[("source_id", "sources", "id"), ("duplicate_of", "articles", "id")],
    )
    db["articles"].create_index(["url"], unique=True)
    for columns in (["published"], ["relevant", "published"], ["content_hash"], ["source_id"], ["duplicate_of"]):
        db["articles"].create_index(columns)
    # Every URL an article was seen under (fetched, canonical, feed link): the same
    # article reached by a second URL is recognised before it is fetched again.
    db["article_urls"].create({"url": str, "article_id": int}, pk="url",
                              foreign_keys=[("article_id", "articles", "id")])
    db["article_urls"].create_index(["article_id"])
    db["topics"].create({"slug": str, "label": str, "description": str}, pk="slug")
    db["article_topics"].create(
        {"article_id": int, "topic": str, "score": float, "evidence": str},
        pk=("article_id", "topic"),
        foreign_keys=[("article_id", "articles", "id"), ("topic", "topics", "slug")],
    )
    db["article_topics"].create_index(["topic"])
    db["entities"].create({"id": int, "name": str, "type": str, "wikidata": str}, pk="id", not_null={"name", "type"})
    db["entities"].create_index(["name", "type"], unique=True)
    db["article_entities"].create(
        {"article_id": int, "entity_id": int, "mentions": int, "surface_forms": str},
        pk=("article_id", "entity_id"),
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db["article_entities"].create_index(["entity_id"])
    db["crawl_runs"].create(
        {
            "id": int, "started": str, "finished": str, "status": str, "sources": int,
            "feeds_fetched": int, "feeds_not_modified": int, "feeds_failed": int, "pages_fetched": int,
            "articles_new": int, "articles_updated": int, "articles_unchanged": int, "articles_duplicate": int,
            "articles_irrelevant": int, "errors": int, "message": str,
        },
        pk="id",
    )
    db["errors"].create(
        {"id": int, "run_id": int, "at": str, "source": str, "url": str, "stage": str, "message": str},
        pk="id",
        foreign_keys=[("run_id", "crawl_runs", "id")],
    )
    db["errors"].create_index(["run_id"])
    db["feeds"].create(
        {
            "url": str, "source": str, "etag": str, "last_modified": str, "last_status": int,
            "last_attempt": str, "last_success": str, "consecutive_failures": int, "last_error": str,
            "next_attempt": str, "entries": int, "not_modified_count": int,
        },
        pk="url",
    )
    # MinHash signatures of article texts, for spotting syndicated copies.
    db["article_signatures"].create({"article_id": int, "minhash": bytes}, pk="article_id",
                                    foreign_keys=[("article_id", "articles", "id")])
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


def m002_raw_pages(db: sqlite_utils.Database) -> None:
    # The fetched HTML of stored articles, gzip-compressed, so extraction can be redone without fetching.
    db["raw_pages"].create({"article_id": int, "fetched": str, "html_gz": bytes}, pk="article_id",
                           foreign_keys=[("article_id", "articles", "id")])


def m003_publishing(db: sqlite_utils.Database) -> None:
    # Views for Datasette (issue 5). Views, not tables: they are always in step with the
    # data, and VACUUM INTO carries them into the published snapshot. Only relevant,
    # non-duplicate articles; topics and entities as JSON arrays so Datasette can facet them.
    db.create_view("relevant_articles", """
select a.id, coalesce(a.published, a.fetched) as date, substr(coalesce(a.published, a.fetched), 1, 7) as month,
  a.updated, a.title, a.url, s.name as source, a.language, a.relevance, a.description,
  (select json_group_array(topic) from (select topic from article_topics t where t.article_id = a.id
     order by t.score desc)) as topics,
  (select json_group_array(name) from (select e.name from article_entities ae join entities e on e.id = ae.entity_id
     where ae.article_id = a.id and e.type = 'PERSON' order by ae.mentions desc, e.name)) as people,
  (select json_group_array(name) from (select e.name from article_entities ae join entities e on e.id = ae.entity_id
     where ae.article_id = a.id and e.type = 'ORG' order by ae.mentions desc, e.name)) as organisations
from articles a left join sources s on s.id = a.source_id
where a.relevant = 1 and a.duplicate_of is null""")
    db.create_view("entity_mentions", """
select e.name as entity, e.type, ae.mentions, a.id as article_id, coalesce(a.published, a.fetched) as date,
  substr(coalesce(a.published, a.fetched), 1, 7) as month, a.title, a.url, s.name as source, a.language
from article_entities ae join entities e on e.id = ae.entity_id join articles a on a.id = ae.article_id
  left join sources s on s.id = a.source_id
where a.relevant = 1 and a.duplicate_of is null""")
    # Monday of the week: 'weekday 0' moves to the coming Sunday (or stays), -6 days is its Monday.
    db.create_view("topic_weeks", """
select date(coalesce(a.published, a.fetched), 'weekday 0', '-6 days') as week, t.topic, count(*) as articles
from article_topics t join articles a on a.id = t.article_id
where a.relevant = 1 and a.duplicate_of is null
group by week, t.topic""")


def m005_cases_bills(db: sqlite_utils.Database) -> None:
    # Issue 8: lawsuits and bills as things of their own, seeded from pipeline/data/*.yaml and kept
    # current from CourtListener, congress.gov and the Federal Register; articles link to them.
    # Lists (aliases, parties, topics) are JSON arrays so Datasette can facet them.
    db["cases"].create({
        "slug": str, "name": str, "short_name": str, "aliases": str, "court": str, "jurisdiction": str,
        "docket": str, "courtlistener_docket_id": int, "filed": str, "plaintiffs": str, "defendants": str,
        "status": str, "last_event": str, "last_event_date": str, "curated_event": str,
        "curated_event_date": str, "topics": str, "verify": int, "courtlistener_url": str,
        "date_last_filing": str, "refreshed": str, "refresh_error": str,
    }, pk="slug")
    db["bills"].create({
        "slug": str, "title": str, "short_name": str, "aliases": str, "jurisdiction": str, "number": str,
        "congress": int, "bill_type": str, "bill_number": int, "sponsors": str, "status": str,
        "last_action": str, "last_action_date": str, "curated_action": str, "curated_action_date": str,
        "topics": str, "federal_register_terms": str, "verify": int, "congress_url": str, "refreshed": str,
        "refresh_error": str,
    }, pk="slug")
    for table, key, parent in (("case_events", "case_slug", "cases"), ("bill_actions", "bill_slug", "bills")):
        db[table].create({"id": int, key: str, "date": str, "description": str, "source": str,
                          "source_key": str, "url": str, "recorded": str},
                         pk="id", not_null={key, "source", "source_key"}, foreign_keys=[(key, parent, "slug")])
        # The same docket entry or action fetched again is not stored twice.
        db[table].create_index([key, "source", "source_key"], unique=True)
        db[table].create_index([key, "date"])
    for table, key, parent in (("article_cases", "case_slug", "cases"), ("article_bills", "bill_slug", "bills")):
        db[table].create({"article_id": int, key: str, "evidence": str}, pk=("article_id", key),
                         foreign_keys=[("article_id", "articles", "id"), (key, parent, "slug")])
        db[table].create_index([key])


# An article is "listed" (in the views, the feeds and the search) when it is relevant and not a copy.
LISTED = "relevant = 1 and duplicate_of is null"


def m006_query_speed(db: sqlite_utils.Database) -> None:
    # Issue 7: queries at 1M articles. Newest-first lists of listed articles read a partial index in
    # order, so ORDER BY date LIMIT 100 stops after 100 rows and the view's JSON subqueries run only
    # for them. The index leads with relevant: without ANALYZE statistics the planner only prefers
    # an index that also serves an equality (relevant = 1); with the date alone it picked the
    # duplicate_of index and sorted every relevant row. It supersedes (relevant, published).
    db.execute(f"create index articles_listed_date on articles(relevant, coalesce(published, fetched)) where {LISTED}")
    db.execute("drop index if exists idx_articles_relevant_published")
    # Entity lookups are case-insensitive (`name = :entity collate nocase`), and the join to
    # articles needs only these columns of article_entities (this index replaces (entity_id)).
    db.execute("create index entities_name_nocase on entities(name collate nocase)")
    db.execute("create index article_entities_entity_article on article_entities(entity_id, article_id, mentions)")
    db.execute("drop index if exists idx_article_entities_entity_id")
    # Whether an article is listed, and its date, without reading its row (relevant and duplicate_of
    # sit after text, so reading them walks the text's overflow pages): the entity timeline looks
    # each mention up here (INDEXED BY in its canned query); a miss is an article that is not listed.
    db.execute(f"create index articles_listed_id on articles(id, coalesce(published, fetched)) where {LISTED}")
    # The full-text index holds only listed articles: the rest (nine in ten in a real crawl) are kept
    # for re-judging and never searched. sqlite-utils' triggers index every row, so they are replaced
    # by conditional ones under the same names (sqlite-utils' disable_fts still finds them). Never
    # call rebuild_fts/populate_fts or the 'rebuild' command: they would index every article again.
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"drop trigger if exists [{trigger}]")
    listed_new = LISTED.replace("relevant", "new.relevant").replace("duplicate_of", "new.duplicate_of")
    listed_old = LISTED.replace("relevant", "old.relevant").replace("duplicate_of", "old.duplicate_of")
    db.execute(f"""create trigger articles_ai after insert on articles when {listed_new} begin
  insert into articles_fts (rowid, title, text) values (new.id, new.title, new.text);
end""")
    # External content: a 'delete' must be given the values that were indexed, i.e. the old ones.
    db.execute(f"""create trigger articles_ad after delete on articles when {listed_old} begin
  insert into articles_fts (articles_fts, rowid, title, text) values ('delete', old.id, old.title, old.text);
end""")
    # One trigger, so the delete of the old row runs before the insert of the new one. Updates of
    # other columns (fetched, relevance, language) leave the index alone.
    db.execute(f"""create trigger articles_au after update of title, text, relevant, duplicate_of on articles begin
  insert into articles_fts (articles_fts, rowid, title, text)
    select 'delete', old.id, old.title, old.text where {listed_old};
  insert into articles_fts (rowid, title, text) select new.id, new.title, new.text where {listed_new};
end""")
    db.execute("insert into articles_fts (articles_fts) values ('delete-all')")
    db.execute(f"insert into articles_fts (rowid, title, text) select id, title, text from articles where {LISTED}")
    db.execute("insert into articles_fts (articles_fts) values ('optimize')")  # one segment: faster queries


def m007_skipped_pages(db: sqlite_utils.Database) -> None:
    # Pages a crawl fetched (or robots.txt refused) and did not keep: not an article, no text. The
    # spiders leave them out until a retry horizon is over (pipeline/collect/skipped.py), so a cron crawl does
    # not fetch the same gallery or tag page, and record the same error, on every run for months.
    db["skipped_pages"].create({"url": str, "source": str, "reason": str, "detail": str, "first_seen": str,
                                "last_seen": str, "times": int}, pk="url", not_null={"reason", "last_seen"})
    # A skipped page stored later (tried again after its horizon, an article now) leaves the table in
    # the transaction that stores it: a stored article is never a skipped page.
    db.execute("""create trigger skipped_pages_stored after insert on article_urls begin
  delete from skipped_pages where url = new.url;
end""")


def m008_search_stems(db: sqlite_utils.Database) -> None:
    # Issue 21: search that understands German. The porter tokenizer stems English only, so the index
    # gets a third column: the article's words reduced to their Snowball stem in its own language,
    # written by the store (pipeline/store/search.py). FTS5 cannot add a column to a table, so the
    # index is made again, for listed articles only, with m006's conditional triggers over three columns.
    from pipeline.store.search import search_stems

    db["articles"].add_column("search_stems", str)
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"drop trigger if exists [{trigger}]")
    db.execute("drop table if exists articles_fts")
    # The same form sqlite-utils writes, so its detect_fts() still finds the index.
    db.execute("""CREATE VIRTUAL TABLE "articles_fts" USING FTS5 (
    "title", "text", "search_stems",
    tokenize='porter',
    content="articles"
)""")
    last = 0
    while True:
        rows = db.execute(f"select id, title, text, language from articles where id > ? and {LISTED} "
                          "order by id limit 500", [last]).fetchall()
        if not rows:
            break
        last = rows[-1][0]
        db.conn.executemany("update articles set search_stems = ? where id = ?",
                            [(search_stems(title or "", text or "", language), id_) for id_, title, text, language
                             in rows])
    columns = "title, text, search_stems"
    listed_new = LISTED.replace("relevant", "new.relevant").replace("duplicate_of", "new.duplicate_of")
    listed_old = LISTED.replace("relevant", "old.relevant").replace("duplicate_of", "old.duplicate_of")
    db.execute(f"""create trigger articles_ai after insert on articles when {listed_new} begin
  insert into articles_fts (rowid, {columns}) values (new.id, new.title, new.text, new.search_stems);
end""")
    db.execute(f"""create trigger articles_ad after delete on articles when {listed_old} begin
  insert into articles_fts (articles_fts, rowid, {columns}) values ('delete', old.id, old.title, old.text, old.search_stems);
end""")
    db.execute(f"""create trigger articles_au after update of {columns}, relevant, duplicate_of on articles begin
  insert into articles_fts (articles_fts, rowid, {columns})
    select 'delete', old.id, old.title, old.text, old.search_stems where {listed_old};
  insert into articles_fts (rowid, {columns}) select new.id, new.title, new.text, new.search_stems where {listed_new};
end""")
    db.execute(f"insert into articles_fts (rowid, {columns}) select id, {columns} from articles where {LISTED}")
    db.execute("insert into articles_fts (articles_fts) values ('optimize')")


def m009_developments(db: sqlite_utils.Database) -> None:
    # Issue 16: developments, one story across outlets and languages (pipeline/developments.py). Every
    # listed article is in exactly one; lists (languages, outlets, topics, entities) are JSON arrays so
    # Datasette can facet them. `updated` is the latest member's `fetched`: it moves when coverage joins.
    db["developments"].create({
        "id": int, "title": str, "first_seen": str, "last_seen": str, "updated": str, "languages": str,
        "outlets": str, "topics": str, "entities": str, "case_slug": str, "bill_slug": str, "articles": int,
    }, pk="id")
    db["developments"].create_index(["updated"])
    db["developments"].create_index(["case_slug"])
    db["developments"].create_index(["bill_slug"])
    db["development_articles"].create({"article_id": int, "development_id": int}, pk="article_id",
                                      not_null={"development_id"},
                                      foreign_keys=[("article_id", "articles", "id"),
                                                    ("development_id", "developments", "id")])
    db["development_articles"].create_index(["development_id"])
    # The canned query `developments` is served at /tracker/developments, where the table would be: the
    # view is where Datasette facets them (languages, outlets, topics as JSON arrays; case, bill).
    db.create_view("development_list", """
select id, title, updated, first_seen, last_seen, articles, languages, outlets, topics, entities, case_slug, bill_slug
from developments""")
    # Databases from before developments: every listed article gets one here, once.
    from pipeline.developments import place_orphans

    place_orphans(db)


def m010_alert_deliveries(db: sqlite_utils.Database) -> None:
    # Issue 16: what each alert destination has received, one row per article, written only after the
    # destination accepted the message. Remembered by article, not by development: when clustering merges or
    # splits developments, coverage already sent stays sent. Destinations are keyed as in config/alerts.yaml
    # ("email:ADDRESS", "slack:$ENV_NAME"); both tables are dropped from the published snapshot.
    db["alert_deliveries"].create({"subscription": str, "destination": str, "article_id": int,
                                   "development_id": int, "sent": str},
                                  pk=("subscription", "destination", "article_id"))
    # Per destination: where its history begins, the last digest handled, and failures with their back-off.
    db["alert_destinations"].create({"subscription": str, "destination": str, "since": str, "last_handled": str,
                                     "last_sent": str, "sent_messages": int, "last_attempt": str,
                                     "consecutive_failures": int, "last_error": str, "next_attempt": str},
                                    pk=("subscription", "destination"))


def m011_curated_sources(db: sqlite_utils.Database) -> None:
    # Issue 18: a lawyer checks where each fact of a case or bill comes from. The curated files give, per
    # field, the public URLs it was read at (`sources`, a JSON object field -> [urls]), the claims of a
    # case, a bill's chamber, and why an entry is still unverified (`verify_reason`; `verify` stays 0/1).
    for table in ("cases", "bills"):
        db[table].add_column("sources", str)
        db[table].add_column("verify_reason", str)
    db["cases"].add_column("claims", str)
    db["bills"].add_column("chamber", str)


def m012_validators_for_sitemaps_and_listings(db: sqlite_utils.Database) -> None:
    # Issue 14: sitemaps and listings are asked with If-None-Match / If-Modified-Since like feeds, so an
    # unchanged rerun gets 304s. Their validators live in `feeds` beside the feeds', told apart by `kind`
    # (NULL in older rows: those are all feeds).
    db["feeds"].add_column("kind", str)


def m013_case_proposals(db: sqlite_utils.Database) -> None:
    # Issue 18: cases the tracker does not know yet, proposed by `tracker cases discover` (CourtListener
    # searches, litigation articles linked to no known case) and decided by a reviewer. A proposal is never a
    # case: accepting one writes a case row marked unverified (verify_reason) and prints a cases.yaml stub.
    # `match_key` (normalised caption) and `court` + `docket` find a proposal made before, whatever its status,
    # so a rejected case is not proposed again. Private working state: left out of the published snapshot.
    db["case_proposals"].create({
        "id": int, "source": str, "caption": str, "court": str, "court_id": str, "docket": str, "filed": str,
        "parties": str, "evidence": str, "article_ids": str, "match_key": str, "docket_key": str,
        "status": str, "proposed": str, "reviewer": str, "reason": str, "decided_at": str, "case_slug": str,
    }, pk="id", not_null={"source", "caption", "status", "match_key", "proposed"})
    db["case_proposals"].create_index(["match_key"])
    db["case_proposals"].create_index(["docket_key"])
    db["case_proposals"].create_index(["status", "id"])


def m014_entity_aliases(db: sqlite_utils.Database) -> None:
    # Issue 15: an entity is found by any name a reader types ("Disney" finds The Walt Disney Company): its
    # aliases from the gazetteer, the forms articles used, short forms. Kept by triggers; see
    # pipeline/store/entity_aliases.py. The entity pages, the timeline and the entity feeds look names up here.
    from pipeline.store import entity_aliases

    entity_aliases.create(db)


# The date a reader sees: the publication's own local date, else the UTC day of `published` or of the fetch.
LOCAL_DAY = "coalesce(a.published_local_date, substr(coalesce(a.published, a.fetched), 1, 10))"


def m015_local_publication_dates(db: sqlite_utils.Database) -> None:
    # Issue 19: an article published at 9:12 pm in California is dated the next day in UTC. `published` stays
    # UTC (it orders everything, through m006's indexes); `published_at` keeps the offset the page gave and
    # `published_local_date` its calendar day, which the views, facets, charts and feeds show. Rows stored
    # before have only the UTC time: they get it as is here, and `tracker reprocess` reads the offset again
    # from the kept raw HTML.
    db["articles"].add_column("published_at", str)
    db["articles"].add_column("published_local_date", str)
    # The source's `timezone:` (sources.yaml), so `tracker reprocess` reads its pages as the crawl did.
    db["sources"].add_column("timezone", str)
    db.execute("update articles set published_at = published, published_local_date = substr(published, 1, 10) "
               "where published is not null")
    for view in ("relevant_articles", "entity_mentions", "topic_weeks"):
        db.execute(f"drop view if exists {view}")
    # `date` stays the UTC time (the index order of newest-first lists); `day` and `month` are local.
    db.create_view("relevant_articles", f"""
select a.id, coalesce(a.published, a.fetched) as date, {LOCAL_DAY} as day,
  coalesce(a.published_at, a.published, a.fetched) as published_at, substr({LOCAL_DAY}, 1, 7) as month,
  a.updated, a.title, a.url, s.name as source, a.language, a.relevance, a.description,
  (select json_group_array(topic) from (select topic from article_topics t where t.article_id = a.id
     order by t.score desc)) as topics,
  (select json_group_array(name) from (select e.name from article_entities ae join entities e on e.id = ae.entity_id
     where ae.article_id = a.id and e.type = 'PERSON' order by ae.mentions desc, e.name)) as people,
  (select json_group_array(name) from (select e.name from article_entities ae join entities e on e.id = ae.entity_id
     where ae.article_id = a.id and e.type = 'ORG' order by ae.mentions desc, e.name)) as organisations
from articles a left join sources s on s.id = a.source_id
where a.relevant = 1 and a.duplicate_of is null""")
    db.create_view("entity_mentions", f"""
select e.name as entity, e.type, ae.mentions, a.id as article_id, coalesce(a.published, a.fetched) as date,
  {LOCAL_DAY} as day, substr({LOCAL_DAY}, 1, 7) as month, a.title, a.url, s.name as source, a.language
from article_entities ae join entities e on e.id = ae.entity_id join articles a on a.id = ae.article_id
  left join sources s on s.id = a.source_id
where a.relevant = 1 and a.duplicate_of is null""")
    db.create_view("topic_weeks", f"""
select date({LOCAL_DAY}, 'weekday 0', '-6 days') as week, t.topic, count(*) as articles
from article_topics t join articles a on a.id = t.article_id
where a.relevant = 1 and a.duplicate_of is null
group by week, t.topic""")


def m016_corrections(db: sqlite_utils.Database) -> None:
    # Issue 17: corrections. They are kept in their own file (pipeline/corrections/store.py); what applying them
    # leaves in the work database is here. `corrections_applied`: per active correction, whether its target
    # still exists and which articles it touched (to undo it when it is reverted); `hidden_articles`: the
    # takedowns, which the snapshot leaves out (both private). `corrections_log`: the public log, published.
    db["corrections_applied"].create({"uid": str, "correction_id": int, "kind": str, "target": str, "value": str,
                                      "status": str, "articles": str}, pk="uid")
    db["hidden_articles"].create({"article_id": int, "uid": str}, pk="article_id")
    db["corrections_log"].create({"id": int, "at": str, "kind": str, "what": str, "target": str, "value": str,
                                  "reason": str, "source_url": str, "status": str, "superseded_by": int}, pk="id")
    db["corrections_log"].create_index(["at"])
    # A reviewer's confirmation of a link: the review queue lists the links nobody has confirmed yet.
    for table in ("article_cases", "article_bills"):
        db[table].add_column("confirmed", int)


def m017_works(db: sqlite_utils.Database) -> None:
    # Issue 15: characters and titles of works are entities of their own type, WORK, never people.
    # relevant_articles gains `works` beside people and organisations, so Datasette can facet them
    # (otherwise the view of m015, unchanged).
    db["relevant_articles"].drop()
    db.create_view("relevant_articles", f"""
select a.id, coalesce(a.published, a.fetched) as date, {LOCAL_DAY} as day,
  coalesce(a.published_at, a.published, a.fetched) as published_at, substr({LOCAL_DAY}, 1, 7) as month,
  a.updated, a.title, a.url, s.name as source, a.language, a.relevance, a.description,
  (select json_group_array(topic) from (select topic from article_topics t where t.article_id = a.id
     order by t.score desc)) as topics,
  (select json_group_array(name) from (select e.name from article_entities ae join entities e on e.id = ae.entity_id
     where ae.article_id = a.id and e.type = 'PERSON' order by ae.mentions desc, e.name)) as people,
  (select json_group_array(name) from (select e.name from article_entities ae join entities e on e.id = ae.entity_id
     where ae.article_id = a.id and e.type = 'ORG' order by ae.mentions desc, e.name)) as organisations,
  (select json_group_array(name) from (select e.name from article_entities ae join entities e on e.id = ae.entity_id
     where ae.article_id = a.id and e.type = 'WORK' order by ae.mentions desc, e.name)) as works
from articles a left join sources s on s.id = a.source_id
where a.relevant = 1 and a.duplicate_of is null""")


def m019_development_entities(db: sqlite_utils.Database) -> None:
    # Issue 20: which developments name an entity, kept by triggers (pipeline/store/counts.py), so that the
    # developments feed of a person or organisation does not visit each of their articles.
    create_development_entity_counts(db)


MIGRATIONS = [m001_initial, m002_raw_pages, m003_publishing, m005_cases_bills, m006_query_speed, m007_skipped_pages,
              m008_search_stems, m009_developments, m010_alert_deliveries, m011_curated_sources,
              m012_validators_for_sitemaps_and_listings, m013_case_proposals, m014_entity_aliases,
              m015_local_publication_dates, m016_corrections,
              m017_works, m018_listing_table, m019_development_entities]

migrations = Migrations("tracker")
for _migration in MIGRATIONS:
    migrations()(_migration)  # registered under its function name, the name older versions recorded

# Before sqlite-utils had migrations, this module kept its own record: `_migrations(name, applied)`.
LEGACY_TABLE = "_migrations"


def adopt_legacy_record(db: sqlite_utils.Database) -> None:
    """Move the names recorded in `_migrations` into sqlite-utils' table, then drop `_migrations`.

    The migrations are registered under the same names the old code recorded, so a database
    made by an older version is upgraded, not migrated from scratch: what it has already had is
    never run again, and its rows are untouched. The old table is dropped in the same
    transaction, so there is one record only and an upgraded database ends with the same schema
    as a fresh one.
    """
    if LEGACY_TABLE not in db.table_names():
        return
    with db.atomic():
        migrations.ensure_migrations_table(db)
        known = {m.name for m in migrations.applied(db)}
        rows = db.execute(f"select name, applied from [{LEGACY_TABLE}] order by rowid").fetchall()  # the order they ran in
        db[migrations.migrations_table].insert_all(
            {"migration_set": migrations.name, "name": name, "applied_at": applied}
            for name, applied in rows if name not in known)
        db[LEGACY_TABLE].drop()


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations this database has not had yet; returns their names."""
    adopt_legacy_record(db)
    pending = [m.name for m in migrations.pending(db)]
    migrations.apply(db)
    return pending
