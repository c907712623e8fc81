//! The compiled index: a vocabulary of folded tokens, a trie over token
//! ids, and the case requirements of every name.
//!
//! Names and text are cut into tokens by the same tokenizer and folded the
//! same way (see `normalize/`). Each distinct folded token of the
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

use crate::error::{BuildError, BuildErrorKind};
use crate::gazetteer::entry::{Entry, EntryId, Name, NameFlags};
use crate::gazetteer::Gazetteer;
use crate::lang::Inflection;
use crate::normalize::{fold_word_into, is_cased, Token, TokenKind, Tokenizer};
use crate::span::NameRef;
use crate::trie::TokenTrie;
use crate::vocab::Vocab;

mod build;

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
    /// (entry, name, first requirement with the name's flags above it)
    /// of every variant.
    variants: Vec<[u32; 3]>,
    /// 0 any case, 1 capitalised, 2 + i exact signature i.
    reqs: Vec<u32>,
    exact: Vec<Vec<bool>>,
}

/// One name of one entry that has a pattern's token sequence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Variant {
    pub(crate) entry: EntryId,
    pub(crate) name: NameRef,
    /// Where its case requirements (one per token) start in the index's
    /// list (the bits of [`REQ_START`]); a variant with the same
    /// requirements as the one before it shares them, so equal starts mean
    /// equal requirements. Above them, the name's flags
    /// ([`COMMON_WORD`], [`CASE_SENSITIVE`]), so that the rules read them
    /// without the entry's list of names.
    reqs: u32,
}

/// The bits of [`Variant::reqs`] that say where its requirements start.
pub(crate) const REQ_START: u32 = (1 << 29) - 1;
/// Set on the last variant of a pattern.
const LAST: u32 = 1 << 29;
const COMMON_WORD: u32 = 1 << 30;
const CASE_SENSITIVE: u32 = 1 << 31;

/// A trie walk in progress: the node reached, its first token, and
/// whether a token of it so far was a word in another form.
type Walk = (u32, usize, bool);

/// A match of a pattern on eligible tokens `first..=last`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawMatch {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) pattern: u32,
    /// The last word is written in another form than the name's
    /// ("Москве", "Bakıda"), found by the inflection table.
    pub(crate) inflected: bool,
    /// A word before the last is (in a language whose names inflect in
    /// every word, "Нижнем Новгороде"; or a walk that went on past one).
    pub(crate) earlier_inflected: bool,
}

/// Reusable buffers for one search.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The tokens the vocabulary knows, in order, which matches index; or,
    /// with [`Scratch::table`], every token of the text.
    pub(crate) tokens: Vec<Token>,
    /// Trie walks in progress ([`Walk`]), and the next token's.
    walks: Vec<Walk>,
    next_walks: Vec<Walk>,
    /// The folded token, and a base form of it.
    keys: (String, String),
    pub(crate) raw: Vec<RawMatch>,
    /// With [`Scratch::table`]: every word written in capitals, for the
    /// acronym rule.
    pub(crate) caps: Vec<Capitals>,
    /// With [`Scratch::table`]: the byte range of every word whose first
    /// cased letter is a capital, in text order (the rules look for
    /// surnames among them).
    pub(crate) capitalised: Vec<(usize, usize)>,
    /// With [`Scratch::table`]: the index in the table of every word that
    /// starts with an ASCII digit, in order (the grid references' zones).
    pub(crate) digit_words: Vec<usize>,
    /// Make [`Scratch::tokens`] the text's token table, every token in
    /// order, rather than the tokens the vocabulary knows (set by the
    /// caller before a scan: the rules read the table instead of the text).
    pub(crate) table: bool,
    /// The vocabulary's answers for short words, kept from one text to the
    /// next.
    memo: Memo,
}

