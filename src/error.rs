//! Error types, one per phase: [`LoadError`] for reading gazetteer data,
//! [`BuildError`] for compiling an extractor, [`SnapshotError`] for reading
//! a saved one.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a problem in gazetteer data is: file, line and column, each when
/// known. Lines and columns count from 1; columns count characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    path: Option<PathBuf>,
    line: Option<u64>,
    column: Option<u64>,
}

impl Location {
    pub(crate) fn new(path: Option<&Path>, line: Option<u64>, column: Option<u64>) -> Self {
        Location { path: path.map(Path::to_path_buf), line, column }
    }

    /// The file, when the data came from one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The line, counting from 1.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// The column, counting characters from 1.
    pub fn column(&self) -> Option<u64> {
        self.column
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}", p.display())?,
            None => write!(f, "<input>")?,
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// An error found while reading gazetteer data or validating an entry.
///
/// It says what is wrong and where: [`LoadError::location`] gives the file,
/// line and column. Its `Display` reads `path:line:column: what`.
#[derive(Debug)]
pub struct LoadError {
    location: Location,
    kind: LoadErrorKind,
}

/// What went wrong while loading; see [`LoadError::kind`].
#[derive(Debug)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// The file could not be read.
    Io(std::io::Error),
    /// A line is not valid UTF-8.
    InvalidUtf8,
    /// The header lacks a required column.
    MissingColumn(&'static str),
    /// The header names a column twice.
    DuplicateColumn(String),
    /// There is no header line.
    MissingHeader,
    /// A line has fewer fields than the header or the format needs.
    TooFewFields {
        /// Fields the line needs.
        expected: usize,
        /// Fields the line has.
        found: usize,
    },
    /// A line has more fields than the header.
    TooManyFields {
        /// Fields the header has.
        expected: usize,
        /// Fields the line has.
        found: usize,
    },
    /// A required field is empty.
    EmptyField(&'static str),
    /// A name is empty, only whitespace, or has no letter or digit.
    EmptyName,
    /// A name is longer than [`crate::MAX_NAME_BYTES`].
    NameTooLong(usize),
    /// A number does not parse.
    InvalidNumber {
        /// The field.
        field: &'static str,
        /// The text found.
        value: String,
    },
    /// A latitude outside [-90, 90].
    LatitudeOutOfRange(f64),
    /// A longitude outside [-180, 180].
    LongitudeOutOfRange(f64),
    /// Only one of latitude and longitude is given.
    HalfCoordinate,
    /// A label that is neither built in nor a valid user label.
    InvalidLabel(String),
    /// A country code that is not two ASCII letters.
    InvalidCountryCode(String),
    /// A feature class or code that GeoNames does not use.
    InvalidFeature(String),
    /// A boolean field that is not true/false/yes/no/1/0.
    InvalidBool {
        /// The field.
        field: &'static str,
        /// The text found.
        value: String,
    },
    /// A flag names a name the entry does not have.
    UnknownName {
        /// The field holding the flag.
        field: &'static str,
        /// The name.
        name: String,
    },
    /// An id used before in the same data.
    DuplicateId {
        /// The id.
        id: String,
        /// The line it was first used on, when known.
        first_line: Option<u64>,
    },
    /// A JSON line that does not parse or does not fit the schema.
    Json(String),
}

impl LoadError {
    pub(crate) fn new(kind: LoadErrorKind) -> Self {
        LoadError { location: Location::default(), kind }
    }

    pub(crate) fn at(mut self, location: Location) -> Self {
        self.location = location;
        self
    }

    /// Sets the parts of the location that are not known yet.
    pub(crate) fn within(mut self, path: Option<&Path>, line: Option<u64>) -> Self {
        if self.location.path.is_none() {
            self.location.path = path.map(Path::to_path_buf);
        }
        if self.location.line.is_none() {
            self.location.line = line;
        }
        self
    }

    pub(crate) fn with_column(mut self, column: u64) -> Self {
        self.location.column = Some(column);
        self
    }

    /// True for errors that concern the whole file (it cannot be read, or
    /// its header is wrong), which even a lenient loader cannot skip.
    pub(crate) fn is_fatal(&self) -> bool {
        matches!(
            self.kind,
            LoadErrorKind::Io(_)
                | LoadErrorKind::MissingHeader
                | LoadErrorKind::MissingColumn(_)
                | LoadErrorKind::DuplicateColumn(_)
        )
    }

    /// Where the problem is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// What the problem is.
    pub fn kind(&self) -> &LoadErrorKind {
        &self.kind
    }
}

impl fmt::Display for LoadErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use LoadErrorKind::*;
        match self {
            Io(e) => write!(f, "cannot read: {e}"),
            InvalidUtf8 => write!(f, "line is not valid UTF-8"),
            MissingColumn(c) => write!(f, "header has no '{c}' column"),
            DuplicateColumn(c) => write!(f, "header names column '{c}' twice"),
            MissingHeader => write!(f, "no header line"),
            TooFewFields { expected, found } => {
                write!(f, "expected {expected} tab-separated fields, found {found}")
            }
            TooManyFields { expected, found } => {
                write!(f, "expected {expected} tab-separated fields, found {found}")
            }
            EmptyField(c) => write!(f, "field '{c}' is empty"),
            EmptyName => write!(f, "name is empty or has no letter or digit"),
            NameTooLong(n) => {
                write!(f, "name is {n} bytes long, more than the limit of {}", crate::MAX_NAME_BYTES)
            }
            InvalidNumber { field, value } => write!(f, "field '{field}': '{value}' is not a number"),
            LatitudeOutOfRange(v) => write!(f, "latitude {v} is outside [-90, 90]"),
            LongitudeOutOfRange(v) => write!(f, "longitude {v} is outside [-180, 180]"),
            HalfCoordinate => write!(f, "latitude and longitude must be given together"),
            InvalidLabel(l) => write!(
                f,
                "unknown label '{l}' (built in: PER, LOC, ORG, NORP; a user label is a letter \
                 followed by letters, digits, '_' or '-')"
            ),
            InvalidCountryCode(c) => write!(f, "country code '{c}' is not two ASCII letters"),
            InvalidFeature(c) => write!(f, "'{c}' is not a GeoNames feature class or code"),
            InvalidBool { field, value } => {
                write!(f, "field '{field}': '{value}' is not true/false/yes/no/1/0")
            }
            UnknownName { field, name } => {
                write!(f, "field '{field}' names '{name}', which is not a name of this entry")
            }
            DuplicateId { id, first_line: Some(l) } => {
                write!(f, "id '{id}' is already used on line {l}")
            }
            DuplicateId { id, first_line: None } => write!(f, "id '{id}' is already used"),
            Json(e) => write!(f, "invalid JSON entry: {e}"),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location == Location::default() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.location, self.kind)
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            LoadErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// An error found while assembling a gazetteer or compiling an extractor.
#[derive(Debug)]
pub struct BuildError {
    kind: BuildErrorKind,
}

/// What went wrong while building; see [`BuildError::kind`].
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildErrorKind {
    /// Two entries share an id.
    DuplicateId(String),
    /// The gazetteer has more entries, names or distinct words than the
    /// index can address.
    TooLarge(&'static str),
}

impl BuildError {
    pub(crate) fn new(kind: BuildErrorKind) -> Self {
        BuildError { kind }
    }

    /// What the problem is.
    pub fn kind(&self) -> &BuildErrorKind {
        &self.kind
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            BuildErrorKind::DuplicateId(id) => write!(f, "two entries have the id '{id}'"),
            BuildErrorKind::TooLarge(what) => write!(f, "too many {what} for one index"),
        }
    }
}

impl std::error::Error for BuildError {}

/// An error found while reading a saved extractor (see
/// [`crate::Extractor::load`]): the file, and what is wrong with it.
#[derive(Debug)]
pub struct SnapshotError {
    path: Option<PathBuf>,
    kind: SnapshotErrorKind,
}

/// What is wrong with a saved extractor; see [`SnapshotError::kind`].
#[derive(Debug)]
#[non_exhaustive]
pub enum SnapshotErrorKind {
    /// The file could not be read or written.
    Io(std::io::Error),
    /// The bytes are not a saved gazet extractor.
    NotSaved,
    /// Saved by another version of gazet or its format: save it again.
    Version {
        /// The version that saved it.
        found: String,
        /// This version.
        expected: String,
    },
    /// The bytes are damaged: the checksum or a structure does not hold.
    Corrupt(&'static str),
}

impl SnapshotError {
    pub(crate) fn new(kind: SnapshotErrorKind) -> Self {
        SnapshotError { path: None, kind }
    }

    pub(crate) fn at(mut self, path: &Path) -> Self {
        self.path = Some(path.to_path_buf());
        self
    }

    /// The file, when the bytes came from one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What is wrong.
    pub fn kind(&self) -> &SnapshotErrorKind {
        &self.kind
    }
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}: ", p.display())?,
            None => write!(f, "<saved extractor>: ")?,
        }
        match &self.kind {
            SnapshotErrorKind::Io(e) => write!(f, "{e}"),
            SnapshotErrorKind::NotSaved => write!(f, "not a saved gazet extractor"),
            SnapshotErrorKind::Version { found, expected } => {
                write!(f, "saved by gazet {found}, this is {expected}: save it again")
            }
            SnapshotErrorKind::Corrupt(what) => write!(f, "damaged ({what})"),
        }
    }
}

