"""Readers: .txt, .md, .html, .jsonl, folders and stdin, and every way an input can be bad."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import news_text

from kg.documents import read_file, read_inputs, read_item
from kg.errors import InputError
from kg.model import Document

DOCUMENTS = Path(__file__).parent / "data" / "documents"
STORY = "A suicide bomber struck Kabul on Monday.\nAt least six people were killed.\n"


def read_all(paths: list) -> tuple[list[Document], list[InputError]]:
    """Every document under ``paths`` and every error reported on the way."""
    errors: list[InputError] = []
    documents = list(read_inputs(paths, errors.append))
    return documents, errors


def only_error(path: Path) -> InputError:
    """The one error reading ``path`` reports (and that it yields no document)."""
    documents, errors = read_all([path])
    assert documents == []
    assert len(errors) == 1
    return errors[0]


def assert_one_line_naming(error: InputError, path: Path | str) -> None:
    message = str(error)
    assert "\n" not in message
    assert "\r" not in message
    assert message.startswith(str(path))


# --- plain text and Markdown ---------------------------------------------------------------------


def test_txt_is_one_document_with_its_text_unchanged(tmp_path: Path) -> None:
    """A .txt file is one Document: id is the file stem, text byte for byte, source the path."""
    path = tmp_path / "000_kabul.txt"
    path.write_bytes(STORY.encode("utf-8"))
    [document] = read_file(path)
    assert document == Document(id="000_kabul", text=STORY, source=str(path))


def test_md_is_read_as_text(tmp_path: Path) -> None:
    """A .md file is read like a .txt file: its Markdown is kept, not rendered."""
    text = "# Kabul bombing\n\n*Islamic State* claimed the attack.\n"
    path = tmp_path / "note.md"
    path.write_text(text, encoding="utf-8")
    [document] = read_file(path)
    assert (document.id, document.text) == ("note", text)


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    """A UTF-8 byte order mark is an encoding marker, not the document's first character."""
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    [document] = read_file(path)
    assert document.text == STORY


def test_suffix_case_does_not_matter(tmp_path: Path) -> None:
    """``REPORT.TXT`` is read by the .txt reader."""
    path = tmp_path / "REPORT.TXT"
    path.write_text(STORY, encoding="utf-8")
    assert [d.text for d in read_file(path)] == [STORY]


# --- HTML ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def html_document() -> Document:
    """The one document of ``tests/data/documents/article.html``."""
    [document] = read_file(DOCUMENTS / "article.html")
    return document


def test_html_keeps_the_article_text(html_document: Document) -> None:
    """The HTML reader keeps every paragraph of the article's main text."""
    text = html_document.text
    assert "Islamic State claimed responsibility on Tuesday" in text
    assert "Kabul police spokesman Khalid Zadran" in text
    assert "Islamic State Khorasan Province has continued" in text


def test_html_drops_navigation_and_footer(html_document: Document) -> None:
    """Menus, subscribe links and footer lines are page chrome, not text."""
    text = html_document.text
    for chrome in ("World desk menu", "Subscribe to our newsletter", "footer chrome", "Privacy"):
        assert chrome not in text
    assert "<" not in text  # no markup left


def test_html_title_date_and_url(html_document: Document) -> None:
    """Title, publication date and canonical URL come from the page's metadata."""
    assert html_document.id == "article"
    assert html_document.title == "Suicide bombing in Kabul kills six"
    assert html_document.date == "2024-09-03"
    assert html_document.url == "https://news.example.org/2024/09/03/kabul-bombing"
    assert html_document.source == str(DOCUMENTS / "article.html")


def test_html_publisher_is_the_site_name(html_document: Document) -> None:
    """``og:site_name`` becomes the document's publisher."""
    assert html_document.publisher == "Example News"


def test_html_without_main_text_is_an_error(tmp_path: Path) -> None:
    """A page with no main text is an InputError naming it, not an empty document."""
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", "utf-8")
    error = only_error(path)
    assert "no main text" in str(error)
    assert_one_line_naming(error, path)


# --- JSONL ---------------------------------------------------------------------------------------


def write_jsonl(path: Path, *lines: object) -> Path:
    """Write each line as given when it is a str, else as JSON."""
    body = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    path.write_text(body, encoding="utf-8")
    return path