/// The vocabulary's answers for words of up to 16 ASCII letters and
/// digits, kept in two small direct-mapped tables (words of up to 8 bytes,
/// and longer ones): a text asks about the same few words again and again
/// ("the", "a", "The", "President", "Washington"), and a hit costs neither
/// folding the word nor a probe of the vocabulary, a table far larger
/// than the caches. The answers belong to one index, named by its
/// `uid`; a scratch used with another index starts afresh.
struct Memo {
    index: u64,
    /// (the folded word, zero-padded, as a number; the answer, `NO_ID`
    /// when the vocabulary does not know the word; the trie's word of the
    /// answer's node, in what was the slot's padding, so that a hit reads
    /// no node either). An empty slot holds word 0, which no word folds to.
    slots: Box<[(u64, u32, u32)]>,
    /// The same for words of 9 to 16 ASCII letters and digits
    /// ("Washington", "Parliament"), keyed by [`Memo::long_key`]: each
    /// answer there would be a probe of the vocabulary, most of them a
    /// miss of the caches.
    long: Box<[LongSlot]>,
}

/// A slot of the memo of longer words: ([`Memo::long_key`], the answer,
/// the trie's word of its node).
type LongSlot = ((u64, u64), u32, u32);

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").field("index", &self.index).finish_non_exhaustive()
    }
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            index: 0,
            slots: vec![(0, NO_ID, 0); Memo::SLOTS].into_boxed_slice(),
            long: vec![((0, 0), NO_ID, 0); Memo::LONG_SLOTS].into_boxed_slice(),
        }
    }
}

impl Memo {
    /// (256 KiB: the names of a stream of news recur from text to text. On
    /// one pass over the four news corpora, from an empty memo, a fifth
    /// fewer lookups reach the vocabulary than with 4,096 slots.)
    const SLOTS: usize = 16384;

    /// The folded form of the word at `text[start..start + len]` as one
    /// number, when it is 1 to 8 ASCII bytes. An ASCII word token is
    /// letters and digits only (the tokenizer's rule), and for those
    /// setting bit 5 of each byte is lowercasing.
    #[inline(always)]
    fn key(text: &[u8], start: usize, len: usize) -> Option<u64> {
        if !(1..=8).contains(&len) {
            return None;
        }
        let mask = u64::MAX >> (64 - 8 * len);
        let raw = match text.get(start..start + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
            Some(b) => u64::from_le_bytes(b),
            None => {
                let mut b = [0u8; 8];
                b[..len].copy_from_slice(text.get(start..start + len)?);
                u64::from_le_bytes(b)
            }
        } & mask;
        debug_assert!(text[start..start + len].iter().all(|b| !b.is_ascii() || b.is_ascii_alphanumeric()));
        (raw & 0x8080_8080_8080_8080 == 0).then_some(raw | (0x2020_2020_2020_2020 & mask))
    }

    #[inline(always)]
    fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Memo::SLOTS.trailing_zeros())) as usize
    }

    /// (192 KiB: a pass over the four news corpora from an empty memo
    /// asks the vocabulary about a third of its longer words.)
    const LONG_SLOTS: usize = 8192;

    /// The folded form of the word at `text[start..start + len]` as two
    /// numbers, when it is 9 to 16 ASCII bytes: its first eight bytes and
    /// its last eight (overlapping the first for a word under 16), each
    /// lowercased as in [`Memo::key`], with the length in the top bits of
    /// the last eight's first three lanes (bits no ASCII byte sets), so
    /// that two words of different lengths never share a key.
    #[inline(always)]
    fn long_key(text: &[u8], start: usize, len: usize) -> Option<(u64, u64)> {
        if !(9..=16).contains(&len) {
            return None;
        }
        let load = |at: usize| text.get(at..at + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()).map(u64::from_le_bytes);
        let (first, last) = (load(start)?, load(start + len - 8)?);
        debug_assert!(text[start..start + len].iter().all(|b| !b.is_ascii() || b.is_ascii_alphanumeric()));
        const HIGH: u64 = 0x8080_8080_8080_8080;
        const LOWER: u64 = 0x2020_2020_2020_2020;
        if (first | last) & HIGH != 0 {
            return None;
        }
        let n = (len - 9) as u64;
        let length = ((n & 1) << 7) | ((n & 2) << 14) | ((n & 4) << 21);
        Some((first | LOWER, last | LOWER | length))
    }

    #[inline(always)]
    fn long_slot((first, last): (u64, u64)) -> usize {
        let h = (first ^ last.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - Memo::LONG_SLOTS.trailing_zeros())) as usize
    }
}

