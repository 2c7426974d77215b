"""Collection: what to fetch. The sources file, feeds, sitemaps, homepage discovery, URL rules, pages not to fetch again."""
