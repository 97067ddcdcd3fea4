"""Listing folders and reading files without trusting them: the file-system half of :mod:`ingest.read`.

Every problem is one :class:`InputError` line appended to the caller's list and
costs one file or one folder: a folder that cannot be listed, a symbolic link
loop or a broken link, a FIFO, socket or device (never opened: a FIFO would block
the run), a file that vanishes or grows between listing and reading, a name
that is not UTF-8 (shown with ``\\x..`` escapes).

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("x", encoding="utf-8")
    >>> (folder / "loop.txt").symlink_to(folder / "loop.txt")
    >>> errors = []
    >>> [p.name for p in list_files([folder], errors)], [e.problem for e in errors]
    (['a.txt'], ['symbolic link loop'])
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ddgraph.graph.errors import InputError

_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device"}


def display(path: str | Path) -> str:
    """``path`` as text that can be printed and stored: bytes that are not UTF-8 as ``\\xNN``.

    Example:
        >>> display(os.fsdecode(b"caf\\xe9.txt"))
        'caf\\\\xe9.txt'
    """
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def _problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return exc.strerror or str(exc)


def list_files(paths: Iterable[Path], errors: list[InputError]) -> Iterator[Path]:
    """Yield the files named by ``paths`` and those inside the folders among them, once each.

    Folders are walked in sorted order, hidden entries (".name") skipped; symbolic
    links are followed, each real folder and file is visited once (so a link back
    to a parent folder costs nothing). What is not a regular file is reported.

    Example:
        >>> errors = []
        >>> list(list_files([Path("/dev/null"), Path("no/such")], errors)), [str(e) for e in errors]
        ([], ['/dev/null: not a regular file (a character device)', 'no/such: no such file or directory'])
    """
    seen: set[tuple[int, int]] = set()
    for path in paths:
        yield from _walk(path, errors, seen, top=True)


def _walk(path: Path, errors: list[InputError], seen: set[tuple[int, int]], top: bool = False) -> Iterator[Path]:
    try:
        st = os.stat(path)
    except OSError as exc:
        if not top and exc.errno == errno.ENOENT and os.path.islink(path):
            errors.append(InputError(display(path), "broken symbolic link"))
        else:
            errors.append(InputError(display(path), _problem(exc)))
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return
    seen.add(key)
    if stat.S_ISREG(st.st_mode):
        yield path
    elif stat.S_ISDIR(st.st_mode):
        try:
            with os.scandir(path) as entries:
                names = sorted(e.name for e in entries if not e.name.startswith("."))
        except OSError as exc:
            errors.append(InputError(display(path), f"cannot read folder ({_problem(exc)})"))
            return
        for _is_dir, name in sorted((_is_folder(path / name), name) for name in names):
            yield from _walk(path / name, errors, seen)  # a folder's files first, then its folders
    else:
        errors.append(InputError(display(path), f"not a regular file ({_KINDS.get(stat.S_IFMT(st.st_mode), 'special')})"))


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def read_bytes(path: Path, limit: int, errors: list[InputError], too_large: Callable[[int, int], str]) -> bytes | None:
    """The bytes of the regular file ``path`` if it has at most ``limit``, else None after noting why not.

    The file is opened without blocking and checked again once open (it may have been
    replaced by a FIFO since it was listed); at most ``limit + 1`` bytes are read, so a
    file that grows meanwhile is refused, not read without end.

    Args:
        too_large: (size, limit) -> the problem to report for a file over the limit.

    Example:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = path.write_bytes(b"12345")
        >>> errors = []
        >>> read_bytes(path, 10, errors, str), read_bytes(path, 4, errors, lambda n, k: f"{n} > {k}"), errors[0].problem
        (b'12345', None, '5 > 4')
    """
    name = display(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        errors.append(InputError(name, _problem(exc) if exc.errno in (errno.ENOENT, errno.ELOOP)
                                 else f"cannot read file ({_problem(exc)})"))
        return None
    with os.fdopen(fd, "rb") as f:
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                errors.append(InputError(name, f"not a regular file ({_KINDS.get(stat.S_IFMT(st.st_mode), 'special')})"))
                return None
            if st.st_size > limit:
                errors.append(InputError(name, too_large(st.st_size, limit)))
                return None
            data = f.read(limit + 1)
        except OSError as exc:
            errors.append(InputError(name, f"cannot read file ({_problem(exc)})"))
            return None
    if len(data) > limit:
        errors.append(InputError(name, too_large(len(data), limit) + " (it grew while being read)"))
        return None
    return data
