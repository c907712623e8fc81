//! How an [`Index`] is made: compiled from gazetteers (names cut into
//! tokens on all cores, interned, merged in order, then the trie and the
//! tables of variants and case requirements), or rebuilt from the parts a
//! saved extractor holds.

use rayon::prelude::*;

use super::*;

/// Interns folded tokens while names are cut, and keeps every name's
/// token ids and requirements in flat arrays (no allocation per name).
#[derive(Default)]
struct Builder {
    /// Folded token -> id, in order of first appearance (merged slices
    /// keep that order, so the ids do not depend on how the gazetteer was
    /// cut into slices).
    vocab: Vocab,
    /// Set when the vocabulary's text passes 4 GiB.
    full: bool,
    /// Per token id: whether some name accepts it in lowercase, and
    /// whether as its first token.
    lower: Vec<(bool, bool)>,
    /// Token ids of all names, concatenated.
    toks: Vec<u32>,
    reqs: Vec<PackedReq>,
    /// Per name: (entry, index of the name in the entry, start in `toks`).
    names: Vec<(EntryId, u32, u32)>,
    /// Per name: [`FACT_WORDS`], [`FACT_COMMON`] and [`FACT_CASED`]
    /// (a byte: a ten-million-name build holds one per name).
    name_facts: Vec<u8>,
    exact: Vec<Box<[bool]>>,
    key: String,
}

/// A name's facts in the builder: it has several words, is a common
/// word, is case-sensitive.
const FACT_WORDS: u8 = 1;
const FACT_COMMON: u8 = 2;
const FACT_CASED: u8 = 4;

impl Builder {
    /// Adds a token of a name. A `caseless` word (Arabic, Georgian, digits)
    /// reads as capitalised in any text, so it never meets the lowercase
    /// filters and is kept out of them.
    fn intern(&mut self, key: &str, req: Req, first: bool, caseless: bool) {
        let lower_ok = !caseless
            && match req {
                Req::Any => true,
                Req::Cap => false,
                Req::Exact(i) => self.exact[i as usize].first() == Some(&false),
            };
        let Some(id) = self.id(key.as_bytes()) else { return };
        let c = &mut self.lower[id as usize];
        c.0 |= lower_ok;
        c.1 |= lower_ok && first;
        self.toks.push(id);
        self.reqs.push(req.into());
    }

    /// The id of `key`, the next one when it is new; `None`, with `full`
    /// set, when the vocabulary's text is full.
    fn id(&mut self, key: &[u8]) -> Option<u32> {
        let next = self.lower.len() as u32;
        let Ok(id) = self.vocab.get_or_insert_bytes(key, || next) else {
            self.full = true;
            return None;
        };
        if id == next {
            self.lower.push((false, false));
        }
        Some(id)
    }

    /// Appends what `other` cut, after what `self` cut.
    fn merge(&mut self, other: Builder) {
        self.full |= other.full;
        // `other`'s tokens in its id order, that is in order of first
        // appearance in its slice.
        let mut keys: Vec<&[u8]> = vec![&[]; other.lower.len()];
        for (key, id) in other.vocab.iter_bytes() {
            keys[id as usize] = key;
        }
        let mut ids = Vec::with_capacity(keys.len());
        for (key, &(lower_ok, lower_start)) in keys.iter().zip(&other.lower) {
            let Some(id) = self.id(key) else { return };
            let c = &mut self.lower[id as usize];
            c.0 |= lower_ok;
            c.1 |= lower_start;
            ids.push(id);
        }
        let tok_base = self.toks.len() as u32;
        let exact_base = self.exact.len() as u32;
        self.toks.extend(other.toks.iter().map(|&t| ids[t as usize]));
        self.reqs.extend(other.reqs.iter().map(|&r| match r.get() {
            Req::Exact(i) => Req::Exact(i + exact_base).into(),
            _ => r,
        }));
        self.names.extend(other.names.iter().map(|&(e, n, start)| (e, n, start + tok_base)));
        self.name_facts.extend(other.name_facts);
        self.exact.extend(other.exact);
    }

