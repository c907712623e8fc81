//! Entity labels.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::error::{LoadError, LoadErrorKind};

/// The kind of thing an entry or a span names.
///
/// The four built-in labels print as `PER`, `LOC`, `ORG` and `NORP`; a user
/// label prints as written. Parsing accepts the usual spellings:
///
/// | label | parses from |
/// |---|---|
/// | `Person` | `PER`, `PERSON` |
/// | `Place` | `LOC`, `PLACE`, `GPE`, `LOCATION` |
/// | `Organization` | `ORG`, `ORGANIZATION`, `ORGANISATION` |
/// | `Nationality` | `NORP`, `NATIONALITY`, `NAT` |
///
/// (case-insensitive). Anything else that starts with a letter and goes on
/// with letters, digits, `_` or `-` is a [`Label::Custom`] label.
///
/// # Example
///
/// ```
/// use gazet::Label;
///
/// assert_eq!("gpe".parse::<Label>()?, Label::Place);
/// assert_eq!(Label::Nationality.to_string(), "NORP");
/// let ship: Label = "SHIP".parse()?;
/// assert_eq!(ship.as_str(), "SHIP");
/// assert!("two words".parse::<Label>().is_err());
/// # Ok::<(), gazet::LoadError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Label {
    /// A person (`PER`).
    Person,
    /// A place: country, division, city, region, feature (`LOC`).
    Place,
    /// An organisation (`ORG`).
    Organization,
    /// A nationality, religious or political group (`NORP`).
    Nationality,
    /// A label of the user's.
    Custom(CustomLabel),
}

/// The name of a user-defined label; cheap to clone.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomLabel(Arc<str>);

impl CustomLabel {
    /// The label as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Label {
    /// The label's short name: `PER`, `LOC`, `ORG`, `NORP` or the user label.
    pub fn as_str(&self) -> &str {
        match self {
            Label::Person => "PER",
            Label::Place => "LOC",
            Label::Organization => "ORG",
            Label::Nationality => "NORP",
            Label::Custom(c) => c.as_str(),
        }
    }

    /// The CoNLL-2003 tag for this label: `NORP` becomes `MISC`, user labels
    /// stay as they are.
    pub fn conll(&self) -> &str {
        match self {
            Label::Nationality => "MISC",
            other => other.as_str(),
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Label {
    type Err = LoadError;

    fn from_str(s: &str) -> Result<Label, LoadError> {
        let builtin = match s.to_ascii_uppercase().as_str() {
            "PER" | "PERSON" => Some(Label::Person),
            "LOC" | "PLACE" | "GPE" | "LOCATION" => Some(Label::Place),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(Label::Organization),
            "NORP" | "NATIONALITY" | "NAT" => Some(Label::Nationality),
            _ => None,
        };
        if let Some(l) = builtin {
            return Ok(l);
        }
        let mut chars = s.chars();
        let valid = chars.next().is_some_and(|c| c.is_alphabetic())
            && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            && s.len() <= 64;
        if valid {
            Ok(Label::Custom(CustomLabel(Arc::from(s))))
        } else {
            Err(LoadError::new(LoadErrorKind::InvalidLabel(s.to_string())))
        }
    }
}

impl serde::Serialize for Label {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Label {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Label, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
