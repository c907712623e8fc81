"""Shared fixtures: the bundled extractor (compiled once per session) and a
small gazetteer of our own written to a temporary folder."""

import pytest

import gazet

# A gazetteer of our own: a ship, a Han-script city, an acronym, one more place
# with a point, to test user labels, scripts and offsets without the
# bundled data.
SMALL_TSV = (
    "id\tname\tlabel\taliases\tcase_sensitive\tlat\tlon\tcountry\n"
    "ship:1\tEver Given\tSHIP\t\t\t\t\t\n"
    "loc:tokyo\t東京\tLOC\tTokyo\t\t35.6895\t139.69171\tJP\n"
    "org:ots\tOrganization of Turkic States\tORG\tOTS\tOTS\t\t\t\n"
    "loc:lachin\tLachin\tLOC\tLaçın\t\t39.6383\t46.5461\tAZ\n"
)


@pytest.fixture(scope="session")
def ex():
    return gazet.Extractor()


@pytest.fixture(scope="session")
def small_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("gaz") / "small.tsv"
    path.write_text(SMALL_TSV, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small(small_path):
    return gazet.Extractor(str(small_path), bundled=False)