    /// Cuts a name into tokens and decides what each asks of the text's
    /// case.
    fn add_name(&mut self, id: EntryId, index: u32, entry: &Entry, name: Name<'_>) {
        let text = name.as_str();
        let start = self.toks.len();
        let mut capitalised_words = 0;
        for tok in Tokenizer::new(text) {
            let slice = &text[tok.start..tok.end];
            let mut key = std::mem::take(&mut self.key);
            key.clear();
            let req = match tok.kind {
                TokenKind::Break => {
                    self.key = key;
                    continue;
                }
                TokenKind::Punct(p) => {
                    key.push(p);
                    Req::Any
                }
                TokenKind::Word => {
                    fold_word_into(slice, &mut key);
                    if !tok.case.has_cased() || entry.any_case() {
                        Req::Any
                    } else if name.flags().case_sensitive
                        || (!tok.case.first_upper() && slice.chars().any(char::is_uppercase))
                    {
                        // Acronyms, and the name's own mixed case (eBay).
                        self.exact.push(case_signature(slice));
                        capitalised_words += 1;
                        Req::Exact(self.exact.len() as u32 - 1)
                    } else if tok.case.first_upper() {
                        capitalised_words += 1;
                        Req::Cap
                    } else {
                        // Lowercase in the name, any case in the text: "de" in
                        // "Santiago de Compostela", the "s" of "Martha's".
                        Req::Any
                    }
                }
            };
            let first = self.toks.len() == start;
            self.intern(&key, req, first, tok.kind == TokenKind::Word && !tok.case.has_cased());
            self.key = key;
        }
        if self.toks.len() == start {
            return;
        }
        if capitalised_words == 0 && !entry.any_case() {
            // A name written all in lowercase in the gazetteer ("ba ku")
            // still has to look like a name in the text.
            let words = Tokenizer::new(text).filter(|t| t.kind != TokenKind::Break);
            for (i, t) in (start..self.toks.len()).zip(words) {
                if t.kind == TokenKind::Word && t.case.has_cased() {
                    self.reqs[i] = Req::Cap.into();
                    // The token is no longer accepted in lowercase through
                    // this name; the flag stays conservative (it only lets
                    // more tokens reach the trie, never changes results).
                }
            }
        }
        let bit = |yes: bool, b: u8| if yes { b } else { 0 };
        let flags = name.flags();
        self.names.push((id, index, start as u32));
        self.name_facts.push(
            bit(text.split_whitespace().nth(1).is_some(), FACT_WORDS)
                | bit(flags.common_word, FACT_COMMON)
                | bit(flags.case_sensitive, FACT_CASED),
        );
    }
}

impl Index {
    /// Compiles the entries of `parts`, numbered across them in order (the
    /// first entry of the second part follows the last of the first).
    pub(crate) fn build(parts: &[&Gazetteer]) -> Result<Index, BuildError> {
        let total: usize = parts.iter().map(|g| g.len()).sum();
        let all = || {
            let mut base = 0u32;
            parts.iter().flat_map(move |g| {
                let offset = base;
                base += g.len() as u32;
                g.iter().map(move |(id, e)| (EntryId(id.0 + offset), e))
            })
        };
        // 1. Cut every name into tokens, interning them: slices of the
        // gazetteer on all cores, merged in order.
        let slices = rayon::current_num_threads().clamp(1, 8);
        let per = total.div_ceil(slices).max(1);
        let builders: Vec<Builder> = (0..slices)
            .into_par_iter()
            .map(|p| {
                let mut b = Builder::default();
                for (id, entry) in all().skip(p * per).take(per) {
                    for (i, name) in entry.names().enumerate() {
                        b.add_name(id, i as u32, entry, name);
                    }
                }
                b
            })
            .collect();
        let mut builders = builders.into_iter();
        let mut b = builders.next().unwrap_or_default();
        for other in builders {
            b.merge(other);
        }
        let Builder { mut vocab, lower: lower_flags, mut toks, mut reqs, mut names, name_facts, exact, full, .. } = b;
        // (Grown by doubling; a ten-million-name build holds them to the end.)
        toks.shrink_to_fit();
        reqs.shrink_to_fit();
        names.shrink_to_fit();
        if full {
            return Err(BuildError::new(BuildErrorKind::TooLarge("text of distinct words")));
        }
        if lower_flags.len() as u64 >= u64::from(MAX_TOKEN_ID) {
            return Err(BuildError::new(BuildErrorKind::TooLarge("distinct words")));
        }
        // Token offsets and signature numbers are kept in u32: past this,
        // the casts made while cutting would have wrapped.
        if toks.len() as u64 >= u64::from(u32::MAX - 2) || exact.len() as u64 >= u64::from(u32::MAX - 2) {
            return Err(BuildError::new(BuildErrorKind::TooLarge("name tokens")));
        }

        // 2. The vocabulary's ids are final: flag the tokens some name
        // accepts in lowercase, and fill the tables of punctuation and of
        // lowercase words that start a name.
        let mut ascii_punct = [NO_ID; 128];
        let mut any_lower_ok = false;
        let mut lower = LowerFilter::new();
        vocab.shrink_to_fit();
        vocab.for_each_mut(|k, v| {
            let (lower_ok, starts) = lower_flags[*v as usize];
            if lower_ok {
                *v |= LOWER_OK;
            }
            any_lower_ok |= lower_ok && k.chars().any(char::is_alphabetic);
            if starts {
                lower.insert_start(k.as_bytes());
            }
            let mut chars = k.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if c.is_ascii() && !c.is_ascii_alphanumeric() {
                    ascii_punct[c as usize] = *v;
                }
            }
        });
        let token_count = lower_flags.len();
        drop(lower_flags);
        // Pairs (token, next token accepted in lowercase) of every name.
        {
            let mut keys: Vec<&[u8]> = vec![&[]; token_count];
            for (k, v) in vocab.iter_bytes() {
                keys[(v & !LOWER_OK) as usize] = k;
            }
            for (i, &(_, _, start)) in names.iter().enumerate() {
                let end = names.get(i + 1).map_or(toks.len(), |n| n.2 as usize);
                for j in start as usize + 1..end {
                    let lower_ok = match reqs[j].get() {
                        Req::Any => true,
                        Req::Cap => false,
                        Req::Exact(x) => exact[x as usize].first() == Some(&false),
                    };
                    if lower_ok {
                        lower.insert_pair(toks[j - 1], keys[toks[j] as usize]);
                    }
                }
            }
        }

