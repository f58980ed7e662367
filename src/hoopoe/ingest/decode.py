"""Bytes to text, refusing what is not text rather than guessing.

Decoding order (first that applies wins):

1. a byte-order mark: UTF-8 BOM, UTF-32 LE/BE BOM, UTF-16 LE/BE BOM (strict; errors -> ``encoding``);
2. NUL bytes or a known binary signature (PDF, ZIP/DOCX, gzip, PNG, JPEG, GIF, ...) -> ``binary``;
3. strict UTF-8;
4. cp1252 (Windows Western, a superset of printable Latin-1), only when it decodes every byte *and*
   few characters are non-ASCII. Old English-language news archives are often cp1252; a file in
   another single-byte code page (Cyrillic cp1251, Greek, ...) also "decodes" as cp1252 but into
   mojibake, and mojibake is worse than a skip: those files give ``encoding``.

Decoded text must not be mostly control characters (``binary``). Line ends are normalised to ``\\n``
and a leading BOM is dropped; nothing else is changed, so character offsets into the text are stable.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from hoopoe.errors import BinaryInput, EmptyInput, EncodingError, MissingFile, TooLarge

#: How much of a file is sniffed for NUL bytes and control characters.
SNIFF_BYTES = 8192

#: Largest share of non-ASCII characters accepted from the cp1252 fallback. Calibrated by reasoning
#: over the two populations it separates: English news in cp1252 uses non-ASCII only for curly
#: quotes, dashes and accented names (about 0.5% of characters in the seed article re-encoded in
#: cp1252), while text in another single-byte script is mostly non-ASCII (> 50%). 10% keeps a wide
#: margin on both sides.
CP1252_MAX_NON_ASCII = 0.10

#: Largest share of control characters (other than tab, newline, carriage return, form feed) in
#: the sniffed head of a decoded file before it counts as binary. Text files have none; binary
#: formats that happen to decode (e.g. as cp1252) have many. 1% tolerates a few stray ones.
MAX_CONTROL_SHARE = 0.01

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Leading bytes of common binary formats that can reach a folder of articles.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX/EPUB)"),
    (b"\x1f\x8b", "gzip"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\xd0\xcf\x11\xe0", "MS Office (OLE)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
)

#: Bytes per character at most in any accepted encoding: a file with more bytes than this times
#: ``max_chars`` is too large without being read.
MAX_BYTES_PER_CHAR = 4


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The file's bytes; :class:`MissingFile` / :class:`EmptyInput` / :class:`TooLarge` otherwise."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise MissingFile(f"{path}: no such file") from None
    except OSError as e:
        raise MissingFile(f"{path}: cannot be read ({e.strerror or e})") from None
    if not path.is_file():
        raise MissingFile(f"{path}: not a file")
    if size == 0:
        raise EmptyInput(f"{path}: empty file")
    if max_bytes is not None and size > max_bytes:
        raise TooLarge(f"{path}: {size} bytes, more than the limit of {max_bytes}")
    try:
        return path.read_bytes()
    except OSError as e:
        raise MissingFile(f"{path}: cannot be read ({e.strerror or e})") from None


def _check_control(text: str, where: str) -> None:
    head = text[:SNIFF_BYTES]
    bad = sum(1 for c in head if (c < " " and c not in "\t\n\r\f") or "\x7f" <= c <= "\x9f")
    if head and bad / len(head) > MAX_CONTROL_SHARE:
        raise BinaryInput(f"{where}: binary content ({bad} control characters in the first {len(head)})")


def has_wide_bom(data: bytes) -> bool:
    """Whether the bytes start with a UTF-16 or UTF-32 byte-order mark."""
    return any(data.startswith(bom) for bom, codec in _BOMS if codec != "utf-8-sig")


def sniff_binary(data: bytes, where: str = "input") -> None:
    """:class:`BinaryInput` when the bytes start with a binary signature or hold NUL bytes early
    (call only on data without a UTF-16/32 byte-order mark)."""
    for sig, name in _SIGNATURES:
        if data.startswith(sig):
            raise BinaryInput(f"{where}: binary file ({name}), not text")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise BinaryInput(f"{where}: binary file (NUL bytes), not text")


def decode(data: bytes, where: str = "input") -> str:
    """Text from bytes by the order in the module docstring; line ends normalised to ``\\n``."""
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                raise EncodingError(f"{where}: starts with a {codec} byte-order mark but does not decode ({e.reason} at byte {e.start})") from None
            text = text.lstrip("\ufeff")
            break
    if text is None:
        sniff_binary(data, where)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            text = _cp1252(data, where, e)
    _check_control(text, where)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _cp1252(data: bytes, where: str, utf8_error: UnicodeDecodeError) -> str:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise EncodingError(f"{where}: neither UTF-8 (bad byte at {utf8_error.start}) nor cp1252") from None
    non_ascii = sum(1 for c in text if c > "\x7f")
    if non_ascii / max(len(text), 1) > CP1252_MAX_NON_ASCII:
        raise EncodingError(
            f"{where}: not UTF-8 (bad byte at {utf8_error.start}) and too much non-ASCII for cp1252 "
            f"({non_ascii} of {len(text)} characters): re-save it as UTF-8")
    return text


def read_text(path: Path, max_chars: int) -> str:
    """A file's decoded text; the :mod:`hoopoe.errors` subclass named by its problem otherwise."""
    data = read_bytes(path, max_bytes=max_chars * MAX_BYTES_PER_CHAR)
    text = decode(data, str(path))
    if not text.strip():
        raise EmptyInput(f"{path}: only white space")
    if len(text) > max_chars:
        raise TooLarge(f"{path}: {len(text)} characters, more than the limit of {max_chars}")
    return text