impl Scratch {
    /// Bytes of capacity a scratch keeps between texts; a larger text's
    /// buffers are released after it.
    pub(crate) const KEEP: usize = 4 << 20;

    /// Releases the buffers when one text made them larger than [`Scratch::KEEP`].
    pub(crate) fn trim(&mut self) {
        let held = self.tokens.capacity() * std::mem::size_of::<Token>()
            + (self.walks.capacity() + self.next_walks.capacity()) * std::mem::size_of::<Walk>()
            + self.raw.capacity() * std::mem::size_of::<RawMatch>()
            + self.caps.capacity() * std::mem::size_of::<Capitals>()
            + self.capitalised.capacity() * std::mem::size_of::<(usize, usize)>()
            + self.digit_words.capacity() * std::mem::size_of::<usize>();
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
    /// A number no other index of this process has (a scratch's memo of
    /// vocabulary answers belongs to one index).
    uid: u64,
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
    /// Every pattern's variants (the names with its token sequence), a
    /// pattern's in a row: a pattern is named by where its variants start,
    /// and its last variant has [`LAST`] set.
    variants: Vec<Variant>,
    reqs: Vec<PackedReq>,
    /// Case signatures of case-sensitive tokens: uppercase flags of their
    /// cased letters.
    exact: Vec<Box<[bool]>>,
}

/// A number for a new index, unique in this process (from 1: a new
/// scratch's memo belongs to no index).
fn next_uid() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("tokens", &self.vocab.len())
            .field("patterns", &self.variants.iter().filter(|v| v.reqs & LAST != 0).count())
            .field("names", &self.variants.len())
            .finish()
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

    fn set(bits: &mut [u64], prev: u32, key: &[u8]) {
        let bit = Self::bit(bits, prev, crate::vocab::hash_bytes(key));
        bits[bit / 64] |= 1 << (bit % 64);
    }

