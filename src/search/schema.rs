//! The tantivy schema of the search index and the two tokenizers it registers:
//! `zh` (the analyzer's tokens, for title and body) and `zh_pairs` (the keys of
//! adjacent token pairs, which both searchers use for phrase ranking). Title and
//! body keep frequencies but no positions: adjacency is what the pair keys say.

use super::analyzer;
use tantivy::Index;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

pub const TOKENIZER: &str = "zh";
pub const PAIR_TOKENIZER: &str = "zh_pairs";

/// Field handles, looked up once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    /// Rank of the id among all ids: the tie-break, and the browser's doc number.
    pub num: Field,
    pub kind: Field,
    pub title: Field,
    pub body: Field,
    pub pairs: Field,
    pub url: Field,
    pub field: Field,
    pub action: Field,
    pub outcome: Field,
    pub clauses: Field,
    pub date: Field,
    /// A case's comparison text (similar cases), stored only: `regkb similar CASE_ID`.
    pub compare: Field,
}

pub fn build() -> Schema {
    let mut b = Schema::builder();
    let text = |tokenizer, option| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(option),
        )
    };
    b.add_text_field("id", STRING | STORED);
    b.add_u64_field("num", FAST | STORED);
    b.add_text_field("kind", STRING | STORED);
    b.add_text_field(
        "title",
        text(TOKENIZER, IndexRecordOption::WithFreqs) | STORED,
    );
    b.add_text_field("body", text(TOKENIZER, IndexRecordOption::WithFreqs));
    b.add_text_field("pairs", text(PAIR_TOKENIZER, IndexRecordOption::Basic));
    b.add_text_field("url", STORED);
    b.add_text_field("field", STRING | STORED);
    b.add_text_field("action", STRING | STORED);
    b.add_text_field("outcome", STRING | STORED);
    b.add_text_field("clauses", STRING | STORED);
    b.add_text_field("date", STRING | STORED);
    b.add_text_field("compare", STORED);
    b.build()
}

impl Fields {
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            num: f("num")?,
            kind: f("kind")?,
            title: f("title")?,
            body: f("body")?,
            pairs: f("pairs")?,
            url: f("url")?,
            field: f("field")?,
            action: f("action")?,
            outcome: f("outcome")?,
            clauses: f("clauses")?,
            date: f("date")?,
            compare: f("compare")?,
        })
    }
}

/// Tokenizers must be registered on every `Index` handle, written or opened.
pub fn register(index: &Index) {
    index
        .tokenizers()
        .register(TOKENIZER, ChineseTokenizer { hand_over: false });
    index.tokenizers().register(PAIR_TOKENIZER, PairTokenizer);
}

/// `register` for the index being written: `zh` also makes each text's pair
/// tokens and hands them to `zh_pairs`, so a text is analysed once, not twice
/// (the second analysis was a tenth of the indexing thread's work). tantivy
/// indexes a document's fields in field order on one thread, title and body
/// before pairs; a text not handed over is analysed again, so the tokens are
/// the same either way.
pub fn register_for_writing(index: &Index) {
    index
        .tokenizers()
        .register(TOKENIZER, ChineseTokenizer { hand_over: true });
    index.tokenizers().register(PAIR_TOKENIZER, PairTokenizer);
}

#[derive(Clone)]
pub struct ChineseTokenizer {
    hand_over: bool,
}

#[derive(Clone)]
pub struct PairTokenizer;

/// Pair tokens waiting for `zh_pairs`, with the text they came from.
const WAITING: usize = 4;
thread_local! {
    static HANDED: std::cell::RefCell<Vec<(String, Vec<Token>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Tokens computed up front: the analyzer is a pure function over the whole text.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

/// The keys of adjacent token pairs, as tokens numbered in order.
fn pair_tokens(analyzed: &[analyzer::Token]) -> Vec<Token> {
    analyzed
        .windows(2)
        .filter(|w| w[1].position == w[0].position + 1)
        .enumerate()
        .map(|(i, w)| Token {
            offset_from: w[0].from,
            offset_to: w[1].to,
            position: i,
            text: analyzer::pair_key(&w[0].text, &w[1].text),
            position_length: 1,
        })
        .collect()
}

impl Tokenizer for ChineseTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let analyzed = analyzer::analyze(text);
        if self.hand_over {
            let pairs = pair_tokens(&analyzed);
            HANDED.with_borrow_mut(|h| {
                if h.len() == WAITING {
                    h.remove(0);
                }
                h.push((text.to_string(), pairs));
            });
        }
        let tokens = analyzed
            .into_iter()
            .map(|t| Token {
                offset_from: t.from,
                offset_to: t.to,
                position: t.position,
                text: t.text,
                position_length: 1,
            })
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let handed = HANDED.with_borrow_mut(|h| {
            let i = h.iter().position(|(t, _)| t == text)?;
            Some(h.remove(i).1)
        });
        let tokens = handed.unwrap_or_else(|| pair_tokens(&analyzer::analyze(text)));
        VecTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
