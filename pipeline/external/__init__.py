"""Other data sources: the CourtListener, congress.gov and Federal Register APIs that keep cases and bills current."""
