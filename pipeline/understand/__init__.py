"""Understanding one article: extraction, dates, language, relevance and topics, entities, case and bill links."""