def test_jsonl_record_fields(tmp_path: Path) -> None:
    """Each record is a Document: id is ``<stem>-<slug of id>``, url is the source,
    ``source`` is the publisher, and title and date are kept."""
    record = {
        "id": "Story 7",
        "text": STORY,
        "title": "Kabul bombing",
        "date": "2024-09-03",
        "url": "https://news.example.org/kabul",
        "source": "Example News",
    }
    path = write_jsonl(tmp_path / "feed.jsonl", record, {"id": 8, "text": "Second story."})
    first, second = read_file(path)
    assert first == Document(
        id="feed-story-7",
        text=STORY,
        source="https://news.example.org/kabul",
        title="Kabul bombing",
        date="2024-09-03",
        url="https://news.example.org/kabul",
        publisher="Example News",
    )
    assert second == Document(id="feed-8", text="Second story.", source=str(path))


def test_jsonl_blank_lines_are_skipped(tmp_path: Path) -> None:
    """Blank lines between records are not records and not errors."""
    path = write_jsonl(
        tmp_path / "feed.jsonl", {"id": 1, "text": "One."}, "", "  ", {"id": 2, "text": "Two."}
    )
    errors: list[InputError] = []
    assert [d.text for d in read_file(path, errors.append)] == ["One.", "Two."]
    assert errors == []


def test_malformed_jsonl_line_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    """A line that is not JSON goes to on_error as ``file:line`` and the other records stay."""
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        {"id": 1, "text": "One."},
        '{"id": 2, "text": "Two.',
        {"id": 3, "text": "Three."},
    )
    documents, errors = read_all([path])
    assert [d.text for d in documents] == ["One.", "Three."]
    [error] = errors
    assert error.line == 2
    assert str(error).startswith(f"{path}:2: malformed JSON")
    assert_one_line_naming(error, path)


def test_malformed_jsonl_line_raises_without_on_error(tmp_path: Path) -> None:
    """Without on_error, read_file raises the bad line's InputError."""
    path = write_jsonl(tmp_path / "feed.jsonl", {"id": 1, "text": "One."}, "[1, 2")
    with pytest.raises(InputError, match=r"feed\.jsonl:2: malformed JSON"):
        read_file(path)


@pytest.mark.parametrize(
    ("record", "why"),
    [
        ({"id": 1}, "record has no 'text'"),
        ({"id": 1, "text": "   "}, "record has no 'text'"),
        ({"id": 1, "text": None}, "record has no 'text'"),
        ({"text": "No id."}, "record has no 'id'"),
        (["a", "list"], "a record must be a JSON object"),
        ({"id": 1, "text": "T.", "title": 5}, "'title' must be a string"),
    ],
)
def test_bad_jsonl_record_is_reported_with_its_line(
    tmp_path: Path, record: object, why: str
) -> None:
    """A record without text (or id, or with a wrongly typed field) is reported at file:line."""
    path = write_jsonl(tmp_path / "feed.jsonl", {"id": 0, "text": "Good."}, record)
    documents, errors = read_all([path])
    assert [d.text for d in documents] == ["Good."]
    [error] = errors
    assert str(error) == f"{path}:2: {why}"


def test_jsonl_with_no_good_record_is_an_error(tmp_path: Path) -> None:
    """A JSONL file whose every record is bad also reports the file as a whole."""
    path = write_jsonl(tmp_path / "feed.jsonl", {"id": 1})
    documents, errors = read_all([path])
    assert documents == []
    assert [str(e) for e in errors] == [
        f"{path}:1: record has no 'text'",
        f"{path}: no readable record",
    ]


def test_jsonl_is_read_record_by_record(tmp_path: Path) -> None:
    """A JSONL feed is streamed, not read whole: a record appended to the file after the
    first one was handed out still arrives, so a feed of any size fits in memory."""
    path = write_jsonl(tmp_path / "feed.jsonl", {"id": 1, "text": "One."})
    errors: list[InputError] = []
    records = read_item(path, errors.append)
    first = next(records)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": 2, "text": "Two."}) + "\n")
    assert [first.text, *(d.text for d in records)] == ["One.", "Two."]
    assert errors == []


