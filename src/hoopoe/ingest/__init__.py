"""Ingest: text files, HTML pages, JSONL and RSS/Atom feeds -> :class:`hoopoe.records.Article`.

>>> from hoopoe.ingest import read_articles, Skip
>>> for item in read_articles(["news/"], published="2021-10-11"):
...     if isinstance(item, Skip):
...         print(item.reason, item.message)

The batch runner that stores extracted documents is :mod:`hoopoe.ingest.runner`.
"""

from __future__ import annotations

from hoopoe.ingest.base import Skip, article_id, content_hash, parse_date
from hoopoe.ingest.reader import MAX_CHARS, read_article, read_articles, read_text_file

__all__ = ["read_articles", "read_article", "read_text_file", "Skip", "article_id", "content_hash", "parse_date", "MAX_CHARS"]
