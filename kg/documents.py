"""Readers: plain text, Markdown, HTML and JSONL files, folders of them, and stdin.

Each reader returns :class:`~kg.model.Document` records. A file that cannot be read
raises :class:`~kg.errors.InputError` naming it; :func:`read_inputs` reports such a file
(or a bad JSONL line) through ``on_error`` and goes on with the others.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ids import slug
from kg.model import Document

__all__ = [
    "READERS", "expand_paths", "iter_file", "read_file", "read_inputs", "read_item", "read_text",
]  # fmt: skip

STDIN = "-"


def _decode(path: Path | str, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
    if not text.strip():
        raise InputError(path, "empty document")
    return text


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc


def read_text(path: Path) -> list[Document]:
    """A ``.txt`` or ``.md`` file is one document, its text kept as it is."""
    text = _decode(path, _read_bytes(path))
    return [Document(id=path.stem, text=text, source=str(path))]


def read_html(path: Path) -> list[Document]:
    """An HTML page is one document: its main text, title and date, without the chrome."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    html = _decode(path, _read_bytes(path))
    extracted = trafilatura.extract(
        html, output_format="json", with_metadata=True, include_comments=False, favor_recall=True
    )
    record = json.loads(extracted) if extracted else {}
    text = (record.get("text") or "").strip()
    if not text:
        raise InputError(path, "HTML page holds no main text")
    return [
        Document(
            id=path.stem,
            text=text,
            source=str(path),
            title=record.get("title"),
            date=record.get("date"),
            url=record.get("source"),
            publisher=record.get("sitename") or record.get("source-hostname"),
        )
    ]


def _record(path: Path, number: int, line: str) -> Document:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON: {exc.msg}", line=number) from exc
    if not isinstance(data, dict):
        raise InputError(path, "a record must be a JSON object", line=number)
    for key in ("id", "text"):
        if not isinstance(data.get(key), str | int) or not str(data[key]).strip():
            raise InputError(path, f"record has no '{key}'", line=number)
    optional = {}
    for key in ("title", "date", "url", "source"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(path, f"'{key}' must be a string", line=number)
        optional[key] = value
    return Document(
        id=f"{path.stem}-{slug(str(data['id']))}",
        text=str(data["text"]),
        source=optional["url"] or str(path),
        title=optional["title"],
        date=optional["date"],
        url=optional["url"],
        publisher=optional["source"],
    )


def read_jsonl_records(
    path: Path, on_error: Callable[[InputError], None] | None = None
) -> Iterator[Document]:
    """One document per JSONL record (``id``, ``text``; ``title``, ``date``, ``url``, ``source``).

    Records are read one line at a time, so a feed of any size takes the memory of its
    longest record. A bad line goes to ``on_error`` and the other records are kept;
    without ``on_error`` it is raised.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    with handle:
        offset, blank, read = 0, True, 0
        # JSONL records end at "\n" only (a binary file's lines): U+2028 and friends may
        # stand inside a JSON string
        for number, raw in enumerate(handle, 1):
            if number == 1 and b"\x00" in raw[:8192]:
                raise InputError(path, "binary file, not text")
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                error = InputError(
                    path,
                    f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {offset + exc.start})",
                    line=number,
                )
                if on_error is None:
                    raise error from exc
                on_error(error)
                continue
            finally:
                offset += len(raw)
            if not line.strip():
                continue
            blank = False
            try:
                document = _record(path, number, line)
            except InputError as error:
                if on_error is None:
                    raise
                on_error(error)
                continue
            read += 1
            yield document
    if blank:
        raise InputError(path, "empty document")
    if not read:
        raise InputError(path, "no readable record")


READERS: dict[str, Callable[[Path], Iterable[Document]]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl_records,
}


def read_file(path: Path, on_error: Callable[[InputError], None] | None = None) -> list[Document]:
    """Read one file with the reader its suffix names."""
    return list(iter_file(path, on_error))


def iter_file(
    path: Path, on_error: Callable[[InputError], None] | None = None
) -> Iterator[Document]:
    """The documents of one file, as its reader reads them: a JSONL feed record by record."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(path, f"unknown file type '{path.suffix}' (known: {known})")
    if reader is read_jsonl_records:
        return read_jsonl_records(path, on_error)
    return iter(reader(path))


def expand_paths(paths: Iterable[str | Path]) -> list[Path | str]:
    """The files under ``paths`` in a stable order (``-`` stays for stdin).

    A path that does not exist is an error for the whole call.
    """
    return list(_expand(paths))


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    for raw in paths:
        if str(raw) == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS
            )
            if not found:
                raise InputError(path, "folder holds no .txt, .md, .html or .jsonl file")
            yield from found
        elif path.exists():
            yield path
        else:
            raise InputError(path, "no such file or folder")


def read_item(item: Path | str, on_error: Callable[[InputError], None]) -> Iterator[Document]:
    """The documents of one expanded path; a bad one goes to ``on_error``, and what was
    read before it is kept."""
    try:
        if item == STDIN:
            text = _decode("<stdin>", sys.stdin.buffer.read())
            yield Document(id="stdin", text=text, source="<stdin>")
            return
        yield from iter_file(Path(item), on_error)
    except InputError as error:
        on_error(error)


def read_inputs(
    paths: Iterable[str | Path], on_error: Callable[[InputError], None]
) -> Iterator[Document]:
    """Every document under ``paths`` (files, folders, ``-`` for stdin), in a stable order.

    A missing path is an error for the whole call; an unreadable document goes to
    ``on_error`` and the rest are still read.
    """
    for item in expand_paths(paths):
        yield from read_item(item, on_error)
