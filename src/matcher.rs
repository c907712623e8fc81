//! The compiled index: a vocabulary of folded tokens, a trie over token
//! ids, and the case requirements of every name.
//!
//! Names and text are cut into tokens by the same tokenizer and folded the
//! same way (see `normalize.rs`). Each distinct folded token of the
//! gazetteer gets an id, in order of first appearance; a name is the
//! sequence of its tokens' ids, and names with the same sequence share one
//! pattern, which ends at one node of the token trie (`trie.rs`).
//!
//! At search time only tokens that could start or continue a name are
//! looked up: words of the vocabulary written as proper names (or, for the
//! few tokens that names accept in lowercase, however written) and punctuation
//! that some name contains. Every other token ends the walks in progress.
//! The trie is thus walked one step per capitalised word instead of every
//! byte of the text, and its matches fall on token boundaries by
//! construction: word boundaries are part of matching, not a filter applied
//! afterwards.

use rayon::prelude::*;

use crate::error::{BuildError, BuildErrorKind};
use crate::gazetteer::entry::{Entry, EntryId, Name};
use crate::gazetteer::Gazetteer;
use crate::lang::Inflection;
use crate::normalize::{fold_word_into, is_cased, Token, TokenKind, Tokenizer};
use crate::trie::TokenTrie;
use crate::vocab::Vocab;

/// Set on a vocabulary id when some name accepts the token in lowercase.
const LOWER_OK: u32 = 1 << 31;
/// Bits of the filter of lowercase words that may continue a name after a
/// given token (256 KiB).
const LOWER_BITS: usize = 1 << 21;
/// Bits of the filter of lowercase words that may start a name (32 KiB):
/// asked about every lowercase word of the text, so it is kept small
/// enough to stay in cache (the bundled gazetteer sets about 7,500).
const LOWER_START_BITS: usize = 1 << 18;
/// Set on the id the scan found for a word by one of its base forms
/// ([`Inflection`]): a name may end there, and may go on only in a
/// language whose every word inflects.
const INFLECTED: u32 = 1 << 30;
/// Set with [`INFLECTED`] when the name may go on after the word (in a
/// language that inflects every word of a name).
const CONTINUES: u32 = 1 << 29;
/// The flags a looked-up id carries over the vocabulary's id.
const FLAGS: u32 = LOWER_OK | INFLECTED | CONTINUES;
/// Ids must stay below this so that `LOWER_OK`, `INFLECTED` and
/// `CONTINUES` are free.
const MAX_TOKEN_ID: u32 = 1 << 29;
const NO_ID: u32 = u32::MAX;

/// What a name asks of the case of one text token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Req {
    /// Any case.
    Any,
    /// Written as a proper name: first cased letter uppercase.
    Cap,
    /// Same case letter by letter as the name (index into `Index::exact`).
    Exact(u32),
}

/// A [`Req`] in four bytes, as the index keeps one per token of every
/// name: 0 any case, 1 capitalised, 2 + i exact signature i.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PackedReq(u32);

impl From<Req> for PackedReq {
    fn from(r: Req) -> PackedReq {
        PackedReq(match r {
            Req::Any => 0,
            Req::Cap => 1,
            // (Signatures are counted in u32 below u32::MAX - 2: the build
            // checks their number.)
            Req::Exact(i) => i.saturating_add(2),
        })
    }
}

impl PackedReq {
    #[inline]
    fn get(self) -> Req {
        match self.0 {
            0 => Req::Any,
            1 => Req::Cap,
            x => Req::Exact(x - 2),
        }
    }
}

/// The parts of an [`Index`] as a saved extractor holds them (the
/// vocabulary's hash table and the trie's edge table are rebuilt, and
/// everything checked, when read).
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct IndexRepr<'a> {
    #[serde(borrow)]
    vocab_text: std::borrow::Cow<'a, str>,
    /// (start, length, value) of every vocabulary string.
    vocab_slots: Vec<[u32; 3]>,
    ascii_punct: Vec<u32>,
    any_lower_ok: bool,
    lower: std::borrow::Cow<'a, [u64]>,
    lower_starts: std::borrow::Cow<'a, [u64]>,
    /// The trie's node words, its number of first-token nodes, and its
    /// edges as (parent, token, child).
    trie_nodes: std::borrow::Cow<'a, [u32]>,
    trie_roots: u32,
    trie_edges: Vec<[u32; 3]>,
    /// Where every pattern's variants start, then their number.
    pattern_starts: std::borrow::Cow<'a, [u32]>,
    /// (entry, name, first requirement) of every variant.
    variants: Vec<[u32; 3]>,
    /// 0 any case, 1 capitalised, 2 + i exact signature i.
    reqs: Vec<u32>,
    exact: Vec<Vec<bool>>,
}

