"""Plain-text articles, with the headline rule."""

from __future__ import annotations

import re

#: A first line longer than this is a sentence, not a headline. News headlines run 40-100
#: characters (wire styles cap them near 70-90); 150 leaves room for long online headlines.
TITLE_MAX_CHARS = 150

#: Characters a headline does not end with: a sentence's full stop, or a lead-in to more text.
_NOT_HEADLINE_END = (".", ",", ";", ":", "-", "\u2014", "\u2013")

_HEAD = re.compile(r"\A[ \t]*(?P<title>[^\n]+?)[ \t]*\n[ \t]*\n\s*")


def split_headline(text: str) -> tuple[str | None, str]:
    """``(title, body)`` when the first line is clearly a headline, else ``(None, text)``.

    Clearly a headline: the first line is at most :data:`TITLE_MAX_CHARS` long, does not end with
    sentence or lead-in punctuation (``. , ; : -``), starts with a capital letter or digit, is
    followed by a blank line, and more text follows. Otherwise the text is kept whole, so that
    character offsets into it equal offsets into the file.
    """
    m = _HEAD.match(text)
    if not m:
        return None, text
    title = m.group("title")
    body = text[m.end():]
    if (len(title) > TITLE_MAX_CHARS or title.endswith(_NOT_HEADLINE_END)
            or not (title[0].isupper() or title[0].isdigit()) or not body.strip()):
        return None, text
    return title, body
