"""Storage in SQLite: opening and migrating, articles, the run log, feed state, cases and bills, near-duplicates."""