/// One name of one entry that has a pattern's token sequence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Variant {
    pub(crate) entry: EntryId,
    pub(crate) name: u32,
    /// Where its case requirements (one per token) start in the index's
    /// list; a variant with the same requirements as the one before it
    /// shares them, so equal starts mean equal requirements.
    pub(crate) req_start: u32,
}

/// A match of a pattern on eligible tokens `first..=last`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawMatch {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) pattern: u32,
    /// The last word is written in another form than the name's
    /// ("Москве", "Bakıda"), found by the inflection table.
    pub(crate) inflected: bool,
}

/// Reusable buffers for one search.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The tokens the vocabulary knows, in order, which matches index; or,
    /// with [`Scratch::table`], every token of the text.
    pub(crate) tokens: Vec<Token>,
    /// Trie walks in progress: (node reached, first token), and the next
    /// token's.
    walks: Vec<(u32, usize)>,
    next_walks: Vec<(u32, usize)>,
    /// The folded token, and a base form of it.
    keys: (String, String),
    pub(crate) raw: Vec<RawMatch>,
    /// Every word written in capitals, for the acronym rule.
    pub(crate) caps: Vec<Capitals>,
    /// The byte range of every word whose first cased letter is a capital,
    /// in text order (the rules look for surnames among them).
    pub(crate) capitalised: Vec<(usize, usize)>,
    /// Make [`Scratch::tokens`] the text's token table, every token in
    /// order, rather than the tokens the vocabulary knows (set by the
    /// caller before a scan: the rules read the table instead of the text).
    pub(crate) table: bool,
}

impl Scratch {
    /// Bytes of capacity a scratch keeps between texts; a larger text's
    /// buffers are released after it.
    pub(crate) const KEEP: usize = 4 << 20;

    /// Releases the buffers when one text made them larger than [`Scratch::KEEP`].
    pub(crate) fn trim(&mut self) {
        let held = self.tokens.capacity() * std::mem::size_of::<Token>()
            + (self.walks.capacity() + self.next_walks.capacity()) * std::mem::size_of::<(u32, usize)>()
            + self.raw.capacity() * std::mem::size_of::<RawMatch>()
            + self.caps.capacity() * std::mem::size_of::<Capitals>()
            + self.capitalised.capacity() * std::mem::size_of::<(usize, usize)>();
        if held > Self::KEEP {
            *self = Scratch { table: self.table, ..Scratch::default() };
        }
    }
}

/// A word written in capitals, and whether its neighbouring tokens are
/// words in capitals too (a heading or a dateline rather than an acronym).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Capitals {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) prev_upper: bool,
    pub(crate) next_upper: bool,
}

