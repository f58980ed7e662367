"""read_articles / read_text_file over every input kind and every bad input."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from hoopoe.errors import BinaryInput, EmptyInput, EncodingError, MissingFile, TooLarge
from hoopoe.ingest import Skip, read_articles, read_text_file
from hoopoe.records import Article

NEWS = ("Security forces said on Tuesday they had arrested three men suspected of planning an attack on "
        "a police station. The interior ministry said the men were detained in a dawn raid.\n")


def one(path, **kw):
    items = list(read_articles([path], **kw))
    assert len(items) == 1, items
    return items[0]


def skip_reason(path, **kw) -> str:
    item = one(path, **kw)
    assert isinstance(item, Skip), item
    assert item.origin == str(path) and item.message
    return item.reason


# ---------------------------------------------------------------- bad input: one reason each

@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n\t \n", "empty"),
    ("nul.txt", b"Some text\x00\x00\x01\x02 and binary", "binary"),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("control.txt", bytes(range(1, 9)) * 20 + b"text", "binary"),
    ("cyrillic.txt", "Боевики атаковали блокпост на окраине города.".encode("cp1251"), "encoding"),
    ("bad16.txt", codecs.BOM_UTF16_LE + b"A\x00\x00\xd8", "encoding"),
    ("empty.html", b"<!DOCTYPE html><html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>",
     "no-text"),
    ("empty.jsonl", b"\n\n", "empty"),
    ("notafeed.xml", b"<?xml version='1.0'?><config><value>1</value></config>", "no-text"),
    ("nofeedentries.rss", b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>", "no-text"),
])
def test_bad_files_give_their_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    assert skip_reason(path) == reason


def test_missing_file(tmp_path):
    assert skip_reason(tmp_path / "nope.txt") == "missing-file"


def test_too_large(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(NEWS * 10, encoding="utf-8")
    assert skip_reason(path, max_chars=100) == "too-large"
    assert isinstance(one(path, max_chars=len(NEWS) * 10), Article)


def test_too_large_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 5000)
    item = one(path, max_chars=1000)
    assert item.reason == "too-large" and "bytes" in item.message


def test_bad_inputs_never_stop_the_batch(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "c.bin").write_bytes(b"\x00\x01\x02")
    items = list(read_articles([tmp_path / "missing", tmp_path]))
    assert [type(i).__name__ for i in items] == ["Skip", "Skip", "Article", "Skip"]
    assert [i.reason for i in items if isinstance(i, Skip)] == ["missing-file", "empty", "binary"]


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_encodings_decode_to_the_same_text(tmp_path, encoding):
    text = "Officials in Tamanrasset said the convoy \u2014 led by S\u00e9gou\u2019s governor \u2014 arrived.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text_file(path) == text
    assert one(path).text == text


def test_line_ends_are_normalised_and_offsets_kept(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"  First paragraph.\r\n\r\nSecond one.\r\n")
    assert read_text_file(path) == "  First paragraph.\n\nSecond one.\n"


@pytest.mark.parametrize("name,data,error", [
    ("empty.txt", b"", EmptyInput),
    ("bin.txt", b"\x00\x01", BinaryInput),
    ("greek.txt", "Ο στρατός ανακοίνωσε νέα μέτρα ασφαλείας.".encode("cp1253"), EncodingError),
])
def test_read_text_file_raises_typed_errors(tmp_path, name, data, error):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as info:
        read_text_file(path)
    assert str(path) in str(info.value)


def test_read_text_file_missing_and_too_large(tmp_path):
    with pytest.raises(MissingFile):
        read_text_file(tmp_path / "nope.txt")
    (tmp_path / "a.txt").write_text(NEWS)
    with pytest.raises(TooLarge):
        read_text_file(tmp_path / "a.txt", max_chars=20)


def test_seed_article_text_is_the_file(shared_dir):
    path = shared_dir / "corpus" / "kunduz-2021-10.txt"
    text = read_text_file(path)
    assert text == path.read_text(encoding="utf-8")
    art = one(path, published=date(2021, 10, 11))
    assert art.title is None and art.text == text and art.published == date(2021, 10, 11)


# ---------------------------------------------------------------- plain text and headlines

def test_headline_becomes_title(fixtures_dir):
    art = one(fixtures_dir / "ingest" / "headline.txt")
    assert art.title == "Flooding displaces thousands in river delta"
    assert art.text.startswith("Heavy monsoon rains flooded")
    assert art.id.startswith("sha1:") and len(art.id) == 5 + 16


@pytest.mark.parametrize("text", [
    "The army said on Monday it had retaken the town.\n\nFighting continued.\n",  # a sentence
    "KABUL, Oct 8 (Reuters) -\n\nA blast hit a mosque.\n",  # a lead-in
    "Blast hits mosque\nA second line follows at once.\n",  # no blank line
    "only lower case words here\n\nBody text.\n",
    ("A " * 100) + "\n\nBody.\n",  # too long for a headline
    "Headline with nothing after\n\n",
])
def test_first_line_kept_when_not_clearly_a_headline(tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    art = one(path)
    assert art.title is None and art.text == text


# ---------------------------------------------------------------- dates and the published argument

def test_published_argument_only_fills_missing_dates(fixtures_dir):
    arts = {a.id: a for a in read_articles([fixtures_dir / "ingest" / "articles.jsonl"], published="2020-01-01")
            if isinstance(a, Article)}
    assert arts["wire-001"].published == date(2024, 2, 11)
    assert arts["wire-007"].published == date(2020, 1, 1)


def test_bad_published_argument_is_the_callers_error(tmp_path):
    from hoopoe.errors import BadDate

    with pytest.raises(BadDate):
        list(read_articles([tmp_path], published="last Friday"))


# ---------------------------------------------------------------- kinds by content

def test_html_content_with_a_txt_extension_is_read_as_html(tmp_path, fixtures_dir):
    path = tmp_path / "saved-page.txt"
    path.write_bytes((fixtures_dir / "ingest" / "page.html").read_bytes())
    art = one(path)
    assert art.title == "Ceasefire collapses in northern province" and "<p>" not in art.text


def test_hidden_files_and_folders_are_skipped_and_order_is_sorted(tmp_path):
    for rel in ("b.txt", "a/z.txt", "a/y.txt", ".hidden.txt", ".git/c.txt"):
        p = tmp_path / rel
        p.parent.mkdir(exist_ok=True)
        p.write_text(f"Report {rel} said troops withdrew from the town on Monday.\n")
    origins = [Path(a.origin).relative_to(tmp_path).as_posix() for a in read_articles([tmp_path])]
    assert origins == ["a/y.txt", "a/z.txt", "b.txt"]


# ---------------------------------------------------------------- one file, as the CLI reads it

def test_read_article_of_each_kind(fixtures_dir):
    from hoopoe.ingest import read_article

    folder = fixtures_dir / "ingest"
    assert read_article(folder / "page.html").title == "Ceasefire collapses in northern province"
    assert read_article(folder / "headline.txt", published="2021-01-02").published == date(2021, 1, 2)
    assert read_article(folder / "rss2.xml").id == "sahel-monitor-2023-0314-01"
    assert read_article(folder / "articles.jsonl").id == "wire-001"


@pytest.mark.parametrize("name,data,error", [
    ("nothing.html", b"<html><body></body></html>", "NoTextError"),
    ("bad.jsonl", b'not json\n{"id": 1}\n', "BadRecord"),
    ("dates.jsonl", b'{"text": "Troops left.", "published": "soon"}\n', "BadDate"),
    ("empty.txt", b"", "EmptyInput"),
])
def test_read_article_raises_the_typed_error(tmp_path, name, data, error):
    from hoopoe import errors
    from hoopoe.ingest import read_article

    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(getattr(errors, error)) as info:
        read_article(path)
    assert info.value.reason == getattr(errors, error).reason