    fn has(bits: &[u64], prev: u32, hash: u64) -> bool {
        let bit = Self::bit(bits, prev, hash);
        bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// `key` starts a name in lowercase.
    fn insert_start(&mut self, key: &[u8]) {
        Self::set(&mut self.starts, NO_ID, key);
    }

    /// `key` continues a name in lowercase after the token `prev`.
    fn insert_pair(&mut self, prev: u32, key: &[u8]) {
        Self::set(&mut self.pairs, prev, key);
    }

    /// False when `word`, lowercase in the text after the token `prev`
    /// (`NO_ID` after a break), certainly starts no name and continues
    /// none. Only ASCII lowercase words are answered (they are their own
    /// fold; the tokenizer says which, `ascii_lower`); any other word may
    /// match.
    #[inline(always)]
    fn may_match(&self, prev: u32, word: &str, ascii_lower: bool) -> bool {
        debug_assert_eq!(ascii_lower, word.bytes().all(|b| b.is_ascii_lowercase()), "{word:?}");
        if !ascii_lower {
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
    pub(crate) fn nearest(id: EntryId, entry: &Entry) -> Variant {
        let own = crate::geo::name_ref(entry, 0, &mut crate::geo::Keys::default());
        Variant { entry: id, name: own.unwrap_or(NameRef::from_bits(0)), reqs: 0 }
    }

    /// Where its case requirements start in the index's list.
    pub(crate) fn req_start(&self) -> u32 {
        self.reqs & REQ_START
    }

    /// The flags of its name.
    pub(crate) fn name_flags(&self) -> NameFlags {
        NameFlags { case_sensitive: self.reqs & CASE_SENSITIVE != 0, common_word: self.reqs & COMMON_WORD != 0 }
    }

    /// A name's flags as a variant holds them.
    pub(crate) fn flag_bits(flags: NameFlags) -> u32 {
        (if flags.case_sensitive { CASE_SENSITIVE } else { 0 }) | if flags.common_word { COMMON_WORD } else { 0 }
    }
}

impl Index {
    /// Looks up the id (with flags) of a token of the text, or `NO_ID`;
    /// with an inflection table, a capitalised word the vocabulary does not
    /// know is looked up by its base forms ([`INFLECTED`] set on the id).
    /// With the id, the trie's word of its node when the memo had it
    /// (`None`: the caller reads the node).
    #[inline(always)]
    fn lookup(
        &self,
        text: &str,
        tok: &Token,
        keys: &mut (String, String),
        memo: &mut Memo,
        infl: Option<&Inflection>,
        lower: bool,
    ) -> (u32, Option<u32>) {
        let (key, base) = keys;
        match tok.kind {
            TokenKind::Break => (NO_ID, None),
            TokenKind::Punct(p) => {
                if p.is_ascii() {
                    (self.ascii_punct[p as usize], None)
                } else {
                    key.clear();
                    key.push(p);
                    (self.vocab.get(key.as_str()).unwrap_or(NO_ID), None)
                }
            }
            TokenKind::Word => {
                let cap = tok.case.is_capitalised();
                if !cap && !self.any_lower_ok && !lower {
                    return (NO_ID, None);
                }
                // (Without inflection no one reads the folded key after
                // the lookup, so a remembered answer can stand for it.)
                let (bytes, len) = (text.as_bytes(), tok.end - tok.start);
                let memo_key = if infl.is_none() { Memo::key(bytes, tok.start, len) } else { None };
                let long_key =
                    if infl.is_none() && memo_key.is_none() { Memo::long_key(bytes, tok.start, len) } else { None };
                let (found, word) = if let Some(k) = memo_key {
                    let slot = &mut memo.slots[Memo::slot(k)];
                    if slot.0 != k {
                        let (v, word) = self.ask_vocab(&text[tok.start..tok.end], key);
                        *slot = (k, v, word);
                    }
                    (Some(slot.1).filter(|&v| v != NO_ID), Some(slot.2))
                } else if let Some(k) = long_key {
                    let slot = &mut memo.long[Memo::long_slot(k)];
                    if slot.0 != k {
                        let (v, word) = self.ask_vocab(&text[tok.start..tok.end], key);
                        *slot = (k, v, word);
                    }
                    (Some(slot.1).filter(|&v| v != NO_ID), Some(slot.2))
                } else {
                    key.clear();
                    fold_word_into(&text[tok.start..tok.end], key);
                    (self.vocab.get(key.as_str()), None)
                };
                match found {
                    Some(v) if cap || lower || v & LOWER_OK != 0 => (v, word),
                    None if cap => (infl.map_or(NO_ID, |infl| self.lookup_inflected(key, base, infl)), None),
                    _ => (NO_ID, None),
                }
            }
        }
    }

    /// The vocabulary's answer for `word` (`NO_ID` when it does not know
    /// it) and the trie's word of the answer's node, for a memo's slot;
    /// `key` is left holding the folded word. (Out of line: most words
    /// the scan looks up are in the memo.)
    #[inline(never)]
    fn ask_vocab(&self, word: &str, key: &mut String) -> (u32, u32) {
        key.clear();
        fold_word_into(word, key);
        let v = self.vocab.get(key.as_str()).unwrap_or(NO_ID);
        (v, if v == NO_ID { 0 } else { self.trie.word(v & !FLAGS) })
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
        match (infl.is_some(), lower, scratch.table) {
            (true, false, true) => self.scan_with::<true, false, true>(text, scratch, infl),
            (false, false, true) => self.scan_with::<false, false, true>(text, scratch, None),
            (_, true, true) => self.scan_with::<true, true, true>(text, scratch, infl),
            (true, false, false) => self.scan_with::<true, false, false>(text, scratch, infl),
            (false, false, false) => self.scan_with::<false, false, false>(text, scratch, None),
            (_, true, false) => self.scan_with::<true, true, false>(text, scratch, infl),
        }
    }

    fn scan_with<const INFLECT: bool, const LOWER: bool, const TABLE: bool>(
        &self,
        text: &str,
        scratch: &mut Scratch,
        infl: Option<&Inflection>,
    ) {
        if scratch.memo.index != self.uid {
            scratch.memo = Memo { index: self.uid, ..Memo::default() };
        }
        scratch.tokens.clear();
        scratch.walks.clear();
        scratch.raw.clear();
        scratch.caps.clear();
        scratch.capitalised.clear();
        scratch.digit_words.clear();
        if self.variants.is_empty() {
            return;
        }
        // The previous word was in capitals; the last token was that word.
        let mut prev_upper = false;
        let mut last_caps: Option<usize> = None;
        // The id of the token just looked up; `NO_ID` after a break.
        let mut prev_id = NO_ID;
        for tok in Tokenizer::new(text) {
            if TABLE {
                scratch.tokens.push(tok);
            }
            match tok.kind {
                // (Without the table, no rule reads the lists of words in
                // capitals and of capitalised words either.)
                TokenKind::Word if !TABLE => {}
                TokenKind::Word => {
                    let upper = tok.case.has_cased() && tok.case.all_upper();
                    if let Some(k) = last_caps {
                        scratch.caps[k].next_upper = upper;
                    }
                    last_caps = None;
                    if upper {
                        last_caps = Some(scratch.caps.len());
                        scratch.caps.push(Capitals { start: tok.start, end: tok.end, prev_upper, next_upper: false });
                    }
                    prev_upper = upper;
                    if tok.case.first_upper() {
                        scratch.capitalised.push((tok.start, tok.end));
                    }
                    if text.as_bytes()[tok.start].is_ascii_digit() {
                        scratch.digit_words.push(scratch.tokens.len() - 1);
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
            // without folding or a vocabulary lookup. (When no walk is in
            // progress, there is no name to continue: only the small
            // filter of starts is read.)
            let skip = tok.kind == TokenKind::Word
                && ((self.any_lower_ok
                    && !LOWER
                    && !tok.case.is_capitalised()
                    && !self.lower.may_match(
                        if scratch.walks.is_empty() { NO_ID } else { prev_id },
                        &text[tok.start..tok.end],
                        tok.case.ascii_lower(),
                    ))
                    // A user's handle names no place ("@Baku_News", "@News_UK").
                    || in_handle(text.as_bytes(), tok.start));
            let (mut v, mut word) = if skip {
                (NO_ID, None)
            } else {
                self.lookup(text, &tok, &mut scratch.keys, &mut scratch.memo, if INFLECT { infl } else { None }, LOWER)
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
                    && !scratch.walks.iter().any(|&(node, ..)| self.trie.child(node, id).is_some())
                {
                    let (key, base) = &mut scratch.keys;
                    let b = self.lookup_inflected(key, base, infl);
                    if b != NO_ID && self.trie.at(b & !FLAGS).0.is_some() {
                        v = b;
                        word = None;
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
            if !TABLE {
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
            let mut step = |node: u32, (pattern, more): (Option<u32>, bool), first: usize, earlier_inflected: bool| {
                if let Some(pattern) = pattern {
                    raw.push(RawMatch { first, last: ti, pattern, inflected, earlier_inflected });
                }
                if more && !ends {
                    next.push((node, first, earlier_inflected || inflected));
                }
            };
            for &(node, first, earlier) in &scratch.walks {
                if let Some((child, at)) = trie.step(node, id) {
                    step(child, at, first, earlier);
                }
            }
            step(id, crate::trie::decode(word.unwrap_or_else(|| trie.word(id))), ti, false);
            std::mem::swap(&mut scratch.walks, &mut scratch.next_walks);
        }
    }

    /// Reads the first variant of every match's pattern before the caller
    /// reads them all: the variants are a table as long as the index's
    /// names, most reads miss the caches, and here they are independent of
    /// each other, so the processor overlaps their waits. (Measured with
    /// the matcher alone: the first read of a pattern's variants had a
    /// quarter of `perf`'s samples in `extract_with` itself.)
    /// The case requirements of those first variants are read in the same
    /// pass, for the same reason (each a read of its own in a table as long
    /// as the names' tokens).
    #[inline(never)]
    pub(crate) fn touch_variants(&self, raw: &[RawMatch]) {
        let any = raw
            .iter()
            .filter_map(|r| self.variants.get(r.pattern as usize))
            .filter_map(|v| self.reqs.get(v.req_start() as usize))
            .filter(|r| r.0 == 0)
            .count();
        std::hint::black_box(any);
    }

    /// The variants of a pattern, in the default candidate order.
    #[inline]
    pub(crate) fn variants(&self, pattern: u32) -> &[Variant] {
        Index::variants_at(&self.variants, pattern)
    }

    /// The variants from `pattern` on to the first with [`LAST`] set (none
    /// for a pattern out of range: a saved index may be read back).
    fn variants_at(variants: &[Variant], pattern: u32) -> &[Variant] {
        let Some(rest) = variants.get(pattern as usize..) else { return &[] };
        let n = rest.iter().position(|v| v.reqs & LAST != 0).map_or(rest.len(), |i| i + 1);
        &rest[..n]
    }

    /// True when the text's tokens `tokens` satisfy the variant's case
    /// requirements.
    pub(crate) fn accepts(&self, v: &Variant, tokens: &[Token], text: &str) -> bool {
        let len = tokens.len();
        let start = v.req_start() as usize;
        let Some(reqs) = self.reqs.get(start..start + len) else { return false };
        reqs.iter().zip(tokens).all(|(r, t)| match r.get() {
            Req::Any => true,
            Req::Cap => t.case.is_capitalised(),
            Req::Exact(i) => self.exact.get(i as usize).is_some_and(|e| same_signature(&text[t.start..t.end], e)),
        })
    }

    /// Heap bytes held by the index (vocabulary, trie, tables).
    pub(crate) fn heap_bytes(&self) -> usize {
        let vocab = self.vocab.heap_bytes();
        self.trie.heap_bytes()
            + vocab
            + self.variants.len() * std::mem::size_of::<Variant>()
            + self.reqs.len() * std::mem::size_of::<PackedReq>()
            + (self.lower.starts.len() + self.lower.pairs.len()) * 8
            + self.exact.iter().map(|e| e.len() + 16).sum::<usize>()
    }
}

/// True when the word at byte `start` is part of a user's handle: right
/// after the `@`, or after an underscore of the handle ("@News_UK").
fn in_handle(text: &[u8], start: usize) -> bool {
    match start.checked_sub(1).map(|i| text[i]) {
        Some(b'@') => true,
        Some(b'_') => {
            let run = text[..start].iter().rev().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count();
            start.checked_sub(run + 1).is_some_and(|i| text[i] == b'@')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word's memo key is its folded form, whatever the bytes after it
    /// and wherever it lies in the text; only words of 1 to 8 ASCII bytes
    /// have one.
    #[test]
    fn memo_keys_are_folded_words() {
        let key = |text: &str, word: &str| {
            let start = text.find(word).expect("word in text");
            Memo::key(text.as_bytes(), start, word.len())
        };
        let folded = |word: &str| {
            let mut out = String::new();
            fold_word_into(word, &mut out);
            let mut b = [0u8; 8];
            b[..out.len()].copy_from_slice(out.as_bytes());
            Some(u64::from_le_bytes(b))
        };
        let table: &[(&str, &str)] = &[
            ("Talks in Baku resumed", "Baku"),
            ("BAKU", "BAKU"),
            ("in baku", "baku"),
            ("the A1 road", "A1"),
            ("Route 66 West", "66"),
            ("KARABAKH talks", "KARABAKH"),
            ("end Z", "Z"),
        ];
        for &(text, word) in table {
            assert_eq!(key(text, word), folded(word), "{word} in {text:?}");
        }
        assert_eq!(key("x Baku y", "Baku"), key("BAKU", "BAKU"));
        assert_ne!(key("Baku", "Baku"), key("Bakuu", "Bakuu"));
        // Longer than 8 bytes, or not ASCII.
        for word in ["Karabakh1", "Bakı", "Kəlbəcər"] {
            assert_eq!(key(word, word), None, "{word}");
        }
        assert_eq!(Memo::key(b"", 0, 0), None);
    }

    /// A longer word's memo key is its folded form with its length: the
    /// same for the word in any case and anywhere in the text, different
    /// for two words that only share their first and last eight bytes;
    /// only words of 9 to 16 ASCII bytes have one.
    #[test]
    fn long_memo_keys_are_folded_words_with_their_length() {
        let key = |text: &str, word: &str| {
            let start = text.find(word).expect("word in text");
            Memo::long_key(text.as_bytes(), start, word.len())
        };
        let table: &[(&str, &str, &str)] = &[
            ("Talks in Washington resumed", "Washington", "WASHINGTON"),
            ("the Parliament voted", "Parliament", "parliament"),
            ("Karabakh1 and", "Karabakh1", "KARABAKH1"),
            ("at Constantinople", "Constantinople", "constantinople"),
            ("Azerbaijanis", "Azerbaijanis", "AZERBAIJANIS"),
            ("ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOP", "abcdefghijklmnop"),
        ];
        for &(text, word, other) in table {
            let k = key(text, word);
            assert!(k.is_some(), "{word}");
            assert_eq!(k, key(other, other), "{word} and {other}");
        }
        // The same first and last eight bytes, another length.
        for (a, b) in
            [("aaaaaaaaa", "aaaaaaaaaa"), ("abababababab", "abababababababab"), ("Washington", "Washingington")]
        {
            assert_ne!(key(a, a), key(b, b), "{a} and {b}");
        }
        assert_ne!(key("Washington", "Washington"), key("Washingtom", "Washingtom"));
        // 8 bytes or fewer, more than 16, or not ASCII.
        for word in ["Karabakh", "Nagorno-Karabakh1", "Constantinoplexxx", "Azərbaycanlı", "Bakı Şəhəri"] {
            assert_eq!(key(word, word), None, "{word}");
        }
    }

    /// A scan finds a long name again where the memo answers for it, and
    /// a scratch used with another index does not take the first one's
    /// answers.
    #[test]
    fn the_memo_answers_as_the_vocabulary_does() {
        let index_of = |names: &[&str]| {
            let mut gaz = crate::Gazetteer::new();
            for (i, name) in names.iter().enumerate() {
                let e = crate::Entry::builder(&format!("loc:{i}"), name, crate::Label::Place).build().expect("entry");
                gaz.push(e).expect("unique id");
            }
            crate::Extractor::builder().rules(false).resolve(false).build(gaz).expect("extractor")
        };
        let text = "Delegations from Washington and Copenhagen met; Washington and Copenhagen agreed.";
        let one = index_of(&["Washington", "Copenhagen"]);
        let other = index_of(&["Copenhagen"]);
        for _ in 0..2 {
            let found: Vec<&str> = one.extract(text).iter().map(|s| s.as_str()).collect();
            assert_eq!(found, ["Washington", "Copenhagen", "Washington", "Copenhagen"]);
            let found: Vec<&str> = other.extract(text).iter().map(|s| s.as_str()).collect();
            assert_eq!(found, ["Copenhagen", "Copenhagen"]);
        }
    }

    /// Every variant holds its name's flags, as its entry says them, after
    /// a save too; where its case requirements start, whatever the flags;
    /// whether its name has several words; and, where another entry's name
    /// shares its pattern, whether it writes its entry's own name.
    #[test]
    fn variants_hold_their_names_flags() {
        let flags = |case_sensitive, common_word| NameFlags { case_sensitive, common_word };
        let entries = vec![
            crate::Entry::builder("1", "Nice", crate::Label::Place)
                .name_flags(flags(false, true))
                .alias_with("NCE", flags(true, false))
                .alias_with("NICE", flags(true, true))
                .alias("Nizza")
                .build()
                .expect("entry"),
            crate::Entry::builder("2", "Reading", crate::Label::Place)
                .name_flags(flags(false, true))
                .build()
                .expect("entry"),
            crate::Entry::builder("3", "UN", crate::Label::Organization)
                .name_flags(flags(true, false))
                .alias("United Nations")
                .build()
                .expect("entry"),
            crate::Entry::builder("4", "Saint Ashford", crate::Label::Place)
                .alias("St. Ashford")
                .build()
                .expect("entry"),
            crate::Entry::builder("5", "Ashford Vale", crate::Label::Place)
                .alias("St. Ashford")
                .build()
                .expect("entry"),
        ];
        let gaz = crate::Gazetteer::from_entries(entries).expect("gazetteer");
        let index = Index::build(&[&gaz]).expect("index");
        let back = Index::from_repr(index.to_repr(), gaz.len()).expect("saved index");
        for index in [&index, &back] {
            assert_eq!(index.variants.len(), 11);
            for v in &index.variants {
                let entry = gaz.entry(v.entry).expect("entry");
                let i = v.name.index() as usize;
                assert_eq!(Some(v.name_flags()), entry.name_flags_at(i), "{entry:?} {i}");
                assert!((v.req_start() as usize) < index.reqs.len());
                let name = entry.name_at(i).expect("name").as_str();
                assert_eq!(v.name.several_words(), name.contains(' '), "{name}");
                // Own: the own name, and "St. Ashford" for Saint Ashford
                // (its pattern is shared); not for Ashford Vale.
                assert_eq!(v.name.is_own(), i == 0 || entry.id() == "4", "{name} of {}", entry.id());
            }
        }
        let flagged: Vec<u32> = index.variants.iter().map(|v| Variant::flag_bits(v.name_flags())).collect();
        assert!(flagged.contains(&(COMMON_WORD | CASE_SENSITIVE)) && flagged.contains(&0));
    }

    /// With the token table on, the scan lists the words that start with a
    /// digit, as the grid references' filter reads them.
    #[test]
    fn the_scan_lists_the_words_starting_with_a_digit() {
        let entry = crate::Entry::builder("1", "Baku", crate::Label::Place).build().expect("entry");
        let gaz = crate::Gazetteer::from_entries(vec![entry]).expect("gazetteer");
        let index = Index::build(&[&gaz]).expect("index");
        let mut scratch = Scratch { table: true, ..Scratch::default() };
        let table: &[&str] = &[
            "",
            "Baku, 3 Nov: 38TMK 12345 67890 and 12A, 4th, x9 and 2020s.",
            "No digits in Baku.",
            "7",
            "Grid 38T MM 8561 1815 (UTM 38N 485617 4618159).",
        ];
        for &text in table {
            index.scan(text, &mut scratch, None, false);
            assert_eq!(scratch.digit_words, crate::geo::grids::digit_words(text, &scratch.tokens), "{text:?}");
        }
    }
}