pub(crate) struct Index {
    vocab: Vocab,
    /// Ids (with flags) of ASCII punctuation, `NO_ID` when no name has it.
    ascii_punct: [u32; 128],
    /// True when some token is accepted in lowercase.
    any_lower_ok: bool,
    /// Which lowercase words can start a name, or continue one after a
    /// given token: the others are never folded or looked up.
    lower: LowerFilter,
    /// Every pattern's token-id sequence.
    trie: TokenTrie,
    /// Per pattern (a distinct token sequence), where its variants start
    /// in `variants`, then the number of variants: a pattern's variants
    /// are `variants[starts[p]..starts[p + 1]]`.
    pattern_starts: Vec<u32>,
    variants: Vec<Variant>,
    reqs: Vec<PackedReq>,
    /// Case signatures of case-sensitive tokens: uppercase flags of their
    /// cased letters.
    exact: Vec<Box<[bool]>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("tokens", &self.vocab.len())
            .field("patterns", &self.pattern_starts.len().saturating_sub(1))
            .field("names", &self.variants.len())
            .finish()
    }
}

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
    exact: Vec<Box<[bool]>>,
    key: String,
}

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
        let Some(id) = self.id(key) else { return };
        let c = &mut self.lower[id as usize];
        c.0 |= lower_ok;
        c.1 |= lower_ok && first;
        self.toks.push(id);
        self.reqs.push(req.into());
    }

    /// The id of `key`, the next one when it is new; `None`, with `full`
    /// set, when the vocabulary's text is full.
    fn id(&mut self, key: &str) -> Option<u32> {
        let next = self.lower.len() as u32;
        let Ok(id) = self.vocab.get_or_insert(key, || next) else {
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
        let mut keys: Vec<&str> = vec![""; other.lower.len()];
        for (key, id) in other.vocab.iter() {
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
                    if !tok.case.has_cased || entry.any_case() {
                        Req::Any
                    } else if name.flags().case_sensitive
                        || (!tok.case.first_upper && slice.chars().any(char::is_uppercase))
                    {
                        // Acronyms, and the name's own mixed case (eBay).
                        self.exact.push(case_signature(slice));
                        capitalised_words += 1;
                        Req::Exact(self.exact.len() as u32 - 1)
                    } else if tok.case.first_upper {
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
            self.intern(&key, req, first, tok.kind == TokenKind::Word && !tok.case.has_cased);
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
                if t.kind == TokenKind::Word && t.case.has_cased {
                    self.reqs[i] = Req::Cap.into();
                    // The token is no longer accepted in lowercase through
                    // this name; the flag stays conservative (it only lets
                    // more tokens reach the trie, never changes results).
                }
            }
        }
        self.names.push((id, index, start as u32));
    }
}

/// Two Bloom-like filters (one hash, one bit) of the lowercase-accepted
/// tokens of names: those that start a name, and those that continue one,
/// keyed by the token before them. False positives only cost a lookup;
/// there are no false negatives for the words they answer about.
struct LowerFilter {
    starts: Box<[u64]>,
    pairs: Box<[u64]>,
}

impl LowerFilter {
    fn new() -> Self {
        LowerFilter {
            starts: vec![0u64; LOWER_START_BITS / 64].into_boxed_slice(),
            pairs: vec![0u64; LOWER_BITS / 64].into_boxed_slice(),
        }
    }

    fn bit(bits: &[u64], prev: u32, hash: u64) -> usize {
        // Mix the token before into the word's hash (a multiply spreads it
        // over the high bits, which the shift keeps).
        let h = (hash ^ u64::from(prev)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - (bits.len() * 64).trailing_zeros())) as usize
    }

    fn set(bits: &mut [u64], prev: u32, key: &str) {
        let bit = Self::bit(bits, prev, crate::vocab::hash(key));
        bits[bit / 64] |= 1 << (bit % 64);
    }

    fn has(bits: &[u64], prev: u32, hash: u64) -> bool {
        let bit = Self::bit(bits, prev, hash);
        bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// `key` starts a name in lowercase.
    fn insert_start(&mut self, key: &str) {
        Self::set(&mut self.starts, NO_ID, key);
    }

    /// `key` continues a name in lowercase after the token `prev`.
    fn insert_pair(&mut self, prev: u32, key: &str) {
        Self::set(&mut self.pairs, prev, key);
    }

    /// False when `word`, lowercase in the text after the token `prev`
    /// (`NO_ID` after a break), certainly starts no name and continues
    /// none. Only ASCII lowercase words are answered (they are their own
    /// fold); any other word may match.
    #[inline(always)]
    fn may_match(&self, prev: u32, word: &str) -> bool {
        if !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return true;
        }
        // The word's hash, computed once for both questions; the larger
        // filter only when a name's token comes before.
        let hash = crate::vocab::hash(word);
        Self::has(&self.starts, NO_ID, hash) || (prev != NO_ID && Self::has(&self.pairs, prev, hash))
    }
}

fn case_signature(s: &str) -> Box<[bool]> {
    s.chars().filter(|&c| is_cased(c)).map(char::is_uppercase).collect()
}

fn same_signature(s: &str, sig: &[bool]) -> bool {
    let mut it = s.chars().filter(|&c| is_cased(c)).map(char::is_uppercase);
    for &want in sig {
        if it.next() != Some(want) {
            return false;
        }
    }
    it.next().is_none()
}

