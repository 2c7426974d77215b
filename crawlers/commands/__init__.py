"""Scrapy commands of this project (COMMANDS_MODULE in crawlers/settings.py)."""
