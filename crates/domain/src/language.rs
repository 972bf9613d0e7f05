//! The languages Guichet speaks: the interface's, and the one the server writes a user's mail in.

use serde::{Deserialize, Serialize};

/// A language of the interface and of the mail. On the wire and in storage, its tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    En,
    Fr,
}

impl Language {
    /// Every language, in the order the language switch lists them.
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    /// The BCP 47 tag: `<html lang>`, the browser's remembered choice, the wire's value.
    pub const fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }

    /// The language's own name, the same in every language so a lost user can find theirs.
    pub const fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Fr => "Français",
        }
    }

    /// Reads a tag, or a browser language such as `fr-CI`; unknown languages give `None`.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.tag() == primary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_name_is_the_tag() {
        for language in Language::ALL {
            let json = serde_json::to_string(&language).unwrap();
            assert_eq!(json, format!("\"{}\"", language.tag()));
            assert_eq!(Language::from_tag(language.tag()), Some(language));
        }
    }

    #[test]
    fn browser_tags_map_to_languages() {
        assert_eq!(Language::from_tag("fr-CI"), Some(Language::Fr));
        assert_eq!(Language::from_tag("FR"), Some(Language::Fr));
        assert_eq!(Language::from_tag("en_GB"), Some(Language::En));
        assert_eq!(Language::from_tag("it-IT"), None);
        assert_eq!(Language::from_tag(""), None);
    }
}
