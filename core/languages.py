"""Which official language an officer's text is written in, field by field, so that a page in
the other language marks it (`lang="fr"` on an English page): screen readers then read it with the
right voice, and browsers hyphenate and spell-check it as French.

The engagement declares the language of its summary (Engagement.language). Other texts — a
position, its outcome note, a workflow or importance reason — are often written in the other
language (a French outcome note on an English engagement), and nobody declares them. For those the
portal reads the text itself: function words are the most frequent words of any sentence and the
two languages share almost none (« le », « les », « des », « est » against "the", "and", "is"),
and French writes accents and elisions (l’, d’, qu’) English does not. A text is called French or
English only when one side clearly wins (clues of one language only, or at least two and twice
as many as the other's), in three words or more; a short reference such as "para. 7" is
neither, and keeps the language its record declares.
"""

import re

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_FRENCH = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "est",
        "une",
        "un",
        "pour",
        "que",
        "qui",
        "dans",
        "sur",
        "au",
        "aux",
        "par",
        "pas",
        "ne",
        "avec",
        "ce",
        "cette",
        "ces",
        "ses",
        "son",
        "sa",
        "sont",
        "été",
        "être",
        "ont",
        "leur",
        "leurs",
        "nous",
        "vous",
        "il",
        "elle",
        "ils",
        "elles",
        "mais",
        "ou",
        "où",
        "donc",
        "plus",
        "très",
        "aussi",
        "selon",
        "entre",
        "lors",
        "dont",
        "sous",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "in",
        "for",
        "that",
        "with",
        "on",
        "by",
        "was",
        "were",
        "are",
        "be",
        "been",
        "this",
        "these",
        "its",
        "it",
        "as",
        "at",
        "from",
        "has",
        "have",
        "had",
        "not",
        "but",
        "or",
        "which",
        "who",
        "their",
        "our",
        "we",
        "they",
        "will",
        "would",
        "should",
        "than",
        "also",
        "between",
        "during",
        "under",
    ]
)
_FRENCH_LETTERS = frozenset("éèêëàâîïôûùçœ")
_ELISION = re.compile(r"\b(?:l|d|qu|j|n|s|c)['’][^\W\d_]", re.IGNORECASE | re.UNICODE)


def written_in(text: str) -> str:
    """ "fr" or "en" when the text clearly is, else ""."""
    if not text:
        return ""
    words = [word.lower() for word in _WORD.findall(str(text))]
    french = sum(word in _FRENCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    french += sum(1 for word in words if _FRENCH_LETTERS & set(word))
    french += len(_ELISION.findall(str(text)))
    if len(words) < 3:
        return ""
    if french and (english == 0 or (french >= 2 and french >= 2 * english)):
        return "fr"
    if english and (french == 0 or (english >= 2 and english >= 2 * french)):
        return "en"
    return ""


def language_of(text: str, declared: str = "") -> str:
    """The language to mark the text with: what the text itself shows, else what its record
    declares, else nothing (it then follows the page)."""
    return written_in(text) or (declared or "")
