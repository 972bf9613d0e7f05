//! The redaction engine (see issue 3).
