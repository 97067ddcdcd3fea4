"""The main text and metadata of an HTML page, with trafilatura.

Example:
    >>> page = extract_html("<html><head><title>Umerov meets Lecornu | UNN</title></head><body><article>"
    ...                     "<p>Umerov met Lecornu in Paris to discuss air defense and drones.</p></article></body></html>")
    >>> page.title, page.text
    ('Umerov meets Lecornu', 'Umerov met Lecornu in Paris to discuss air defense and drones.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class HtmlPage:
    """The main text of an HTML page (one paragraph a block) and its metadata."""

    text: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None


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
    )
