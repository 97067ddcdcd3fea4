"""What keeps a page offline: vis-network inlined or shared, and the external-reference check.

pyvis ships vis-network 9.1.2 (JS and CSS) and a small helper script. A page
written alone inlines them (about 0.7 MB, self-contained: it can be mailed). A
site writes them once with :func:`write_assets` and each page links them by a
relative path (``../assets/vis-network.min.js``), so its pages are a few KB.

Both kinds of pages are rendered from pyvis's own template through one cached
jinja environment per mode (:func:`template_env`); in the shared mode the
template's includes of the three files are replaced by markers that
:func:`link_assets` turns into ``<script src>`` / ``<link href>`` tags.

Text from the graph never trips :func:`external_refs` (so a label cannot stop a
site being written): in HTML it goes through :func:`escape_text`, in the
page's JSON data ``=``, ``(`` and ``@`` are written as ``\\u`` escapes too.

Example:
    >>> external_refs('<link href="//cdn.example/vis.css">')
    ['href="//cdn.example/vis.css"']
    >>> external_refs('<script src="../assets/vis-network.min.js"></script>')
    []
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import shutil
import urllib.parse
from pathlib import Path

import pyvis
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader

__all__ = ["ASSETS", "escape_text", "external_refs", "link_assets", "template_env", "write_assets"]

_TEMPLATES = Path(pyvis.__file__).resolve().parent / "templates"
#: shared file name -> the file of pyvis's templates that the page template includes.
ASSETS = {
    "vis-network.min.js": "lib/vis-9.1.2/vis-network.min.js",
    "vis-network.css": "lib/vis-9.1.2/vis-network.css",
    "pyvis-utils.js": "lib/bindings/utils.js",
}
_MARK = "/*ddgraph-asset:{}*/"
# a src / href / url() / @import whose target has a scheme (other than data:) or starts with //
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|formaction|poster|srcset|background)\s*=\s*["']?\s*|url\(\s*["']?\s*"""
    r"""|@import\s+(?:url\(\s*)?["']?\s*)(?!data:)(?:[a-z][a-z0-9+.\-]*:|//|\\\\)""",
    re.I,
)


def external_refs(page: str) -> list[str]:
    """Return every reference in an HTML / CSS text that leaves the local files (should be none).

    A reference is external when its target starts with ``//`` or has a scheme
    (``https:``, ``file:``, ``javascript:``...); ``data:`` URIs and relative
    paths are local.

    Example:
        >>> external_refs('<script src="https://x/y.js"></script><img src="data:,"><a href="a/b.html">')
        ['src="https://x/y.js"']
    """
    return [page[m.start(): m.end() + 40].split(">")[0] for m in _EXTERNAL.finditer(page)]


_NEUTRAL = str.maketrans({"=": "&#61;", "(": "&#40;", "@": "&#64;"})


def escape_text(text: str) -> str:
    """Escape text for HTML, and also ``=``, ``(`` and ``@``, so that no text can read as a reference.

    Example:
        >>> escape_text('<img src=x onerror=alert(1)>')
        '&lt;img src&#61;x onerror&#61;alert&#40;1)&gt;'
        >>> external_refs(escape_text('see href=https://x.example'))
        []
    """
    return html.escape(text).translate(_NEUTRAL)


def _json_dumps(obj, **kwargs) -> str:
    # "=", "(" and "@" occur only inside JSON strings: \u escapes read back the same
    return json.dumps(obj, **kwargs).replace("=", "\\u003d").replace("(", "\\u0028").replace("@", "\\u0040")


@functools.cache
def template_env(shared: bool) -> Environment:
    """The jinja environment that renders pyvis's page template (cached: compiled once).

    Args:
        shared: replace the inlined vis-network files by markers for :func:`link_assets`.

    Example:
        >>> env = template_env(True)
        >>> env.get_template("lib/vis-9.1.2/vis-network.css").render()
        '/*ddgraph-asset:vis-network.css*/'
    """
    files = FileSystemLoader(str(_TEMPLATES))
    if shared:
        marks = DictLoader({include: _MARK.format(name) for name, include in ASSETS.items()})
        env = Environment(loader=ChoiceLoader([marks, files]))
    else:
        env = Environment(loader=files)
    env.policies["json.dumps_function"] = _json_dumps
    return env


def write_assets(directory: str | Path) -> list[Path]:
    """Copy the shared vis-network files into ``directory`` (created) and return their paths.

    The copies are byte-identical to the files pyvis ships, so a site needs no network.

    Raises:
        RuntimeError: if a file would load anything from the network.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     sorted(p.name for p in write_assets(tmp))
        ['pyvis-utils.js', 'vis-network.css', 'vis-network.min.js']
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, include in ASSETS.items():
        source = _TEMPLATES / include
        bad = external_refs(source.read_text(encoding="utf-8"))
        if bad:
            raise RuntimeError(f"{source}: would load {bad[0]!r} from the network")
        target = out / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
        written.append(target)
    return written


def link_assets(page: str, page_path: str | Path, assets: str | Path) -> str:
    """Replace the asset markers of a page rendered with ``template_env(True)`` by relative links.

    Args:
        page: the rendered page.
        page_path: where the page will be written.
        assets: the directory written by :func:`write_assets`.

    Raises:
        RuntimeError: a marker is missing (pyvis's template changed).

    Example:
        >>> page = "<style>/*ddgraph-asset:vis-network.css*/</style>"
        >>> page += "".join(f"<script>/*ddgraph-asset:{n}*/</script>" for n in ("vis-network.min.js", "pyvis-utils.js"))
        >>> link_assets(page, "site/persons/a.html", "site/assets").split("><")[0]
        '<link rel="stylesheet" href="../assets/vis-network.css"'
    """
    rel = os.path.relpath(os.path.abspath(assets), os.path.dirname(os.path.abspath(page_path)))
    prefix = urllib.parse.quote(Path(rel).as_posix())
    for name in ASSETS:
        href = f"{prefix}/{name}"
        tag = (f'<link rel="stylesheet" href="{href}">' if name.endswith(".css")
               else f'<script src="{href}"></script>')
        element = ("<style>{}</style>" if name.endswith(".css") else "<script>{}</script>").format(_MARK.format(name))
        if element not in page:
            raise RuntimeError(f"pyvis's template no longer includes {ASSETS[name]} where expected")
        page = page.replace(element, tag, 1)
    return page
