//! Reading the knowledge base's files: encoding, front matter, one module per
//! document kind.

pub mod encoding;
pub mod frontmatter;
