"""Readers for the open corpora the shipped model is trained and evaluated on (../shared/data/nlp).

Each reader yields spaCy ``Doc`` objects, one per source document (document boundaries kept), with the gold
annotation the corpus has: sentence starts, UPOS/XPOS/features/heads/labels for the treebanks, and named
entities reduced to hoopoe's three types PER/ORG/LOC. Tokens whose entity status is unknown are left
*missing* (spaCy then neither rewards nor penalises a prediction there) rather than forced to "O".

Used by ``training/`` (conversion to DocBins) and by ``hoopoe.eval.nlp`` (scoring the held-out splits).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

log = logging.getLogger(__name__)

LABELS = ("PER", "ORG", "LOC")

# Relative paths inside ../shared/data/nlp
EWT_DIR = "UD_English-EWT"
UNER_DIR = "UNER_English-EWT"
GUM_DIR = "UD_English-GUM-ccby"
WIKIGOLD_FILE = "wikigold/wikigold.conll.txt"
WNUT_DIR = "WNUT17"
RE3D_DIR = "re3d"

# wikigold has no official split: articles are numbered in file order and every WIKIGOLD_TEST_EVERY-th one
# (0, 5, 10, ...) is held out for evaluation; the other 4/5 may be used for training.
WIKIGOLD_TEST_EVERY = 5


@dataclass
class Sentence:
    sent_id: str
    words: list[str]
    spaces: list[bool]
    upos: list[str] = field(default_factory=list)
    xpos: list[str] = field(default_factory=list)
    feats: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # absolute index within the sentence, self for root
    deps: list[str] = field(default_factory=list)
    misc: list[str] = field(default_factory=list)
    newpar: bool = False
    text: str = ""


@dataclass
class ConlluDoc:
    doc_id: str
    sentences: list[Sentence]
    genre: str = ""


def read_conllu(path: Path) -> list[ConlluDoc]:
    """Documents of a CoNLL-U file (``# newdoc`` starts one); multi-word tokens are expanded into their
    syntactic words, the range line's SpaceAfter applying to the last word."""
    docs: list[ConlluDoc] = []
    sent: Sentence | None = None
    mwt_end = -1
    mwt_space = True
    pending_newpar = False
    sent_count = 0

    def flush():
        nonlocal sent, mwt_end
        mwt_end = -1
        if sent is not None and sent.words:
            if not docs:
                docs.append(ConlluDoc(doc_id=f"{path.stem}-doc0", sentences=[]))
            docs[-1].sentences.append(sent)
        sent = None

    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line:
                flush()
                continue
            if line.startswith("#"):
                if line.startswith("# newdoc"):
                    flush()
                    doc_id = line.split("=", 1)[1].strip() if "=" in line else f"{path.stem}-doc{len(docs)}"
                    docs.append(ConlluDoc(doc_id=doc_id, sentences=[]))
                    pending_newpar = True
                elif line.startswith("# newpar"):
                    pending_newpar = True
                elif line.startswith("# meta::genre"):
                    if docs:
                        docs[-1].genre = line.split("=", 1)[1].strip()
                elif line.startswith("# sent_id"):
                    sent = Sentence(sent_id=line.split("=", 1)[1].strip(), words=[], spaces=[])
                    sent.newpar = pending_newpar
                    pending_newpar = False
                    sent_count += 1
                elif line.startswith("# text =") and sent is not None:
                    sent.text = line.split("=", 1)[1].strip()
                continue
            cols = line.split("\t")
            if sent is None:
                sent = Sentence(sent_id=f"{path.stem}-{sent_count}", words=[], spaces=[])
                sent_count += 1
            if "." in cols[0]:
                continue  # empty node
            if "-" in cols[0]:
                _, end = cols[0].split("-")
                mwt_end = int(end)
                mwt_space = "SpaceAfter=No" not in cols[9]
                continue
            idx = int(cols[0])
            sent.words.append(cols[1])
            if idx < mwt_end:
                sent.spaces.append(False)
            elif idx == mwt_end:
                sent.spaces.append(mwt_space)
            else:
                sent.spaces.append("SpaceAfter=No" not in cols[9])
            sent.upos.append(cols[3])
            sent.xpos.append(cols[4])
            sent.feats.append("" if cols[5] == "_" else cols[5])
            head = int(cols[6])
            sent.heads.append(head - 1 if head > 0 else idx - 1)
            sent.deps.append(cols[7])
            sent.misc.append(cols[9])
    flush()
    if docs and not docs[0].sentences:
        docs.pop(0)
    return docs


def _doc_text_spaces(sentences: list[Sentence]) -> tuple[list[str], list[bool]]:
    words: list[str] = []
    spaces: list[bool] = []
    for s in sentences:
        words.extend(s.words)
        sp = list(s.spaces)
        sp[-1] = True  # sentences are separated by a space
        spaces.extend(sp)
    return words, spaces


def conllu_to_doc(vocab: Vocab, cdoc: ConlluDoc, ents: list[list[str]] | None = None, syntax: bool = True) -> Doc:
    """One spaCy Doc for a treebank document; ``ents`` (per sentence, per word IOB strings, "" = missing)
    when entity annotation is known."""
    words, spaces = _doc_text_spaces(cdoc.sentences)
    kwargs: dict = {}
    sent_starts: list[bool] = []
    heads: list[int] = []
    offset = 0
    for s in cdoc.sentences:
        sent_starts.extend([True] + [False] * (len(s.words) - 1))
        heads.extend(h + offset for h in s.heads)
        offset += len(s.words)
    if syntax:
        kwargs = dict(
            pos=[u for s in cdoc.sentences for u in s.upos],
            tags=[x for s in cdoc.sentences for x in s.xpos],
            morphs=[f for s in cdoc.sentences for f in s.feats],
            heads=heads,
            deps=[d for s in cdoc.sentences for d in s.deps],
        )
    else:
        kwargs = dict(sent_starts=sent_starts)
    doc = Doc(vocab, words=words, spaces=spaces, **kwargs)
    doc.user_data["doc_id"] = cdoc.doc_id
    if ents is not None:
        flat = [t for sent in ents for t in sent]
        set_iob(doc, flat)
    return doc


def set_iob(doc: Doc, iob: list[str]) -> None:
    """Entities from per-token IOB2 strings; "" marks a token whose status is unknown (missing)."""
    spans = []
    missing = []
    outside = []
    start = None
    label = None
    for i, tag in enumerate(list(iob) + ["O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            spans.append(doc.char_span(doc[start].idx, doc[i - 1].idx + len(doc[i - 1]), label=label))
            start = None
        if i == len(iob):
            break
        if tag == "":
            missing.append(doc[i : i + 1])
        elif tag == "O":
            outside.append(doc[i : i + 1])
        elif tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    doc.set_ents([s for s in spans if s is not None], missing=missing, outside=outside, default="unmodified")


# --- UniversalNER on EWT -----------------------------------------------------------------------------


def read_uner(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """sent_id -> (tokens, IOB tags) with only PER/ORG/LOC kept (OTH and the stray "B-O" become O)."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    sid = None
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("# sent_id"):
                sid = line.split("=", 1)[1].strip()
                toks, tags = [], []
                continue
            if line.startswith("#"):
                continue
            if not line:
                if sid is not None:
                    out[sid] = (toks, tags)
                sid = None
                continue
            cols = line.split("\t")
            tag = cols[2] if len(cols) > 2 else "O"
            if tag[2:] not in LABELS:
                tag = "O"
            toks.append(cols[1])
            tags.append(tag)
    if sid is not None:
        out[sid] = (toks, tags)
    return out


def align_iob(words: list[str], toks: list[str], tags: list[str]) -> list[str] | None:
    """Project IOB tags from another tokenisation of the same sentence onto ``words`` by characters;
    None when the texts differ or an entity boundary falls inside a word."""
    if words == toks:
        return list(tags)
    if "".join(words) != "".join(toks):
        return None
    # entity char spans on the token side
    ents = []
    pos = 0
    start = None
    label = None
    for tok, tag in zip(toks + [""], tags + ["O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            ents.append((start, pos, label))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = pos, tag[2:]
        pos += len(tok)
    starts, ends = {}, {}
    pos = 0
    for i, w in enumerate(words):
        starts[pos] = i
        pos += len(w)
        ends[pos] = i
    out = ["O"] * len(words)
    for s, e, lab in ents:
        if s not in starts or e not in ends:
            return None
        a, b = starts[s], ends[e]
        out[a] = "B-" + lab
        for k in range(a + 1, b + 1):
            out[k] = "I-" + lab
    return out


def ewt_docs(vocab: Vocab, data: Path, split: str, with_ner: bool = True) -> Iterator[Doc]:
    """EWT documents with UNER entities merged by sent_id (sentences without a UNER counterpart get
    missing entity annotation). The train split uses the UNER first-commit file (see SOURCES.md)."""
    cdocs = read_conllu(data / EWT_DIR / f"en_ewt-ud-{split}.conllu")
    uner: dict = {}
    if with_ner:
        name = "en_ewt-ud-train.first-commit-0c7ce0d.iob2" if split == "train" else f"en_ewt-ud-{split}.iob2"
        upath = data / UNER_DIR / name
        if upath.is_file():
            uner = read_uner(upath)
        else:
            log.warning("UNER file %s missing: EWT %s has no entity annotation", upath, split)
    unmatched = 0
    for cdoc in cdocs:
        ents = None
        if uner:
            ents = []
            for s in cdoc.sentences:
                got = uner.get(s.sent_id)
                iob = align_iob(s.words, *got) if got else None
                if iob is None:
                    unmatched += 1
                    iob = [""] * len(s.words)
                ents.append(iob)
        yield conllu_to_doc(vocab, cdoc, ents)
    if unmatched:
        log.info("EWT %s: %d sentences without a UNER match (entities missing there)", split, unmatched)


# --- GUM -------------------------------------------------------------------------------------------

_GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
_ENTITY_OPEN = re.compile(r"\((\d+)-([a-z]+)((?:-[^()-]*)*)")
_ENTITY_CLOSE = re.compile(r"(\d+)\)")
# lower-case words allowed inside a name ("University of Chicago", "Bureau of Alcohol, Tobacco and Firearms")
_NAME_INNER = {"of", "the", "de", "du", "la", "le", "von", "van", "der", "al", "bin", "ibn", "-", ".", "'s", "'"}
_ORG_INNER = {"and", "&", "for", ","}


def _gum_mentions(s: Sentence) -> list[tuple[int, int, str, str]]:
    """(start, end_exclusive, type, identity) of the coreference mentions opened and closed in a sentence."""
    open_: dict[str, list[tuple[int, str, str]]] = {}
    out = []
    for i, misc in enumerate(s.misc):
        m = re.search(r"(?:^|\|)Entity=([^|]*)", misc)
        if not m:
            continue
        val = m.group(1)
        pos = 0
        while pos < len(val):
            if val[pos] == "(":
                mo = _ENTITY_OPEN.match(val, pos)
                if not mo:
                    pos += 1
                    continue
                fields = mo.group(3).split("-")
                identity = fields[-1] if len(fields) >= 7 else ""
                eid = mo.group(1)
                pos = mo.end()
                if pos < len(val) and val[pos] == ")":
                    out.append((i, i + 1, mo.group(2), identity))
                    pos += 1
                else:
                    open_.setdefault(eid, []).append((i, mo.group(2), identity))
            else:
                mc = _ENTITY_CLOSE.match(val, pos)
                if not mc:
                    pos += 1
                    continue
                eid = mc.group(1)
                if open_.get(eid):
                    st, typ, ident = open_[eid].pop()
                    out.append((st, i + 1, typ, ident))
                pos = mc.end()
    return out


# titles and roles written before a person's name (a closed class; compared lower-cased, hyphen parts too)
PERSON_TITLES = frozenset("""
    mr mrs ms miss mx sir dame lord lady dr doctor prof professor rev reverend fr father sister brother
    president vice prime premier minister secretary chancellor governor senator sen rep representative
    congressman congresswoman councillor councilman councilwoman mayor judge justice attorney ambassador envoy
    administrator director chairman chairwoman chair ceo cfo chief commissioner commander gen general col
    colonel capt captain lt lieutenant sgt sergeant maj major admiral marshal officer inspector detective
    agent constable corporal private king queen prince princess emperor empress crown pope cardinal bishop
    archbishop rabbi imam sheikh shaikh mullah ayatollah emir sultan shah deputy spokesman spokeswoman
    spokesperson leader head founder coach manager mp mep elect general-secretary saint st
""".split())


def _is_title(word: str) -> bool:
    w = word.lower().rstrip(".")
    parts = [p for p in w.split("-") if p]
    return w in PERSON_TITLES or (len(parts) > 1 and all(p in PERSON_TITLES for p in parts))


_ADJECTIVES: dict[str, frozenset[str]] = {}


def capitalised_adjectives(data: Path) -> frozenset[str]:
    """Capitalised forms the EWT and GUM *train* files tag as adjectives at least twice ("French",
    "Israeli"): a lone person mention of that form is a group. Train files only, so that train, dev and
    test gold are reduced by the same rule."""
    key = str(Path(data).resolve())
    if key not in _ADJECTIVES:
        counts: dict[str, int] = {}
        for path in (Path(data) / EWT_DIR / "en_ewt-ud-train.conllu", Path(data) / GUM_DIR / "en_gum-ccby-train.conllu"):
            if path.is_file():
                for cdoc in read_conllu(path):
                    for s in cdoc.sentences:
                        for w, u in zip(s.words, s.upos):
                            if u == "ADJ" and w[:1].isupper():
                                counts[w] = counts.get(w, 0) + 1
        _ADJECTIVES[key] = frozenset(w for w, c in counts.items() if c >= 2)
    return _ADJECTIVES[key]


def gum_sentence_iob(s: Sentence, adjectives: frozenset[str] | None = None) -> list[str]:
    """PER/ORG/LOC name spans of a GUM sentence.

    A person/place/organization mention is a *name* when, after a leading determiner, it starts with a
    proper noun and every token is a proper noun or a function word/punctuation inside the name
    ("University of Chicago", "the United States" -> "United States"). The outermost name wins. Proper
    nouns inside a non-name mention of those types ("the Czech composer Dvořák") are left missing, since
    GUM does not say whether they are a name of their own; everything else is O (GUM marks every mention,
    so an unmarked proper noun is not a person, place or organisation).

    With ``adjectives`` (capitalised forms the training treebanks tag as adjectives), person mentions are
    reduced as CoNLL and UNER annotate people: titles before the name are not part of it ("NASA
    Administrator Charles Bolden", "U.S. Senator John Cornyn" -> "Charles Bolden", "John Cornyn"); a
    mention that is only a role ("Governor of Virginia", "NASA Administrator") is no name, so a place or
    organisation inside it counts on its own; a lone title ("Governor") is left missing; plural proper
    nouns and demonyms that stand for a group ("Republicans", "Israelis", "the French") are O.
    """
    n = len(s.words)
    iob = ["O"] * n
    mentions = [m for m in _gum_mentions(s) if m[2] in _GUM_TYPES]
    mentions.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    taken = [False] * n
    unsure: list[int] = []
    groups: list[int] = []

    def name_like(a: int, b: int, typ: str) -> bool:
        return (
            a < b
            and s.upos[a] == "PROPN"
            and all(
                s.upos[k] in ("PROPN", "NUM")
                or s.words[k].lower() in _NAME_INNER
                or (typ == "organization" and s.words[k].lower() in _ORG_INNER)
                for k in range(a, b)
            )
            and s.upos[b - 1] in ("PROPN", "NUM")
        )

    def role(k: int) -> bool:
        return _is_title(s.words[k])

    for st, en, typ, _ident in mentions:
        a = st
        while a < en and s.upos[a] == "DET":
            a += 1
        b = en
        while b > a and s.upos[b - 1] == "PUNCT":
            b -= 1
        if not name_like(a, b, typ):
            continue
        if typ == "person" and adjectives is not None:
            if b - a == 1 and (s.xpos[a] == "NNPS" or s.words[a] in adjectives):
                groups.append(a)  # "Republicans", "the French": a group, not a person's name
                continue
            if any(role(k) for k in range(a, b)):
                k = b  # the name is the last run of proper nouns that are not titles
                while k > a and s.upos[k - 1] in ("PROPN", "NUM") and not role(k - 1):
                    k -= 1
                if k == b:  # ends in a title: "Governor", "NASA Administrator"
                    if b - a == 1:
                        unsure.append(a)  # "Governor": a title standing for the person
                    continue
                if role(k - 1):
                    a = k  # "NASA Administrator Charles Bolden" -> "Charles Bolden"
                elif role(a):
                    continue  # a role phrase: "Governor of Virginia"
        if any(taken[a:b]):
            continue
        iob[a] = "B-" + _GUM_TYPES[typ]
        for k in range(a + 1, b):
            iob[k] = "I-" + _GUM_TYPES[typ]
        for k in range(a, b):
            taken[k] = True
    for st, en, typ, _ident in mentions:
        for k in range(st, en):
            if not taken[k] and s.upos[k] == "PROPN" and iob[k] == "O":
                iob[k] = ""
    for k in unsure:
        if not taken[k]:
            iob[k] = ""
    for k in groups:
        if not taken[k]:
            iob[k] = "O"
    return iob


def gum_docs(vocab: Vocab, data: Path, split: str, genres: Iterable[str] | None = None) -> Iterator[Doc]:
    wanted = set(genres) if genres else None
    adjectives = capitalised_adjectives(data)
    for cdoc in read_conllu(data / GUM_DIR / f"en_gum-ccby-{split}.conllu"):
        genre = cdoc.genre or cdoc.doc_id.split("_")[1]
        if wanted and genre not in wanted:
            continue
        doc = conllu_to_doc(vocab, cdoc, [gum_sentence_iob(s, adjectives) for s in cdoc.sentences])
        doc.user_data["genre"] = genre
        yield doc


def gum_raw_documents(data: Path, split: str, genres: Iterable[str] | None = None) -> list[tuple[str, list[tuple[int, int]]]]:
    """(text, sentence char spans) per GUM document, paragraphs separated by a blank line and sentences
    within a paragraph by a space, as a news article's plain text would be. For sentence segmentation."""
    wanted = set(genres) if genres else None
    out = []
    for cdoc in read_conllu(data / GUM_DIR / f"en_gum-ccby-{split}.conllu"):
        genre = cdoc.genre or cdoc.doc_id.split("_")[1]
        if wanted and genre not in wanted:
            continue
        text = ""
        spans = []
        for s in cdoc.sentences:
            stext = "".join(w + (" " if sp else "") for w, sp in zip(s.words, s.spaces)).rstrip()
            if text:
                text += "\n\n" if s.newpar else " "
            spans.append((len(text), len(text) + len(stext)))
            text += stext
        out.append((text, spans))
    return out


# --- wikigold, WNUT17, re3d --------------------------------------------------------------------------


def _read_token_tag(path: Path, sep: str | None) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            parts = line.split(sep) if sep else line.split()
            if len(parts) < 2:
                continue
            cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    return sents


def _io_to_iob(tags: list[str]) -> list[str]:
    out = []
    prev = "O"
    for t in tags:
        if t == "O":
            out.append("O")
        else:
            lab = t[2:]
            out.append(("I-" if prev[2:] == lab and t.startswith("I-") else "B-") + lab)
        prev = out[-1]
    return out


def _sents_to_doc(vocab: Vocab, sents: list[tuple[list[str], list[str]]], doc_id: str) -> Doc:
    words = [w for ws, _ in sents for w in ws]
    starts = [k == 0 for ws, _ in sents for k in range(len(ws))]
    doc = Doc(vocab, words=words, sent_starts=starts)
    set_iob(doc, [t for _, ts in sents for t in ts])
    doc.user_data["doc_id"] = doc_id
    return doc


_WIKIGOLD_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}  # MISC -> O


def wikigold_docs(vocab: Vocab, data: Path, part: str) -> Iterator[Doc]:
    """wikigold articles, ``part`` "train" (4/5) or "test" (every WIKIGOLD_TEST_EVERY-th article).
    The file uses IO tags: adjacent same-type names merge into one span (a known flaw of the corpus)."""
    sents = _read_token_tag(data / WIKIGOLD_FILE, " ")
    articles: list[list[tuple[list[str], list[str]]]] = []
    for sent in sents:
        if sent[0][0] == "-DOCSTART-":
            articles.append([])
            continue
        if not articles:
            articles.append([])
        words = [w for w, _ in sent]
        tags = [t if t[2:] in _WIKIGOLD_MAP else "O" for _, t in sent]
        articles[-1].append((words, _io_to_iob(tags)))
    for k, art in enumerate(articles):
        held = k % WIKIGOLD_TEST_EVERY == 0
        if art and (held if part == "test" else not held):
            yield _sents_to_doc(vocab, art, f"wikigold-{k}")


_WNUT_MAP = {"person": "PER", "location": "LOC", "group": "ORG", "corporation": "ORG"}


def wnut_docs(vocab: Vocab, data: Path, split: str = "train", per_doc: int = 20) -> Iterator[Doc]:
    """WNUT17 posts (person -> PER, location -> LOC, group and corporation -> ORG; product and creative
    work -> O), grouped ``per_doc`` posts to a Doc (the posts are unrelated; there are no documents)."""
    name = {"train": "wnut17train.conll", "dev": "emerging.dev.conll", "test": "emerging.test.annotated"}[split]
    sents = _read_token_tag(data / WNUT_DIR / name, "\t")
    batch = []
    for k, sent in enumerate(sents):
        tags = []
        for _, t in sent:
            lab = _WNUT_MAP.get(t[2:]) if t != "O" else None
            tags.append(t[:2] + lab if lab else "O")
        batch.append(([w for w, _ in sent], tags))
        if len(batch) == per_doc:
            yield _sents_to_doc(vocab, batch, f"wnut17-{split}-{k}")
            batch = []
    if batch:
        yield _sents_to_doc(vocab, batch, f"wnut17-{split}-end")


_RE3D_MAP = {"Person": "PER", "Organisation": "ORG", "Location": "LOC"}
# role and group words that make a re3d Person/Organisation mention nominal ("Iraqi President Fuad Masum",
# "Members of the Security Council")
_ROLE_WORDS = frozenset(
    """president minister prime secretary member members spokesman spokesperson spokeswoman leader leaders
    king queen chairman ambassador envoy commander officials official representative representatives
    designate deputy head chief foreign state general governor senator council's citizens people troops
    personnel service members coalition's""".split()
)
_NAME_GLUE = {"of", "the", "and", "for", "al", "bin", "ibn", "de", "du", "la", "le", "&", "-", "'s", "al-"}


def _re3d_is_name(text: str) -> str | None:
    """The name part of a re3d Person/Organisation/Location value (leading "the" dropped), or None when
    the mention is nominal ("rebels", "U.S. service members", "the President of the United States")."""
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return None
    if any(w.strip(".,'\"()").lower().split("-")[-1] in _ROLE_WORDS for w in words):
        return None
    for w in words:
        core = w.strip(".,'\"()")
        if not core:
            continue
        if core.lower() in _NAME_GLUE or core.lower().startswith("al-"):
            continue
        if not (core[0].isupper() or core[0].isdigit()):
            return None
    return " ".join(words)


def re3d_docs(nlp_tokenizer, data: Path) -> Iterator[Doc]:
    """re3d documents (Syria/Iraq conflict; public-domain and open-licence parts only), Person/Organisation/
    Location mapped to PER/ORG/LOC when the mention is a name. re3d also marks nominal mentions and nests
    spans: a nominal Person/Organisation mention, and any span that cannot be placed, makes its tokens
    missing rather than O. Tokenised by the given tokenizer (the pipeline's own)."""
    root = data / RE3D_DIR
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        texts = {}
        for line in (sub / "documents.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                texts[d["_id"]] = d["text"]
        ents: dict[str, list[dict]] = {}
        for line in (sub / "entities.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                e = json.loads(line)
                ents.setdefault(e["documentId"], []).append(e)
        for doc_id, text in texts.items():
            doc = nlp_tokenizer(text)
            spans, missing = [], []
            for e in sorted(ents.get(doc_id, []), key=lambda e: (e["begin"], -e["end"])):
                lab = _RE3D_MAP.get(e["type"])
                if not lab:
                    continue
                value = text[e["begin"] : e["end"]]
                name = _re3d_is_name(value)
                sp = None
                if name:
                    off = e["begin"] + value.find(name)
                    sp = doc.char_span(off, off + len(name), label=lab, alignment_mode="strict")
                if sp is None:
                    sp2 = doc.char_span(e["begin"], e["end"], alignment_mode="expand")
                    if sp2 is not None:
                        missing.append(sp2)
                    continue
                spans.append(sp)
            # outermost names win; anything overlapping a kept one is dropped
            kept = []
            used = set()
            for sp in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
                if used.isdisjoint(range(sp.start, sp.end)):
                    kept.append(sp)
                    used.update(range(sp.start, sp.end))
            miss_tokens = {k for m in missing for k in range(m.start, m.end)} - used
            miss = [doc[k : k + 1] for k in sorted(miss_tokens)]
            try:
                doc.set_ents(kept, missing=miss, default="outside")
            except ValueError as err:
                log.debug("re3d %s skipped: %s", doc_id, err)
                continue
            doc.user_data["doc_id"] = f"re3d-{sub.name}-{doc_id}"
            yield doc
