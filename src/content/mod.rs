//! Reading the knowledge base's files: encoding, front matter, the typed front
//! matter of each document kind, and TOML's problems found all at once and said in
//! Chinese.

pub mod date;
pub mod document;
pub mod encoding;
pub mod frontmatter;
pub mod kinds;
pub mod toml_message;
pub mod toml_read;
