"""The main text and metadata of an HTML page, with trafilatura.

A page nested deeper than :data:`MAX_DEPTH` elements would lose its text silently
(libxml2 drops what lies below 256 levels, and trafilatura's time grows with the
square of the depth): its text is then taken by a plain reader of the markup
(:mod:`html.parser`, no depth limit, blocks as paragraphs, scripts and styles left
out) and the page gets a warning saying so.

Example:
    >>> page = extract_html("<html><head><title>Umerov meets Lecornu | UNN</title></head><body><article>"
    ...                     "<p>Umerov met Lecornu in Paris to discuss air defense and drones.</p></article></body></html>")
    >>> page.title, page.text
    ('Umerov meets Lecornu', 'Umerov met Lecornu in Paris to discuss air defense and drones.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

#: Element depth past which trafilatura is not used (libxml2 keeps 255 levels).
MAX_DEPTH = 200


@dataclass(frozen=True)
class HtmlPage:
    """The main text of an HTML page (one paragraph a block) and its metadata."""

    text: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = ()


def extract_html(html: str) -> HtmlPage:
    """Extract the main text and metadata of an HTML page with trafilatura.

    The text still goes through :func:`clean_text` afterwards (trafilatura leaves
    datelines, "Read also" links and the like).

    Example:
        >>> page = extract_html("<html><head><title>Umerov meets Lecornu</title></head><body><article>"
        ...                     "<p>Umerov met Lecornu in Paris to discuss air defense and drones.</p>"
        ...                     "</article></body></html>")
        >>> page.text, page.title
        ('Umerov met Lecornu in Paris to discuss air defense and drones.', 'Umerov meets Lecornu')
    """
    import trafilatura  # slow to import: only for HTML input

    depth = _depth(html)
    warnings: tuple[str, ...] = ()
    if depth > MAX_DEPTH:
        text = plain_text(html)
        warnings = (f"HTML nested {depth} levels deep (over {MAX_DEPTH}): text read without the page's structure, "
                    "menus and links may remain",)
    else:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - metadata is optional; odd markup must not stop the run
        meta = None
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title, site = getattr(meta, "title", None) or None, getattr(meta, "sitename", None) or None
    if title and site:  # "Umerov meets Lecornu | UNN"
        title = re.sub(rf"\s+[|–—-]\s+{re.escape(site)}$", "", title) or title
    return HtmlPage(
        text="\n\n".join(lines),
        title=title,
        published=getattr(meta, "date", None) or None,
        publisher=site,
        url=getattr(meta, "url", None) or None,
        warnings=warnings,
    )


_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIP = frozenset("script style noscript template head title svg math iframe object".split())
_BLOCK = frozenset("p div section article main header footer nav aside h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table "
                   "tr td th blockquote pre figure figcaption form fieldset address hr br body html".split())


def _depth(html: str) -> int:
    """How deep the page's elements nest, as libxml2 would build them (lxml, no depth limit up to 2048).

    Example:
        >>> _depth("<html><body>" + "<div>" * 300 + "x" + "</div>" * 300 + "</body></html>")
        301
    """
    from lxml import etree, html as lxml_html

    parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):  # empty or no element at all
        return 0
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest - 1  # <html> is level 0


class _TextReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":
            self.skipping = 0  # a <head> left open ends here
        if tag in _SKIP and tag not in _VOID:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """The text of an HTML page without trusting its structure: one paragraph a block element,
    whatever the depth; scripts, styles and the head left out; time linear in the page's size.

    Example:
        >>> plain_text("<head><title>T</title></head><div><p>Umerov met  Lecornu.</p><script>x()</script>"
        ...            "<p>They discussed drones.</p></div>")
        'Umerov met Lecornu.\\n\\nThey discussed drones.'
    """
    reader = _TextReader()
    reader.feed(html)
    reader.close()
    blocks = "".join(reader.parts).split("\n")
    return "\n\n".join(" ".join(b.split()) for b in blocks if b.strip())
