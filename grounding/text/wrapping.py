"""Hard-wrapped text: line breaks that only wrap a paragraph at a fixed width, read as spaces.

Plain-text copy from e-mails, wire services and PDFs is often wrapped at 60-80 characters, and
the sentence splitter ends a sentence at every line break (headlines and datelines stand on lines
of their own, without a full stop). In a wrapped text that cuts every sentence into pieces no
meeting cue or name can be read across. A text is taken as wrapped when most of its lines are near
one width and most of them end without a sentence's last mark; then a break after such a line,
before a line that goes on, is a wrap. Each wrap becomes one space, so every offset into the text
stays an offset into the text as sent.
"""

from __future__ import annotations

import re

# A line that ends a sentence, a heading or a list item the way paragraphs end.
_ENDS = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*$")
MIN_LINES = 4  # fewer lines show no width
MAX_WIDTH = 100  # wider lines are paragraphs of their own, not a wrap
MIN_WIDTH = 50  # narrower lines are a list or a table, not prose wrapped at a width
LOWER_GOES_ON = 0.25  # in wrapped prose, a line that ends mid-sentence is often followed mid-clause
NEAR_WIDTH = 0.7  # a wrapped line reaches at least this share of the width


def wrapped(text: str) -> bool:
    """True when the text looks hard-wrapped: at least `MIN_LINES` non-empty lines, the widest
    between `MIN_WIDTH` and `MAX_WIDTH`, most of them within `NEAR_WIDTH` of it, most of them ending
    mid-sentence, and a share of those followed by a line that starts in lower case ("...the
    United\nNations in New York for talks as part of the\n77th UN General Assembly": a list of
    names or offices, one a line, starts each in capitals).

    Args:
        text: the article.

    Returns:
        Whether its line breaks are mostly wraps.
    """
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    if len(lines) < MIN_LINES:
        return False
    width = max(len(line) for line in lines)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return False
    near = sum(len(line) >= NEAR_WIDTH * width for line in lines)
    open_ended = [i for i, line in enumerate(lines[:-1]) if _ENDS.search(line) is None]
    lower = sum(lines[i + 1].lstrip()[:1].islower() for i in open_ended)
    return (
        near * 2 > len(lines)
        and len(open_ended) * 2 > len(lines)
        and lower >= LOWER_GOES_ON * len(open_ended)
    )


def unwrap(text: str) -> tuple[str, int]:
    """The text with each wrap read as a space (same length, same offsets).

    Args:
        text: the article.

    Returns:
        The text, and the number of line breaks made spaces (0 and the text unchanged when it is
        not wrapped): a break after a line near the width that ends mid-sentence and before a
        non-empty line; a blank line, a short line and a line ending a sentence keep their breaks.
    """
    if not wrapped(text):
        return text, 0
    lines = text.split("\n")
    width = max(len(line.rstrip()) for line in lines)
    out: list[str] = []
    joined = 0
    for i, line in enumerate(lines):
        if i == len(lines) - 1:
            out.append(line)
            break
        soft = (
            len(line.rstrip()) >= NEAR_WIDTH * width
            and _ENDS.search(line) is None
            and bool(lines[i + 1].strip())
        )
        # A Windows line end ("\r\n") becomes two spaces.
        out.append(line[:-1] + " " if soft and line.endswith("\r") else line)
        out.append(" " if soft else "\n")
        joined += soft
    return "".join(out), joined