def test_jsonl_line_that_is_not_utf8_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    """A record that is not UTF-8 is reported at file:line with its byte and offset in the
    file; the records around it are kept."""
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        b'{"id": 1, "text": "One."}\n{"id": 2, "text": "\xe9t\xe9"}\n{"id": 3, "text": "Three."}\n'
    )
    documents, errors = read_all([path])
    assert [d.text for d in documents] == ["One.", "Three."]
    assert [str(e) for e in errors] == [f"{path}:2: not UTF-8 text (byte 0xe9 at offset 45)"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_jsonl_text_may_hold_unicode_line_separators(tmp_path: Path, separator: str) -> None:
    """Only ``\\n`` ends a JSONL record; a raw U+2028 inside a string is part of the text."""
    text = f"Kabul{separator}attack"
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": 1, "text": text}, ensure_ascii=False) + "\n", "utf-8")
    assert [d.text for d in read_file(path)] == [text]


# --- folders and stdin ---------------------------------------------------------------------------


def test_folder_is_read_in_sorted_order(tmp_path: Path) -> None:
    """A folder gives its .txt, .md, .html and .jsonl files (recursively) in sorted order;
    files of other types inside it are passed over."""
    (tmp_path / "b.txt").write_text("Bee story.", "utf-8")
    (tmp_path / "a.md").write_text("Ay story.", "utf-8")
    write_jsonl(tmp_path / "c.jsonl", {"id": 1, "text": "Sea one."}, {"id": 2, "text": "Sea two."})
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.html").write_bytes((DOCUMENTS / "article.html").read_bytes())
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7")
    documents, errors = read_all([tmp_path])
    assert errors == []
    assert [d.id for d in documents] == ["a", "b", "c-1", "c-2", "d"]


def test_stdin_is_one_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """``-`` reads stdin's bytes as UTF-8 into one document with id ``stdin``."""
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(STORY.encode())))
    documents, errors = read_all(["-"])
    assert errors == []
    assert documents == [Document(id="stdin", text=STORY, source="<stdin>")]


def test_empty_stdin_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """Empty stdin is an "empty document" error naming ``<stdin>``."""
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(b"\n")))
    documents, errors = read_all(["-"])
    assert documents == []
    assert [str(e) for e in errors] == ["<stdin>: empty document"]


# --- bad inputs ----------------------------------------------------------------------------------


def test_missing_path_fails_the_whole_call(tmp_path: Path) -> None:
    """A path that does not exist raises InputError before any document is read."""
    good = tmp_path / "good.txt"
    good.write_text(STORY, "utf-8")
    missing = tmp_path / "missing.txt"
    errors: list[InputError] = []
    documents = read_inputs([good, missing], errors.append)
    with pytest.raises(InputError) as caught:
        next(documents)
    assert str(caught.value) == f"{missing}: no such file or folder"
    assert errors == []


def test_empty_folder_fails_the_whole_call(tmp_path: Path) -> None:
    """A folder holding no readable file is an error for the call, naming the folder."""
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="folder holds no"):
        read_all([tmp_path])


def test_binary_file(tmp_path: Path) -> None:
    """A file with NUL bytes is reported as binary, not decoded."""
    path = tmp_path / "scan.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00\x08\x00Kabul")
    error = only_error(path)
    assert str(error) == f"{path}: binary file, not text"


def test_bad_utf8_names_the_byte_and_offset(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are reported with the first bad byte and its offset."""
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Kabul \xe9t\xe9 attack")
    error = only_error(path)
    assert str(error) == f"{path}: not UTF-8 text (byte 0xe9 at offset 6)"


@pytest.mark.parametrize("content", [b"", b"   ", b"\n\n\t\r\n", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    """An empty or blank file is an "empty document" error."""
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert str(only_error(path)) == f"{path}: empty document"


def test_unknown_suffix(tmp_path: Path) -> None:
    """A file given by name with an unknown suffix is reported, listing the known suffixes."""
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7")
    error = only_error(path)
    assert str(error).startswith(f"{path}: unknown file type '.pdf' (known: ")
    assert ".jsonl" in str(error)
    with pytest.raises(InputError, match="unknown file type"):
        read_file(path)


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    """read_inputs reports a bad file through on_error and still reads the good ones."""
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe")
    (tmp_path / "b.txt").write_text(STORY, "utf-8")
    documents, errors = read_all([tmp_path])
    assert [d.id for d in documents] == ["b"]
    assert [e.path for e in errors] == [str(tmp_path / "a.txt")]


# --- any text ------------------------------------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=news_text)
def test_any_text_reads_back_exactly(tmp_path: Path, text: str) -> None:
    """Any text written as UTF-8 to a .txt file reads back as one Document with exactly that
    text (less a leading byte order mark), or as an "empty document" InputError when blank."""
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode("utf-8"))
    expected = text.removeprefix("\ufeff")
    if not expected.strip():
        with pytest.raises(InputError, match="empty document"):
            read_file(path)
        return
    [document] = read_file(path)
    assert document.text == expected
    assert document.id == "story"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=news_text)
def test_any_text_reads_back_from_jsonl(tmp_path: Path, text: str) -> None:
    """Any text stored (ASCII-escaped) in a JSONL record's "text" reads back exactly,
    or the record is reported as having no text when it is blank."""
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": 1, "text": text}) + "\n", "utf-8")
    errors: list[InputError] = []
    if not text.strip():
        with pytest.raises(InputError, match="no readable record"):
            read_file(path, errors.append)
        assert [e.why for e in errors] == ["record has no 'text'"]
        return
    assert [d.text for d in read_file(path, errors.append)] == [text]