        // 3. Group names by token sequence: a name's pattern is the one at
        // the end of its path in the token trie, numbered in order of first
        // appearance.
        let all_toks = toks.len();
        let name_toks = |i: usize| -> std::ops::Range<usize> {
            let start = names[i].2 as usize;
            let end = names.get(i + 1).map_or(all_toks, |n| n.2 as usize);
            start..end
        };
        let mut trie = TokenTrie::new(token_count as u32);
        let mut pattern_of_name: Vec<u32> = Vec::with_capacity(names.len());
        let mut patterns = 0u32;
        for i in 0..names.len() {
            let r = name_toks(i);
            let p = trie
                .get_or_insert(&toks[r], || {
                    patterns += 1;
                    patterns - 1
                })
                .map_err(|()| BuildError::new(BuildErrorKind::TooLarge("trie nodes")))?;
            pattern_of_name.push(p);
        }
        trie.shrink_to_fit();
        drop(toks);
        if patterns >= (1 << 24) - 1 {
            return Err(BuildError::new(BuildErrorKind::TooLarge("distinct names")));
        }

        // 4. Variants per pattern, in the default candidate order: by the
        // entry's kind (rank), then population, largest first.
        const POPULATION: u64 = (1 << 56) - 1;
        const NAMED_RANK: u8 = 4;
        let priors: Vec<u64> = all()
            .map(|(_, e)| {
                let place = e.place();
                // Nationalities come right after countries: "German" is
                // far more often the adjective than a village.
                // Named people and organisations come before the many
                // small places that share their names ("White House").
                let rank = match e.label() {
                    crate::label::Label::Nationality => 1,
                    crate::label::Label::Person | crate::label::Label::Organization => NAMED_RANK,
                    _ => place.map_or(5, |p| p.type_rank()),
                };
                let population = place.and_then(|p| p.population).unwrap_or(0).min(POPULATION);
                (u64::from(rank) << 56) | (POPULATION - population)
            })
            .collect();
        let places: Vec<bool> = all().map(|(_, e)| e.label() == &crate::label::Label::Place).collect();
        // Names by pattern, in a counting sort (each pattern's names stay
        // in entry order, as `names` has them), then each pattern's names
        // by prior, in a stable sort.
        let pattern_count = patterns as usize;
        let mut pattern_starts = vec![0u32; pattern_count + 1];
        for &p in &pattern_of_name {
            pattern_starts[p as usize] += 1;
        }
        let mut end = 0;
        for s in &mut pattern_starts[..pattern_count] {
            end += *s;
            *s = end;
        }
        // Filled from the back, each pattern's count becomes its start.
        let mut order = vec![0u32; names.len()];
        for i in (0..names.len()).rev() {
            let s = &mut pattern_starts[pattern_of_name[i] as usize];
            *s -= 1;
            order[*s as usize] = i as u32;
        }
        pattern_starts[pattern_count] = names.len() as u32;
        drop(pattern_of_name);
        // A town or city named by an alternate name (a former, foreign or
        // joke name: "Google" for Topeka) goes after an organisation or a
        // person whose own name it is.
        const TOWN_RANK: u64 = 2;
        let town_alternate = |i: u32| {
            let (entry, index, _) = names[i as usize];
            places[entry.as_usize()] && index != 0 && priors[entry.as_usize()] >> 56 >= TOWN_RANK
        };
        let named_own = |i: u32| {
            let (entry, index, _) = names[i as usize];
            index == 0 && !places[entry.as_usize()] && priors[entry.as_usize()] >> 56 == u64::from(NAMED_RANK)
        };
        for w in pattern_starts.windows(2) {
            let group = &mut order[w[0] as usize..w[1] as usize];
            if group.len() > 1 {
                group.sort_by_key(|&i| priors[names[i as usize].0.as_usize()]);
                if town_alternate(group[0]) {
                    let before = group.iter().take_while(|&&i| town_alternate(i)).count();
                    if group.get(before).is_some_and(|&i| named_own(i)) {
                        group[..=before].rotate_right(1);
                    }
                }
            }
        }
        drop(priors);
        drop(places);
        let mut flat_reqs = Vec::with_capacity(reqs.len());
        let mut variants = Vec::with_capacity(names.len());
        // A variant whose case requirements are those of the variant before
        // it shares them: most names of a pattern ask the same (nothing, or
        // a capital), and the scan checks a shared one once.
        let mut last: Option<std::ops::Range<usize>> = None;
        for &i in &order {
            let (entry, index, _) = names[i as usize];
            let facts = name_facts[i as usize];
            // (Whether an alternate name writes the entry's own name is
            // worked out below, for the names that share their pattern. An
            // index past a reference's bits is refused here.)
            let name = NameRef::new(index, index == 0, facts & FACT_WORDS != 0)
                .ok_or_else(|| BuildError::new(BuildErrorKind::TooLarge("names of one entry")))?;
            let flags = Variant::flag_bits(NameFlags {
                common_word: facts & FACT_COMMON != 0,
                case_sensitive: facts & FACT_CASED != 0,
            });
            let these = &reqs[name_toks(i as usize)];
            let start = match &last {
                Some(r) if flat_reqs.get(r.clone()) == Some(these) => r.start,
                _ => {
                    let start = flat_reqs.len();
                    flat_reqs.extend_from_slice(these);
                    last = Some(start..flat_reqs.len());
                    start
                }
            };
            variants.push(Variant { entry, name, reqs: start as u32 | flags });
        }
        if flat_reqs.len() > REQ_START as usize {
            return Err(BuildError::new(BuildErrorKind::TooLarge("case requirements")));
        }
        // A pattern is named by where its variants start, and its last
        // variant says it is the last: a match reads its variants without
        // a table of where each pattern's variants start.
        if variants.len() >= crate::trie::MAX_PATTERN as usize {
            return Err(BuildError::new(BuildErrorKind::TooLarge("names")));
        }
        for w in pattern_starts.windows(2) {
            if let Some(last) = w[1].checked_sub(1).and_then(|l| variants.get_mut(l as usize)) {
                last.reqs |= LAST;
            }
        }
        trie.rename_patterns(|p| pattern_starts.get(p as usize).copied().unwrap_or(crate::trie::MAX_PATTERN));
        // 5. Whether an alternate name writes its entry's own name ("St.
        // Ashford" for Saint Ashford, not a former name), for the names
        // whose pattern another entry's name shares: resolution compares
        // the candidates of one span only. (Building the keys costs a
        // tokenizing and a folding a name: on all cores, and only there.)
        let mut shared = vec![false; variants.len()];
        for w in pattern_starts.windows(2) {
            let (s, e) = (w[0] as usize, w[1] as usize);
            if variants[s..e].iter().any(|v| v.entry != variants[s].entry) {
                shared[s..e].fill(true);
            }
        }
        let entries: Vec<&Entry> = all().map(|(_, e)| e).collect();
        variants.par_iter_mut().zip(&shared).for_each_init(crate::geo::Keys::default, |keys, (v, &shared)| {
            if shared && v.name.index() != 0 {
                if let Some(r) =
                    entries.get(v.entry.as_usize()).and_then(|e| crate::geo::name_ref(e, v.name.index(), keys))
                {
                    v.name = r;
                }
            }
        });
        Ok(Index { uid: next_uid(), vocab, ascii_punct, any_lower_ok, lower, trie, variants, reqs: flat_reqs, exact })
    }

    /// The index as a saved extractor holds it.
    pub(crate) fn to_repr(&self) -> IndexRepr<'_> {
        let (vocab_text, vocab_slots) = self.vocab.parts();
        let (trie_nodes, trie_roots, trie_edges) = self.trie.parts();
        IndexRepr {
            vocab_text,
            vocab_slots,
            ascii_punct: self.ascii_punct.to_vec(),
            any_lower_ok: self.any_lower_ok,
            lower: std::borrow::Cow::Borrowed(&self.lower.pairs),
            lower_starts: std::borrow::Cow::Borrowed(&self.lower.starts),
            trie_nodes: std::borrow::Cow::Borrowed(trie_nodes),
            trie_roots,
            trie_edges,
            variants: self.variants.iter().map(|v| [v.entry.0, v.name.bits(), v.reqs]).collect(),
            reqs: self.reqs.iter().map(|r| r.0).collect(),
            exact: self.exact.iter().map(|e| e.to_vec()).collect(),
        }
    }

    /// The index a saved extractor holds, checked so that no lookup can
    /// go out of bounds; `entries` is the number of entries it refers to.
    pub(crate) fn from_repr(r: IndexRepr<'_>, entries: usize) -> Result<Index, &'static str> {
        let vocab = Vocab::from_parts(r.vocab_text.into_owned(), &r.vocab_slots).ok_or("vocabulary")?;
        let ascii_punct: [u32; 128] = r.ascii_punct.try_into().map_err(|_| "punctuation table")?;
        let (pairs, starts) = (r.lower.into_owned(), r.lower_starts.into_owned());
        if pairs.len() != LOWER_BITS / 64 || starts.len() != LOWER_START_BITS / 64 {
            return Err("lowercase filter");
        }
        let exact: Vec<Box<[bool]>> = r.exact.into_iter().map(Vec::into_boxed_slice).collect();
        if r.reqs.iter().any(|&x| x >= 2 && (x - 2) as usize >= exact.len()) {
            return Err("case requirement");
        }
        let reqs: Vec<PackedReq> = r.reqs.iter().map(|&x| PackedReq(x)).collect();
        let variants: Vec<Variant> = r
            .variants
            .iter()
            .map(|&[e, name, reqs]| Variant { entry: EntryId(e), name: NameRef::from_bits(name), reqs })
            .collect();
        if variants.iter().any(|v| v.entry.as_usize() >= entries) {
            return Err("variant");
        }
        if variants.last().is_some_and(|v| v.reqs & LAST == 0) || variants.len() >= crate::trie::MAX_PATTERN as usize {
            return Err("pattern");
        }
        if r.trie_roots as usize != vocab.len() {
            return Err("trie size");
        }
        // A pattern ends at a node of its length: its variants' case
        // requirements must be there for that many tokens. (A pattern is
        // where its variants start: one that starts inside another's would
        // read some of its variants only, harmlessly.)
        let fits = |p: u32, len: usize| {
            let vs = Index::variants_at(&variants, p);
            !vs.is_empty() && vs.iter().all(|v| (v.req_start() as usize).saturating_add(len) <= reqs.len())
        };
        let patterns = variants.len();
        let trie = TokenTrie::from_parts(r.trie_nodes.into_owned(), r.trie_roots, &r.trie_edges, patterns, fits)?;
        Ok(Index {
            uid: next_uid(),
            vocab,
            ascii_punct,
            any_lower_ok: r.any_lower_ok,
            lower: LowerFilter { starts: starts.into_boxed_slice(), pairs: pairs.into_boxed_slice() },
            trie,
            variants,
            reqs,
            exact,
        })
    }
}
