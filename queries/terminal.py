"""Text the CLI prints, made safe for a terminal at one choke point.

Article text, names, file names and the user's own arguments reach the screen.
An escape sequence in them (ESC ``]0;title`` BEL, CSI colour or cursor moves, other
C0 and C1 controls, a carriage return that overwrites the line, bidi overrides
that reorder it, lone surrogates that no encoding can write) would act on the
terminal instead of being read. :func:`safe_text` shows each such character as its
``\\uXXXX`` escape and leaves the rest alone, newlines and tabs of the layout
included. The escape is also JSON's, so ``--json`` output stays valid JSON that
decodes to the same values.

:class:`SafeGroup` applies it to everything a command writes to stdout and stderr
(its output, click's usage errors, ``Error: ...`` lines) for the time of one
invocation: ``@click.group(cls=SafeGroup)``.

Example:
    >>> print(safe_text("Umerov\\x1b]0;pwned\\x07 met Lecornu\\u202e"))
    Umerov\\u001b]0;pwned\\u0007 met Lecornu\\u202e
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

#: C0 controls but tab and newline, DEL, C1 controls, bidi embeddings, overrides, isolates and
#: marks, lone surrogates.
UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe_text(text: str) -> str:
    """``text`` with every character that acts on a terminal shown as ``\\uXXXX``.

    Example:
        >>> safe_text("a\\rb\\x9b31mc\\u2067d\\ud800"), safe_text("Умєров\\tmet\\nLecornu")
        ('a\\\\u000db\\\\u009b31mc\\\\u2067d\\\\ud800', 'Умєров\\tmet\\nLecornu')
    """
    return UNSAFE_RE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def safe_line(text: str) -> str:
    """:func:`safe_text` on one line: newlines shown as ``\\u000a`` too (for an error message
    that quotes what the user typed).

    Example:
        >>> safe_line("no person named '0\\n\\x1b'")
        "no person named '0\\\\u000a\\\\u001b'"
    """
    return safe_text(text).replace("\n", "\\u000a")


class SafeStream(io.TextIOBase):
    """A text stream that writes :func:`safe_text` of what it is given to ``stream``.

    ``unfiltered`` is the stream underneath, for a progress bar that draws with "\\r".
    """

    def __init__(self, stream) -> None:
        super().__init__()
        self.unfiltered = stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.unfiltered.write(safe_text(text))
        return len(text)

    def flush(self) -> None:
        self.unfiltered.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.unfiltered, "isatty", lambda: False)())

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.unfiltered.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.unfiltered, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:  # type: ignore[override]
        return "strict"


@contextmanager
def safe_output() -> Iterator[None]:
    """While inside, ``sys.stdout`` and ``sys.stderr`` write :func:`safe_text` of what they get.

    Example:
        >>> with safe_output():
        ...     print("title\\x1b]0;x\\x07")
        title\\u001b]0;x\\u0007
    """
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        sys.stdout, sys.stderr = saved


class SafeGroup(click.Group):
    """A click group whose every invocation prints through :func:`safe_output`."""

    def main(self, *args, **kwargs):
        with safe_output():
            return super().main(*args, **kwargs)
