"""The tracker's stages as plain functions, in the order pipeline/process.py runs them.

collect/     what to fetch (sources, feeds, sitemaps, discovery, URL rules)
understand/  judgements on one article (extract, dates, language, relevance, entities, linking)
store/       SQLite (schema and migrations, articles, runs, feed state, cases, duplicates)
publish/     the published snapshot, Atom feeds, saved filters
external/    other data sources (court and parliament APIs)
See docs/architecture.md. Nothing here imports Scrapy, `tracker` or `crawlers`.
"""
