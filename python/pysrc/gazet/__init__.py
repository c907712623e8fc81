"""gazet: people, places, organisations and nationalities in text, and the
places on the map.

    >>> import gazet
    >>> ex = gazet.Extractor()
    >>> text = "Talks in Bakı; Yerevan said nothing."
    >>> [(s.text, s.label, s.id) for s in ex.extract(text)]
    [('Bakı', 'LOC', 'gn:587084'), ('Yerevan', 'LOC', 'gn:616052')]
    >>> span = ex.extract(text)[0]
    >>> text[span.start:span.end]
    'Bakı'

`Extractor` compiles the bundled world gazetteer (and files of your own);
`Extractor.extract` gives `Span`s with character offsets (`start`, `end`),
UTF-8 byte offsets (`start_byte`, `end_byte`), the label (PER, LOC, ORG,
NORP or a gazetteer's own), the chosen entry (`id`, `name`, `country`,
`admin1`, `admin2`, `feature_code`, `population`), its point (`lat`, `lon`) and every
`Candidate` an ambiguous name may refer to. `Extractor.extract_batch` runs
many texts on several threads without the GIL.

`gazet.spacy` is a spaCy pipeline component (`nlp.add_pipe("gazet")`, found
through an entry point); `gazet.spark` runs extraction over a Spark
DataFrame.
"""

from ._gazet import (
    BuildError,
    Candidate,
    Extractor,
    GazetError,
    LoadError,
    SnapshotError,
    Span,
    __version__,
)

__all__ = [
    "BuildError",
    "Candidate",
    "Extractor",
    "GazetError",
    "LoadError",
    "SnapshotError",
    "Span",
    "__version__",
]
