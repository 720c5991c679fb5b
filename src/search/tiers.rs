//! How one key's postings go into the export's term buckets (`t/`), so that a
//! query loads bytes bounded by what it needs, not by how common its words are.
//!
//! A short list stays one string in its bucket (`encode::list`). A long term
//! list is cut in two views:
//! - impact tiers: the documents in (impact desc, doc number asc) order, cut
//!   into tiers of `HEAD`, `HEAD·GROWTH`, `HEAD·GROWTH²`, … documents, each
//!   written in doc order with its impacts. The first tier stays in the bucket;
//!   after each tier the export writes the (impact, doc number) of the first
//!   document left out, so the browser knows a bound on every impact it has not
//!   loaded and loads the next tier only when the top results are not certain
//!   without it (`rankTop` in engine.js);
//! - membership: every doc number, no impacts, in a file of its own (`b/`):
//!   loaded only where a query must know which documents hold the term and its
//!   words do not already say (terms across word boundaries, partial matches).
//!
//! Long pair lists and word-holder lists (`=word`) are one `b/` file each.
//! A pair list short enough to stay in its bucket carries, with each document,
//! the impacts of the pair's two terms there (`pack_pair`): a query loads
//! those lists to group its matches anyway, and with them it knows the exact
//! impacts of the documents holding its phrase, often the whole top group,
//! without loading the terms' deeper tiers.

use super::encode;
#[cfg(test)]
use serde_json::{Value, json};

/// Encoded lists longer than this leave the bucket.
pub const BIG_ENTRY: usize = 768;
/// Documents in the first impact tier (in the bucket).
pub const HEAD: usize = 32;
/// Each further tier holds this many times the documents of the one before.
pub const GROWTH: usize = 4;

/// Lists at least this long are also written per document (in `d/`, export.rs;
/// the bucket value's `"v"` numbers the list there): a query with a handful
/// of matches reads their impacts there instead of every tier (which would
/// cost ~2 bytes per document listed).
pub const ROW_LIST_MIN: usize = 2048;

/// Bits of each term's impact in a pair list's packed value (in `meta.js`).
pub const PAIR_BITS: u32 = 10;

/// One value for the impacts `a`, `b` of a pair's first and second term in a
/// document (`a·2¹⁰ + b`; engine.js unpacks it); `None` if either does not fit.
pub fn pack_pair(a: u32, b: u32) -> Option<u32> {
    (a < 1 << PAIR_BITS && b < 1 << PAIR_BITS).then_some(a << PAIR_BITS | b)
}

/// A key's postings: a term's (doc number, impact) pairs, or a pair key's doc
/// numbers with its terms' packed impacts (when every one is known and fits).
pub enum Posting {
    Term(Vec<(u32, u32)>),
    Pair {
        docs: Vec<u32>,
        impacts: Option<Vec<u32>>,
    },
}

/// Doc-ordered list of some (doc, impact) pairs.
fn tier_list(mut tier: Vec<(u32, u32)>) -> String {
    tier.sort_unstable();
    let docs: Vec<u32> = tier.iter().map(|d| d.0).collect();
    let impacts: Vec<u32> = tier.iter().map(|d| d.1).collect();
    encode::list(&docs, Some(&impacts))
}

/// A key's lists encoded (`Posting::encode`, on every core), before the `b/`
/// files they leave to are numbered (`Encoded::value`, in key order).
pub enum Encoded {
    /// Stays in the bucket.
    Inline(String),
    /// One `b/` file.
    Piece(String),
    /// A long term list: its first tier, the (impact, doc number) bound after
    /// each tier, the further tiers (a `b/` file each) and its membership.
    Tiers {
        head: String,
        head_bound: Option<(u32, u32)>,
        tiers: Vec<(String, Option<(u32, u32)>)>,
        member: Box<Encoded>,
    },
}

fn inline_or_piece(enc: String) -> Encoded {
    if enc.len() > BIG_ENTRY {
        Encoded::Piece(enc)
    } else {
        Encoded::Inline(enc)
    }
}

impl Posting {
    /// The bucket's value for this key (`encode`, then `Encoded::value`).
    #[cfg(test)]
    pub fn value(self, pieces: &mut Vec<String>) -> Value {
        self.encode().value(pieces)
    }

    /// The key's lists encoded, as `value` writes them.
    pub fn encode(&self) -> Encoded {
        match self {
            Posting::Pair { docs, impacts } => {
                let with = impacts.as_ref().map(|i| encode::list(docs, Some(i)));
                match with {
                    Some(enc) if enc.len() <= BIG_ENTRY => Encoded::Inline(enc),
                    _ => inline_or_piece(encode::list(docs, None)),
                }
            }
            Posting::Term(list) => {
                let docs: Vec<u32> = list.iter().map(|d| d.0).collect();
                let impacts: Vec<u32> = list.iter().map(|d| d.1).collect();
                let whole = encode::list(&docs, Some(&impacts));
                if whole.len() <= BIG_ENTRY {
                    return Encoded::Inline(whole);
                }
                let mut order = list.clone();
                order.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let bound = |end: usize| order.get(end).copied();
                let head_end = HEAD.min(order.len());
                let head = tier_list(order[..head_end].to_vec());
                let mut tiers = Vec::new();
                let (mut start, mut size) = (head_end, HEAD * GROWTH);
                while start < order.len() {
                    let end = (start + size).min(order.len());
                    tiers.push((tier_list(order[start..end].to_vec()), bound(end)));
                    start = end;
                    size *= GROWTH;
                }
                Encoded::Tiers {
                    head,
                    head_bound: bound(head_end),
                    tiers,
                    member: Box::new(inline_or_piece(encode::list(&docs, None))),
                }
            }
        }
    }
}