impl std::error::Error for SnapshotError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            SnapshotErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// A range given to [`crate::Extractor::resolve_spans`] that is no span of
/// the text: which one (its position in the list), and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpanError {
    index: usize,
    range: std::ops::Range<usize>,
    kind: SpanErrorKind,
}

/// Why a given range is no span of the text; see [`SpanError::kind`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SpanErrorKind {
    /// It ends before it starts.
    Reversed,
    /// It ends past the end of the text (its length given).
    OutOfBounds(usize),
    /// A byte offset falls inside a character's UTF-8 encoding.
    NotCharBoundary(usize),
}

impl SpanError {
    pub(crate) fn new(index: usize, range: std::ops::Range<usize>, kind: SpanErrorKind) -> Self {
        SpanError { index, range, kind }
    }

    /// The range's position in the list given.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The range as given.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.range.clone()
    }

    /// What is wrong with it.
    pub fn kind(&self) -> &SpanErrorKind {
        &self.kind
    }
}

impl fmt::Display for SpanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (i, r) = (self.index, &self.range);
        write!(f, "span {i} ({}..{}): ", r.start, r.end)?;
        match self.kind {
            SpanErrorKind::Reversed => write!(f, "it ends before it starts"),
            SpanErrorKind::OutOfBounds(len) => write!(f, "it ends past the end of the text ({len})"),
            SpanErrorKind::NotCharBoundary(at) => write!(f, "offset {at} is inside a character"),
        }
    }
}

impl std::error::Error for SpanError {}
