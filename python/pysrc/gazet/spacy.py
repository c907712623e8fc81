"""gazet as a spaCy pipeline component.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("gazet")          # found through an entry point
    >>> doc = nlp("Flights from Baku to Yerevan resumed.")
    >>> [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    [('Baku', 'LOC', 'gn:587084'), ('Yerevan', 'LOC', 'gn:616052')]
    >>> doc.ents[0]._.country
    'AZ'

Modes (`config={"mode": ...}`):

- ``replace`` (default): the entities are gazet's.
- ``merge``: keeps the entities an earlier component found and adds gazet's
  that overlap none of them.
- ``resolve``: finds no entities of its own; geocodes the ``GPE``, ``LOC``
  and ``FAC`` entities (``resolve_labels``) an earlier component (a
  statistical NER) found, with `Extractor.resolve_spans`: each is looked up
  by its text ("the Kura River" reads Kura) and resolved with the others as
  context (``context: "given_and_found"`` adds the places gazet finds in
  the rest of the text).

With ``spans_key`` the spans go to ``doc.spans[spans_key]`` (overlaps
allowed) instead of ``doc.ents``. Each entity gets ``kb_id_`` (the
gazetteer id) and the extensions ``ent._.lat``, ``ent._.lon``,
``ent._.country`` and ``ent._.gazet`` (the whole `gazet.Span`). A gazet span
that does not fall on spaCy's token boundaries is widened to the tokens
around it and counted in ``doc._.gazet_misaligned``. ``nlp.pipe`` sends
its batches through `Extractor.extract_batch`.
"""

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans, minibatch

from ._gazet import Extractor
from ._gazet import Span as GazetSpan

MODES = ("replace", "merge", "resolve")
CONTEXTS = ("given", "given_and_found")
LABEL_SCHEMES = ("gazet", "ontonotes")
GAZET_LABELS = ("PER", "LOC", "ORG", "NORP")
ONTONOTES_LABELS = ("PERSON", "GPE", "LOC", "FAC", "ORG", "NORP")

# A doc's gazet spans by (start_char, end_char), read by the span extensions.
_SPANS = "gazet_spans"


def _gazet_of(span: SpacySpan) -> Optional[GazetSpan]:
    by_range = span.doc._.get(_SPANS)
    if not by_range:
        return None
    return by_range.get((span.start_char, span.end_char))


def _field(name: str):
    def get(span: SpacySpan):
        g = _gazet_of(span)
        return None if g is None else getattr(g, name)

    return get


def _register_extensions() -> None:
    if not Doc.has_extension(_SPANS):
        Doc.set_extension(_SPANS, default=None)
    if not Doc.has_extension("gazet_misaligned"):
        Doc.set_extension("gazet_misaligned", default=0)
    if not SpacySpan.has_extension("gazet"):
        SpacySpan.set_extension("gazet", getter=_gazet_of)
    for name in ("lat", "lon", "country"):
        if not SpacySpan.has_extension(name):
            SpacySpan.set_extension(name, getter=_field(name))


_register_extensions()

# The text a doc was made from, kept by the tokenizer for the component:
# `Doc.text` joins every token again (half the component's time on news).
_TEXT = "gazet_text"


class _KeepText:
    """The pipeline's tokenizer, which also keeps each doc's text in
    `doc.user_data` for the gazet component (taken out again there);
    everything else, saving included, is the tokenizer's own."""

    def __init__(self, tokenizer):
        self._gazet_inner = tokenizer

    def __call__(self, text):
        doc = self._gazet_inner(text)
        doc.user_data[_TEXT] = text
        return doc

    def pipe(self, texts, batch_size=1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):
        return getattr(self._gazet_inner, name)


def _text_of(doc: Doc) -> str:
    text = doc.user_data.pop(_TEXT, None)
    return doc.text if text is None else text

# Extractors by options, shared by every component of the process: the
# bundled gazetteer compiles once, however many pipelines use it.
_EXTRACTORS: Dict[tuple, Extractor] = {}
_LOCK = threading.Lock()


def _extractor(
    extractor: Optional[str],
    gazetteers: Sequence[str],
    bundled: bool,
    places_in_orgs: bool,
    rules: bool,
    resolve: bool,
    overlapping: bool,
    language: Optional[str] = None,
) -> Extractor:
    key = (extractor, tuple(gazetteers), bundled, places_in_orgs, rules, resolve, overlapping, language)
    with _LOCK:
        ex = _EXTRACTORS.get(key)
        if ex is None:
            if extractor is not None:
                ex = Extractor.load(extractor)
            else:
                ex = Extractor(
                    list(gazetteers),
                    bundled=bundled,
                    places_in_orgs=places_in_orgs,
                    rules=rules,
                    resolve=resolve,
                    overlapping=overlapping,
                    language=language,
                )
            _EXTRACTORS[key] = ex
        return ex


