"""Corrections: what a reviewer fixed in the machine's judgement, kept apart from what crawls write.

    store.py   the corrections file (data/corrections.db): add, list, export and import, which are superseded
    kinds.py   the kinds of correction, what their target and value are, checked against the work database
    apply.py   applying every active correction to the work database, after the machine's judgement

The corrections live in a SQLite file of their own, beside the work database, so nothing a crawl, a
reprocess or a rebuild of the work database does can lose one; the review page writes there without
touching the crawl's database or its lock. `apply_corrections` runs at the end of every crawl, `tracker
reprocess`, `tracker cases link` and `tracker corrections apply`, and writes what the published site
needs into the work database: the corrected rows, the takedowns and the public log.
"""