impl Encoded {
    /// The bucket's value as JSON text (what `serde_json` writes for it, keys
    /// in order); the parts that leave the bucket are appended to `pieces` and
    /// named by their index there. `row`: the list's number in `d/`'s rows
    /// (`"v"`), for a long term list.
    pub fn json(self, pieces: &mut Vec<String>, row: Option<u32>) -> String {
        use std::fmt::Write;
        let mut piece = |enc: String| {
            pieces.push(enc);
            pieces.len() - 1
        };
        // Encoded lists are written in encode::ALPHABET: nothing to escape.
        let string = |enc: &str| format!("\"{enc}\"");
        match self {
            Encoded::Inline(enc) => string(&enc),
            Encoded::Piece(enc) => piece(enc).to_string(),
            Encoded::Tiers {
                head,
                head_bound,
                tiers,
                member,
            } => {
                let mut out = format!("{{\"h\":{}", string(&head));
                let tiers: Vec<String> = tiers
                    .into_iter()
                    .map(|(enc, b)| {
                        let n = piece(enc);
                        match b {
                            Some((num, imp)) => format!("[{n},{imp},{num}]"),
                            None => format!("[{n}]"),
                        }
                    })
                    .collect();
                let _ = write!(out, ",\"m\":{}", member.json(pieces, None));
                match head_bound {
                    Some((num, imp)) => {
                        let _ = write!(out, ",\"r\":[{imp},{num}]");
                    }
                    None => out.push_str(",\"r\":null"),
                }
                let _ = write!(out, ",\"t\":[{}]", tiers.join(","));
                if let Some(v) = row {
                    let _ = write!(out, ",\"v\":{v}");
                }
                out.push('}');
                out
            }
        }
    }

    /// `json`, read back (tests).
    #[cfg(test)]
    pub fn value(self, pieces: &mut Vec<String>) -> Value {
        serde_json::from_str(&self.json(pieces, None)).expect("the bucket value is JSON")
    }
}

/// Reads a bucket value back to the whole list (the export_reader test):
/// `piece(n)` gives the text of `b/<n>.js`.
#[cfg(test)]
pub fn whole(value: &Value, impacts: bool, piece: &dyn Fn(u64) -> String) -> Vec<(u32, u32)> {
    match value {
        Value::String(s) => encode::decode(s, impacts),
        Value::Number(n) => encode::decode(&piece(n.as_u64().unwrap_or(0)), impacts),
        Value::Object(o) => {
            if !impacts {
                return whole(&o["m"], false, piece);
            }
            let mut out = encode::decode(o["h"].as_str().unwrap_or("LA"), true);
            for t in o["t"].as_array().into_iter().flatten() {
                out.extend(encode::decode(&piece(t[0].as_u64().unwrap_or(0)), true));
            }
            out.sort_unstable();
            out
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long list is cut into tiers by impact whose union is the list, each
    /// bound naming the first document left out; the membership is every doc.
    #[test]
    fn tiers_hold_the_whole_list_best_first() {
        let list: Vec<(u32, u32)> = (0..3000u32).map(|d| (d * 3, (d * 7919) % 97)).collect();
        let mut pieces = Vec::new();
        let v = Posting::Term(list.clone()).value(&mut pieces);
        let piece = |n: u64| pieces[n as usize].clone();
        assert_eq!(whole(&v, true, &piece), list);
        let member: Vec<u32> = whole(&v, false, &piece).iter().map(|d| d.0).collect();
        assert_eq!(member, list.iter().map(|d| d.0).collect::<Vec<_>>());
        let head = encode::decode(v["h"].as_str().unwrap(), true);
        assert_eq!(head.len(), HEAD);
        let (imp, num) = (
            v["r"][0].as_u64().unwrap() as u32,
            v["r"][1].as_u64().unwrap() as u32,
        );
        // Every document outside the head comes after the bound in (impact desc, num asc).
        for &(d, i) in &list {
            if !head.contains(&(d, i)) {
                assert!(
                    i < imp || (i == imp && d >= num),
                    "{d} {i} vs bound {imp} {num}"
                );
            } else {
                assert!(i > imp || (i == imp && d < num));
            }
        }
        let tiers = v["t"].as_array().unwrap();
        assert_eq!(
            tiers.last().unwrap().as_array().unwrap().len(),
            1,
            "the last tier has no bound"
        );
        assert_eq!(
            encode::decode(&piece(tiers[0][0].as_u64().unwrap()), true).len(),
            HEAD * GROWTH
        );
    }

    #[test]
    fn short_lists_stay_in_the_bucket() {
        let mut pieces = Vec::new();
        let v = Posting::Term(vec![(1, 5), (9, 2)]).value(&mut pieces);
        assert!(v.is_string() && pieces.is_empty());
        let docs: Vec<u32> = (0..5000).map(|d| d * 7).collect();
        let impacts = Some(vec![pack_pair(3, 4).unwrap(); docs.len()]);
        let v = Posting::Pair { docs, impacts }.value(&mut pieces);
        assert_eq!(
            v,
            json!(0),
            "a long pair list leaves the bucket, without impacts"
        );
        assert_eq!(encode::decode(&pieces[0], false).len(), 5000);
        let impacts = Some(vec![pack_pair(3, 4).unwrap(), pack_pair(1023, 0).unwrap()]);
        let v = Posting::Pair {
            docs: vec![2, 9],
            impacts,
        }
        .value(&mut pieces);
        assert_eq!(
            encode::decode(v.as_str().unwrap(), true),
            vec![(2, 3 << 10 | 4), (9, 1023 << 10)]
        );
        assert_eq!(pack_pair(1024, 0), None);
    }
}
