"""The examples in the package's docstrings run and print what they say."""

import doctest

import pytest

import gazet


@pytest.mark.parametrize("module", ["gazet", "gazet.spacy"])
def test_docstring_examples(module):
    if module == "gazet.spacy":
        pytest.importorskip("spacy")
    mod = __import__(module, fromlist=["_"])
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
