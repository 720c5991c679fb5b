//! Reading the knowledge base's files: encoding, front matter, and the typed
//! front matter of each document kind.

pub mod date;
pub mod document;
pub mod encoding;
pub mod frontmatter;
pub mod kinds;
