""""Did you mean": whole words, as the teacher would type them.

The content field keeps no spelling list of its own (it cost a third of the build time) and its
terms are stems ("photosynthesi"), which nobody should be offered. So suggestions come from two
places: the title's spelling list (unstemmed words), and the content's stems turned back into a
word that occurs in the text. Candidates are ranked by edit distance (a swapped pair of letters
counts as one edit) to what was typed, then by how often they occur.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from whoosh.analysis import Analyzer
from whoosh.searching import Searcher
from whoosh.spelling import Corrector
from whoosh.support.levenshtein import damerau_levenshtein

SAMPLE_ENTRIES = 5  # entries read to find how a stem is spelt in full


class WordCorrector(Corrector):
    """Suggests words for a misspelt term of the ``content`` field (given as its analyzed form)."""

    def __init__(self, searcher: Searcher, analyzer: Analyzer, query: str) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.analyzer = analyzer
        # what the teacher typed for each analyzed term ("asess" -> "asessment")
        self.typed = {t.text: query[t.startchar:t.endchar].lower() for t in analyzer(query, chars=True)}

    def stem(self, word: str) -> str:
        tokens = [t.text for t in self.analyzer(word, removestops=False)]
        return tokens[0] if tokens else word

    def surface(self, stem: str, typed: str) -> str:
        """The word with this stem, in the first few entries holding it, nearest to what was typed
        ("rubric" for "rubirc", "assess" for "asess"); the stem itself if none spells it so."""
        docnums = islice(self.searcher.postings("content", stem).all_ids(), SAMPLE_ENTRIES)
        text = " ".join(self.searcher.stored_fields(d).get("content", "") for d in docnums)
        words = {m.group().lower() for m in re.finditer(rf"\b{re.escape(stem)}\w*", text, re.IGNORECASE)}
        words = sorted(w for w in words if self.stem(w) == stem)
        return min(words, key=lambda w: damerau_levenshtein(typed, w), default=stem)

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
        typed = self.typed.get(text, text)
        spelling = self.reader.schema["title"].spelling_fieldname("title")
        titles = {*self.reader.terms_within(spelling, text, maxdist, prefix),
                  *self.reader.terms_within(spelling, typed, maxdist, prefix)}
        candidates = {word: self.stem(word) for word in sorted(titles)}
        for stem in self.reader.terms_within("content", text, maxdist, prefix):
            candidates.setdefault(self.surface(stem, typed), stem)
        for word, stem in candidates.items():
            # Typed terms are stems, so the nearer of stem and word counts; the word offered must
            # still look like what was typed ("exit" is near the stem "evid", not "evidence").
            to_word = damerau_levenshtein(typed, word)
            distance = min(damerau_levenshtein(text, stem), to_word)
            if distance <= maxdist and to_word <= maxdist + 1 and stem != text:
                frequency = self.reader.frequency("content", stem) + self.reader.frequency("title", stem)
                yield -distance + frequency / (frequency + 1) / 2, word  # nearer first, then commoner