impl Variant {
    /// A variant that names an entry by position rather than by a name
    /// (the nearest place of coordinates found in text).
    pub(crate) fn nearest(entry: EntryId) -> Variant {
        Variant { entry, name: 0, req_start: 0 }
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
        let Builder { mut vocab, lower: lower_flags, mut toks, mut reqs, mut names, exact, full, .. } = b;
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
        for (k, v) in vocab.iter_mut() {
            let (lower_ok, starts) = lower_flags[*v as usize];
            if lower_ok {
                *v |= LOWER_OK;
            }
            any_lower_ok |= lower_ok && k.chars().any(char::is_alphabetic);
            if starts {
                lower.insert_start(k);
            }
            let mut chars = k.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if c.is_ascii() && !c.is_ascii_alphanumeric() {
                    ascii_punct[c as usize] = *v;
                }
            }
        }
        let token_count = lower_flags.len();
        drop(lower_flags);
        // Pairs (token, next token accepted in lowercase) of every name.
        {
            let mut keys: Vec<&str> = vec![""; token_count];
            for (k, v) in vocab.iter() {
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
        let priors: Vec<u64> = all()
            .map(|(_, e)| {
                let place = e.place();
                // Nationalities come right after countries: "German" is
                // far more often the adjective than a village.
                // Named people and organisations come before the many
                // small places that share their names ("White House").
                let rank = match e.label() {
                    crate::label::Label::Nationality => 1,
                    crate::label::Label::Person | crate::label::Label::Organization => 4,
                    _ => place.map_or(5, |p| p.type_rank()),
                };
                let population = place.and_then(|p| p.population).unwrap_or(0).min(POPULATION);
                (u64::from(rank) << 56) | (POPULATION - population)
            })
            .collect();
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
        for w in pattern_starts.windows(2) {
            let group = &mut order[w[0] as usize..w[1] as usize];
            if group.len() > 1 {
                group.sort_by_key(|&i| priors[names[i as usize].0.as_usize()]);
            }
        }
        drop(priors);
        let mut flat_reqs = Vec::with_capacity(reqs.len());
        let mut variants = Vec::with_capacity(names.len());
        // A variant whose case requirements are those of the variant before
        // it shares them: most names of a pattern ask the same (nothing, or
        // a capital), and the scan checks a shared one once.
        let mut last: Option<std::ops::Range<usize>> = None;
        for &i in &order {
            let (entry, name, _) = names[i as usize];
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
            variants.push(Variant { entry, name, req_start: start as u32 });
        }
        Ok(Index { vocab, ascii_punct, any_lower_ok, lower, trie, pattern_starts, variants, reqs: flat_reqs, exact })
    }

    /// Looks up the id (with flags) of a token of the text, or `NO_ID`;
    /// with an inflection table, a capitalised word the vocabulary does not
    /// know is looked up by its base forms ([`INFLECTED`] set on the id).
    #[inline(always)]
    fn lookup(
        &self,
        text: &str,
        tok: &Token,
        keys: &mut (String, String),
        infl: Option<&Inflection>,
        lower: bool,
    ) -> u32 {
        let (key, base) = keys;
        match tok.kind {
            TokenKind::Break => NO_ID,
            TokenKind::Punct(p) => {
                if p.is_ascii() {
                    self.ascii_punct[p as usize]
                } else {
                    key.clear();
                    key.push(p);
                    self.vocab.get(key.as_str()).unwrap_or(NO_ID)
                }
            }
            TokenKind::Word => {
                let cap = tok.case.is_capitalised();
                if !cap && !self.any_lower_ok && !lower {
                    return NO_ID;
                }
                key.clear();
                fold_word_into(&text[tok.start..tok.end], key);
                match self.vocab.get(key.as_str()) {
                    Some(v) if cap || lower || v & LOWER_OK != 0 => v,
                    None if cap => infl.map_or(NO_ID, |infl| self.lookup_inflected(key, base, infl)),
                    _ => NO_ID,
                }
            }
        }
    }

    /// The id of a base form of a capitalised word the vocabulary does not
    /// know, with [`INFLECTED`] set (its lowercase-ok flag dropped: the word
    /// is capitalised), or `NO_ID`. (Out of line: English text never
    /// comes here, and the scan's loop stays small.)
    #[inline(never)]
    fn lookup_inflected(&self, key: &str, base: &mut String, infl: &Inflection) -> u32 {
        infl.find(key, base, |b| self.vocab.get(b))
            .map_or(NO_ID, |(v, continues)| (v & !LOWER_OK) | INFLECTED | if continues { CONTINUES } else { 0 })
    }

    /// Finds every pattern occurrence in `text` (overlapping, nested ones
    /// included), filling `scratch.tokens` and `scratch.raw`. With an
    /// inflection table, a capitalised word may be a name's word in
    /// another form ("Москве"): the last word of a name, or any of its
    /// words in a language whose every word inflects.
    ///
    /// With `lower`, every lowercase word is looked up too, so that a name
    /// written all in lowercase is found (a text with few capitals, a
    /// hashtag); whether such a match is accepted is the caller's
    /// decision (its capitals requirements fail).
    pub(crate) fn scan(&self, text: &str, scratch: &mut Scratch, infl: Option<&Inflection>, lower: bool) {
        // (Copies of the loop: the one for English text with capitals, no
        // inflection, is as small as it was before there were tables.)
        let infl = infl.filter(|i| !i.is_empty());
        match (infl.is_some(), lower) {
            (true, false) => self.scan_with::<true, false>(text, scratch, infl),
            (false, false) => self.scan_with::<false, false>(text, scratch, None),
            (_, true) => self.scan_with::<true, true>(text, scratch, infl),
        }
    }

    fn scan_with<const INFLECT: bool, const LOWER: bool>(
        &self,
        text: &str,
        scratch: &mut Scratch,
        infl: Option<&Inflection>,
    ) {
        scratch.tokens.clear();
        scratch.walks.clear();
        scratch.raw.clear();
        scratch.caps.clear();
        scratch.capitalised.clear();
        if self.variants.is_empty() {
            return;
        }
        // The previous word was in capitals; the last token was that word.
        let mut prev_upper = false;
        let mut last_caps: Option<usize> = None;
        // The id of the token just looked up; `NO_ID` after a break.
        let mut prev_id = NO_ID;
        for tok in Tokenizer::new(text) {
            if scratch.table {
                scratch.tokens.push(tok);
            }
            match tok.kind {
                TokenKind::Word => {
                    let upper = tok.case.has_cased && tok.case.all_upper;
                    if let Some(k) = last_caps {
                        scratch.caps[k].next_upper = upper;
                    }
                    last_caps = None;
                    if upper {
                        last_caps = Some(scratch.caps.len());
                        scratch.caps.push(Capitals { start: tok.start, end: tok.end, prev_upper, next_upper: false });
                    }
                    prev_upper = upper;
                    if tok.case.first_upper {
                        scratch.capitalised.push((tok.start, tok.end));
                    }
                }
                TokenKind::Break => {
                    prev_upper = false;
                    last_caps = None;
                }
                TokenKind::Punct(_) => last_caps = None,
            }
            // Most lowercase words ("said", "the") can neither start a name
            // nor continue the one before them: the filter rejects them
            // without folding or a vocabulary lookup.
            let skip = tok.kind == TokenKind::Word
                && ((self.any_lower_ok
                    && !LOWER
                    && !tok.case.is_capitalised()
                    && !self.lower.may_match(prev_id, &text[tok.start..tok.end]))
                    // A user's handle names no place ("@Baku_News").
                    || (tok.start > 0 && text.as_bytes()[tok.start - 1] == b'@'));
            let mut v = if skip {
                NO_ID
            } else {
                self.lookup(text, &tok, &mut scratch.keys, if INFLECT { infl } else { None }, LOWER)
            };
            // A capitalised word known only inside longer names ("Deutschlands"
            // in an association's name) that no walk in progress takes may
            // be a name in another form: its base form, when that is a name.
            if let (true, Some(infl)) = (INFLECT, infl) {
                let id = v & !FLAGS;
                if v != NO_ID
                    && v & INFLECTED == 0
                    && infl.may_change(&scratch.keys.0)
                    && tok.kind == TokenKind::Word
                    && tok.case.is_capitalised()
                    && self.trie.at(id).0.is_none()
                    && !scratch.walks.iter().any(|&(node, _)| self.trie.child(node, id).is_some())
                {
                    let (key, base) = &mut scratch.keys;
                    let b = self.lookup_inflected(key, base, infl);
                    if b != NO_ID && self.trie.at(b & !FLAGS).0.is_some() {
                        v = b;
                    }
                }
            }
            if v == NO_ID {
                prev_id = NO_ID;
                scratch.walks.clear();
                continue;
            }
            let id = v & !FLAGS;
            // A word in another form ends the names it is in (but where
            // every word inflects).
            let inflected = INFLECT && v & INFLECTED != 0;
            let ends = inflected && v & CONTINUES == 0;
            // (A walk's tokens are consecutive in either list: a token the
            // vocabulary does not know ends every walk.)
            if !scratch.table {
                scratch.tokens.push(tok);
            }
            let ti = scratch.tokens.len() - 1;
            prev_id = id;
            // Advance the walks in progress (oldest, so longest, first),
            // then start one at this token.
            let trie = &self.trie;
            let raw = &mut scratch.raw;
            let next = &mut scratch.next_walks;
            next.clear();
            let mut step = |node: u32, first: usize| {
                let (pattern, more) = trie.at(node);
                if let Some(pattern) = pattern {
                    raw.push(RawMatch { first, last: ti, pattern, inflected });
                }
                if more && !ends {
                    next.push((node, first));
                }
            };
            for &(node, first) in &scratch.walks {
                if let Some(child) = trie.child(node, id) {
                    step(child, first);
                }
            }
            step(id, ti);
            std::mem::swap(&mut scratch.walks, &mut scratch.next_walks);
        }
    }

    /// The variants of a pattern, in the default candidate order.
    pub(crate) fn variants(&self, pattern: u32) -> &[Variant] {
        // (Checked: a saved index may be read back.)
        let p = pattern as usize;
        let (Some(&start), Some(&end)) = (self.pattern_starts.get(p), self.pattern_starts.get(p + 1)) else {
            return &[];
        };
        self.variants.get(start as usize..end as usize).unwrap_or_default()
    }

    /// True when the text's tokens `tokens` satisfy the variant's case
    /// requirements.
    pub(crate) fn accepts(&self, v: &Variant, tokens: &[Token], text: &str) -> bool {
        let len = tokens.len();
        let Some(reqs) = self.reqs.get(v.req_start as usize..v.req_start as usize + len) else { return false };
        reqs.iter().zip(tokens).all(|(r, t)| match r.get() {
            Req::Any => true,
            Req::Cap => t.case.is_capitalised(),
            Req::Exact(i) => self.exact.get(i as usize).is_some_and(|e| same_signature(&text[t.start..t.end], e)),
        })
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
            pattern_starts: std::borrow::Cow::Borrowed(&self.pattern_starts),
            variants: self.variants.iter().map(|v| [v.entry.0, v.name, v.req_start]).collect(),
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
        let variants: Vec<Variant> =
            r.variants.iter().map(|&[e, name, req_start]| Variant { entry: EntryId(e), name, req_start }).collect();
        if variants.iter().any(|v| v.entry.as_usize() >= entries) {
            return Err("variant");
        }
        let pattern_starts = r.pattern_starts.into_owned();
        let ordered = pattern_starts.windows(2).all(|w| w[0] < w[1]);
        if pattern_starts.first() != Some(&0) || !ordered || pattern_starts.last() != Some(&(variants.len() as u32)) {
            return Err("pattern");
        }
        if r.trie_roots as usize != vocab.len() {
            return Err("trie size");
        }
        // A pattern ends at a node of its length: its variants' case
        // requirements must be there for that many tokens.
        let fits = |p: u32, len: usize| {
            let vs = &variants[pattern_starts[p as usize] as usize..pattern_starts[p as usize + 1] as usize];
            vs.iter().all(|v| (v.req_start as usize).saturating_add(len) <= reqs.len())
        };
        let patterns = pattern_starts.len() - 1;
        let trie = TokenTrie::from_parts(r.trie_nodes.into_owned(), r.trie_roots, &r.trie_edges, patterns, fits)?;
        Ok(Index {
            vocab,
            ascii_punct,
            any_lower_ok: r.any_lower_ok,
            lower: LowerFilter { starts: starts.into_boxed_slice(), pairs: pairs.into_boxed_slice() },
            trie,
            pattern_starts,
            variants,
            reqs,
            exact,
        })
    }

    /// Heap bytes held by the index (vocabulary, trie, tables).
    pub(crate) fn heap_bytes(&self) -> usize {
        let vocab = self.vocab.heap_bytes();
        self.trie.heap_bytes()
            + vocab
            + self.pattern_starts.len() * 4
            + self.variants.len() * std::mem::size_of::<Variant>()
            + self.reqs.len() * std::mem::size_of::<PackedReq>()
            + (self.lower.starts.len() + self.lower.pairs.len()) * 8
            + self.exact.iter().map(|e| e.len() + 16).sum::<usize>()
    }
}