class GazetComponent:
    """The spaCy component; see the module's docs for the modes."""

    def __init__(
        self,
        nlp: Language,
        name: str = "gazet",
        *,
        mode: str = "replace",
        spans_key: Optional[str] = None,
        label_scheme: str = "gazet",
        labels: Optional[Sequence[str]] = None,
        resolve_labels: Sequence[str] = ("GPE", "LOC", "FAC"),
        context: str = "given",
        extractor: Optional[str] = None,
        gazetteers: Sequence[str] = (),
        bundled: bool = True,
        places_in_orgs: bool = False,
        rules: bool = True,
        resolve: bool = True,
        overlapping: bool = False,
        language: Optional[str] = None,
        threads: Optional[int] = None,
        batch_size: int = 256,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if label_scheme not in LABEL_SCHEMES:
            raise ValueError(f"label_scheme must be one of {', '.join(LABEL_SCHEMES)}, not {label_scheme!r}")
        if overlapping and spans_key is None:
            raise ValueError("overlapping spans need spans_key: doc.ents cannot hold overlapping entities")
        if context not in CONTEXTS:
            raise ValueError(f"context must be one of {', '.join(CONTEXTS)}, not {context!r}")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.name = name
        self.mode = mode
        self.spans_key = spans_key
        self.label_scheme = label_scheme
        self.keep_labels = None if labels is None else frozenset(labels)
        self.resolve_labels = frozenset(resolve_labels)
        self.context = context
        self.threads = threads
        self.batch_size = batch_size
        self.extractor = _extractor(
            extractor, gazetteers, bundled, places_in_orgs, rules, resolve, overlapping, language
        )
        if not isinstance(nlp.tokenizer, _KeepText):
            nlp.tokenizer = _KeepText(nlp.tokenizer)

    @property
    def labels(self) -> Tuple[str, ...]:
        """The labels the component sets (spaCy lists them per component);
        a gazetteer's own labels come on top of these."""
        if self.mode == "resolve":
            return ()
        scheme = ONTONOTES_LABELS if self.label_scheme == "ontonotes" else GAZET_LABELS
        return tuple(l for l in scheme if self.keep_labels is None or l in self.keep_labels)

    def __call__(self, doc: Doc) -> Doc:
        if self.mode == "resolve":
            return self._resolve(doc)
        return self._apply(doc, self.extractor.extract(_text_of(doc)))

    def pipe(self, stream: Iterable[Doc], batch_size: Optional[int] = None) -> Iterator[Doc]:
        # Each batch is extracted on another thread (without the GIL) while
        # spaCy makes the next batch's docs on this one.
        if self.mode == "resolve":
            for doc in stream:
                yield self._resolve(doc)
            return
        size = batch_size or self.batch_size
        pending = None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gazet") as pool:
            for docs in minibatch(stream, size=size):
                found = pool.submit(self.extractor.extract_batch, [_text_of(d) for d in docs], self.threads)
                if pending is not None:
                    yield from self._apply_all(*pending)
                pending = (docs, found)
            if pending is not None:
                yield from self._apply_all(*pending)

    def _apply_all(self, docs: List[Doc], found: "Future[List[List[GazetSpan]]]") -> Iterator[Doc]:
        for doc, spans in zip(docs, found.result()):
            yield self._apply(doc, spans)

    # What each mode does with gazet's spans of one doc.

    def _apply(self, doc: Doc, found: List[GazetSpan]) -> Doc:
        if self.label_scheme == "ontonotes":
            found = [(g, g.ontonotes) for g in found]
        else:
            found = [(g, g.label) for g in found]
        if self.keep_labels is not None:
            found = [(g, label) for g, label in found if label in self.keep_labels]
        by_range: Dict[Tuple[int, int], GazetSpan] = {}
        spans: List[SpacySpan] = []
        misaligned = 0
        if found and len(doc):
            ranges = _token_ranges(doc, [g for g, _ in found])
            for (g, label), (a, b, start_char, end_char) in zip(found, ranges):
                span = SpacySpan(doc, a, b, label=label, kb_id=g.id or "")
                if (start_char, end_char) != (g.start, g.end):
                    misaligned += 1
                by_range[(start_char, end_char)] = g
                spans.append(span)
        if misaligned:
            doc._.set("gazet_misaligned", doc._.get("gazet_misaligned") + misaligned)
        if by_range:
            known = doc._.get(_SPANS)
            if known is None:
                doc._.set(_SPANS, by_range)
            else:
                known.update(by_range)
        if self.spans_key is not None:
            if self.mode == "merge":
                earlier = list(self._current(doc))
                spans = earlier + [s for s in _disjoint(spans) if not _overlaps_any(s, earlier)]
            doc.spans[self.spans_key] = sorted(spans, key=lambda s: (s.start, -s.end))
        elif self.mode == "merge":
            earlier = list(doc.ents)
            new = [s for s in _disjoint(spans) if not _overlaps_any(s, earlier)]
            doc.set_ents(new, default="unmodified")
        else:
            doc.set_ents(_disjoint(spans), default="outside")
        return doc

    def _resolve(self, doc: Doc) -> Doc:
        text = _text_of(doc)
        ents = list(self._current(doc))
        targets = [e for e in ents if e.label_ in self.resolve_labels]
        if not targets:
            return doc
        resolved = self.extractor.resolve_spans(
            text, [(e.start_char, e.end_char) for e in targets], context=self.context
        )
        by_target = {id(e): g for e, g in zip(targets, resolved)}
        known = doc._.get(_SPANS) or {}
        out: List[SpacySpan] = []
        for ent in ents:
            g = by_target.get(id(ent))
            if g is None:
                out.append(ent)
                continue
            known[(ent.start_char, ent.end_char)] = g
            kb_id = g.id or ent.kb_id_
            out.append(SpacySpan(doc, ent.start, ent.end, label=ent.label, kb_id=kb_id))
        doc._.set(_SPANS, known)
        self._store(doc, out)
        return doc

    def _current(self, doc: Doc) -> Iterable[SpacySpan]:
        if self.spans_key is None:
            return doc.ents
        return doc.spans[self.spans_key] if self.spans_key in doc.spans else []

    def _store(self, doc: Doc, spans: List[SpacySpan]) -> None:
        if self.spans_key is None:
            doc.ents = spans
        else:
            doc.spans[self.spans_key] = spans


def _token_ranges(doc: Doc, found: Sequence[GazetSpan]):
    """For each gazet span (character offsets), the spaCy tokens it covers
    and their characters: (first token, end token, start char, end char);
    a span off token boundaries is widened to the tokens around it."""
    bounds = doc.to_array([IDX, LENGTH]).astype(numpy.int64)
    starts = bounds[:, 0]
    ends = starts + bounds[:, 1]
    g_start = numpy.fromiter((g.start for g in found), numpy.int64, len(found))
    g_end = numpy.fromiter((g.end for g in found), numpy.int64, len(found))
    last = len(starts) - 1
    first = numpy.clip(numpy.searchsorted(starts, g_start, side="right") - 1, 0, last)
    end = numpy.clip(numpy.searchsorted(ends, g_end, side="left"), 0, last)
    end = numpy.maximum(end, first)
    return zip(first.tolist(), (end + 1).tolist(), starts[first].tolist(), ends[end].tolist())


def _disjoint(spans: List[SpacySpan]) -> List[SpacySpan]:
    """The spans as they are when sorted and disjoint (gazet's are, unless
    widening made two meet), else the longest of each overlapping group."""
    for a, b in zip(spans, spans[1:]):
        if b.start < a.end or b.start < a.start:
            return sorted(filter_spans(spans), key=lambda s: s.start)
    return spans


def _overlaps_any(span: SpacySpan, others: Sequence[SpacySpan]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


@Language.factory(
    "gazet",
    default_config={
        "mode": "replace",
        "spans_key": None,
        "label_scheme": "gazet",
        "labels": None,
        "resolve_labels": ["GPE", "LOC", "FAC"],
        "context": "given",
        "extractor": None,
        "gazetteers": [],
        "bundled": True,
        "places_in_orgs": False,
        "rules": True,
        "resolve": True,
        "overlapping": False,
        "language": None,
        "threads": None,
        "batch_size": 256,
    },
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_kb_id"],
)
def make_gazet(
    nlp: Language,
    name: str,
    mode: str,
    spans_key: Optional[str],
    label_scheme: str,
    labels: Optional[List[str]],
    resolve_labels: List[str],
    context: str,
    extractor: Optional[str],
    gazetteers: List[str],
    bundled: bool,
    places_in_orgs: bool,
    rules: bool,
    resolve: bool,
    overlapping: bool,
    language: Optional[str],
    threads: Optional[int],
    batch_size: int,
) -> GazetComponent:
    """Makes the gazet component (`nlp.add_pipe("gazet", config={...})`)."""
    return GazetComponent(
        nlp,
        name,
        mode=mode,
        spans_key=spans_key,
        label_scheme=label_scheme,
        labels=labels,
        resolve_labels=resolve_labels,
        context=context,
        extractor=extractor,
        gazetteers=gazetteers,
        bundled=bundled,
        places_in_orgs=places_in_orgs,
        rules=rules,
        resolve=resolve,
        overlapping=overlapping,
        language=language,
        threads=threads,
        batch_size=batch_size,
    )
