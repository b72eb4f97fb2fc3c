"""Full-text search over everything the teacher wrote: a whoosh index derived from the files."""

from plfolio.search.index import SearchIndex, SearchResults

__all__ = ["SearchIndex", "SearchResults"]
