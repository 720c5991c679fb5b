//! Compact text encodings for the browser export: JS files hold index data as
//! plain string literals (no binary fetches from file://), so numbers are
//! written in base 64 with a continuation bit (5 data bits a character).
//! `decodeList` in assets/search/engine.js reads what `list` and `set` write.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v`, least significant 5 bits first; bit 5 marks "more follows".
pub fn vlq(out: &mut String, mut v: u32) {
    while v >= 32 {
        out.push(ALPHABET[(32 | (v & 31)) as usize] as char);
        v >>= 5;
    }
    out.push(ALPHABET[v as usize] as char);
}

/// Values of any bit width packed back to back, least significant bit first,
/// written 6 bits a character.
#[derive(Default)]
pub struct BitWriter {
    out: String,
    acc: u64,
    n: u32,
}

impl BitWriter {
    pub fn push(&mut self, v: u32, bits: u32) {
        self.acc |= (v as u64 & ((1 << bits) - 1)) << self.n;
        self.n += bits;
        while self.n >= 6 {
            self.out.push(ALPHABET[(self.acc & 63) as usize] as char);
            self.acc >>= 6;
            self.n -= 6;
        }
    }

    pub fn finish(mut self) -> String {
        if self.n > 0 {
            self.out.push(ALPHABET[(self.acc & 63) as usize] as char);
        }
        self.out
    }
}

/// A sorted list of doc numbers, with an impact each (or none, for pair keys).
/// Written as whichever is shorter: gaps (`L`), or a bitmap from the first to
/// the last doc (`B`), which wins for terms in most documents. The impacts
/// follow, in doc order: their bit width, then the bit-packed values; or 0,
/// then one VLQ each, whichever is shorter.
pub fn list(docs: &[u32], impacts: Option<&[u32]>) -> String {
    // Capacities: most gaps and impacts take one or two characters.
    let mut gaps = String::with_capacity(2 * docs.len() + 8);
    gaps.push('L');
    vlq(&mut gaps, docs.len() as u32);
    let mut prev: i64 = -1;
    for &d in docs {
        vlq(&mut gaps, (d as i64 - prev - 1) as u32);
        prev = d as i64;
    }
    let mut out = gaps;
    if let (Some(&first), Some(&last)) = (docs.first(), docs.last()) {
        let span = (last - first + 1) as usize;
        if span.div_ceil(6) + 8 < out.len() {
            let mut bits = String::from("B");
            vlq(&mut bits, first);
            vlq(&mut bits, span as u32);
            let mut words = vec![0u8; span.div_ceil(6)];
            for &d in docs {
                let k = (d - first) as usize;
                words[k / 6] |= 1 << (k % 6);
            }
            bits.extend(words.iter().map(|&w| ALPHABET[w as usize] as char));
            out = bits;
        }
    }
    if let Some(impacts) = impacts {
        // Common terms have small impacts: packed at the width the largest needs
        // they often take under a character each. Width 0: one VLQ each instead.
        let width = impacts
            .iter()
            .map(|&i| u32::BITS - i.leading_zeros())
            .max()
            .unwrap_or(0)
            .max(1);
        let mut packed = String::with_capacity((impacts.len() * width as usize).div_ceil(6) + 8);
        vlq(&mut packed, width);
        let mut bits = BitWriter::default();
        for &i in impacts {
            bits.push(i, width);
        }
        packed.push_str(&bits.finish());
        let mut each = String::with_capacity(2 * impacts.len() + 2);
        vlq(&mut each, 0);
        for &i in impacts {
            vlq(&mut each, i);
        }
        out.push_str(if packed.len() < each.len() {
            &packed
        } else {
            &each
        });
    }
    out
}

/// A sorted set of doc numbers without impacts (the finder's metadata sets):
/// whichever of `list`'s forms and Rice-coded gaps (`R`) is shortest. Sets
/// held by a sixth to a third of the docs are dense enough for a bitmap yet
/// far from full; Rice gaps take them near their entropy (≈0.7 bits a doc at
/// a sixth, against the bitmap's 1).
pub fn set(docs: &[u32]) -> String {
    let plain = list(docs, None);
    match rice(docs) {
        Some(r) if r.len() < plain.len() => r,
        _ => plain,
    }
}

/// `R`, the count, the Rice parameter k, then per gap g (doc − previous − 1):
/// g >> k one-bits, a zero bit, and g's low k bits, packed like `BitWriter`.
/// k is the one that makes the list shortest (it follows from the density).
fn rice(docs: &[u32]) -> Option<String> {
    if docs.is_empty() {
        return None;
    }
    let gaps: Vec<u32> = docs
        .iter()
        .scan(-1i64, |prev, &d| {
            let g = (d as i64 - *prev - 1) as u32;
            *prev = d as i64;
            Some(g)
        })
        .collect();
    let bits = |k: u32| -> u64 { gaps.iter().map(|&g| (g >> k) as u64 + 1 + k as u64).sum() };
    let k = (0..24).min_by_key(|&k| (bits(k), k))?;
    let mut out = String::from("R");
    vlq(&mut out, docs.len() as u32);
    vlq(&mut out, k);
    let mut w = BitWriter::default();
    for g in gaps {
        let mut q = g >> k;
        while q >= 16 {
            w.push(u32::MAX, 16);
            q -= 16;
        }
        // q ones, then the zero that ends them.
        w.push((1 << q) - 1, q + 1);
        if k > 0 {
            w.push(g, k);
        }
    }
    out.push_str(&w.finish());
    Some(out)
}

fn digit(c: u8) -> u32 {
    ALPHABET.iter().position(|&a| a == c).unwrap_or(0) as u32
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn vlq(&mut self) -> u32 {
        let (mut v, mut shift) = (0u32, 0);
        while let Some(&c) = self.s.get(self.i) {
            let d = digit(c);
            self.i += 1;
            v |= (d & 31).checked_shl(shift).unwrap_or(0);
            shift += 5;
            if d < 32 {
                break;
            }
        }
        v
    }
}

/// Reads what `list` or `set` wrote: doc numbers and (with `impacts`) an impact each (0 without).
pub fn decode(enc: &str, impacts: bool) -> Vec<(u32, u32)> {
    let mut r = Reader {
        s: enc.as_bytes(),
        i: 1,
    };
    let mut docs = Vec::new();
    if enc.starts_with('R') {
        let n = r.vlq();
        let k = r.vlq();
        let mut bit = r.i * 6;
        let mut next = || {
            let d = r.s.get(bit / 6).map_or(0, |&c| digit(c));
            bit += 1;
            (d >> ((bit - 1) % 6)) & 1
        };
        let mut prev: i64 = -1;
        for _ in 0..n {
            let mut q: i64 = 0;
            while next() == 1 {
                q += 1;
            }
            let low = (0..k).fold(0u32, |v, b| v | (next() << b));
            prev += (q << k) + low as i64 + 1;
            docs.push(prev as u32);
        }
        return docs.into_iter().map(|d| (d, 0)).collect();
    }
    if enc.starts_with('L') {
        let n = r.vlq();
        let mut prev: i64 = -1;
        for _ in 0..n {
            prev += r.vlq() as i64 + 1;
            docs.push(prev as u32);
        }
    } else {
        let first = r.vlq();
        let span = r.vlq() as usize;
        for k in 0..span.div_ceil(6) {
            let w = r.s.get(r.i).map_or(0, |&c| digit(c));
            r.i += 1;
            for b in 0..6 {
                if w & (1 << b) != 0 {
                    docs.push(first + (k * 6 + b) as u32);
                }
            }
        }
    }
    if !impacts {
        return docs.into_iter().map(|d| (d, 0)).collect();
    }
    let width = r.vlq() as usize;
    if width == 0 {
        return docs.into_iter().map(|d| (d, r.vlq())).collect();
    }
    let start = r.i * 6;
    (0..docs.len())
        .map(|k| {
            let v = (0..width).fold(0, |v, b| {
                let bit = start + k * width + b;
                let d = r.s.get(bit / 6).map_or(0, |&c| digit(c));
                v | (((d >> (bit % 6)) & 1) << b)
            });
            (docs[k], v)
        })
        .collect()
}

/// Reads a "G" list: a count, then that many VLQ numbers, in their order.
pub fn decode_order(enc: &str) -> Vec<u32> {
    let mut r = Reader {
        s: enc.as_bytes(),
        i: 1,
    };
    let n = r.vlq();
    (0..n).map(|_| r.vlq()).collect()
}

/// FNV-1a over the UTF-8 bytes: which bucket file a key lives in.
pub fn fnv1a(key: &str) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for &b in key.as_bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers_take_one_character() {
        let mut s = String::new();
        vlq(&mut s, 31);
        assert_eq!(s.len(), 1);
        vlq(&mut s, 32);
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn dense_lists_become_bitmaps() {
        let docs: Vec<u32> = (0..600).collect();
        assert!(list(&docs, None).starts_with('B'));
        assert!(list(&[3, 900], None).starts_with('L'));
    }

    #[test]
    fn bits_pack_back_to_back() {
        let mut w = BitWriter::default();
        w.push(5, 3);
        w.push(1, 1);
        w.push(3, 4);
        // 101 + 1 + 1100 = bits 0..8: 1,0,1,1,1,1,0,0 → 0b111101 = 61, then 0b00
        assert_eq!(w.finish(), "9A");
    }

    #[test]
    fn decode_reads_what_list_writes() {
        let docs = [0u32, 3, 4, 900];
        let imp = [1u32, 700, 2, 9];
        let back = decode(&list(&docs, Some(&imp)), true);
        assert_eq!(back, docs.iter().copied().zip(imp).collect::<Vec<_>>());
        let dense: Vec<u32> = (10..700).collect();
        let back = decode(&list(&dense, None), false);
        assert_eq!(back.iter().map(|d| d.0).collect::<Vec<_>>(), dense);
    }

    #[test]
    fn sets_of_a_sixth_take_rice_gaps_a_quarter_shorter_than_a_bitmap() {
        // Every sixth doc, give or take: a field held by a sixth of 60,000 cases.
        let mut x: u32 = 7;
        let docs: Vec<u32> = (0..60_000u32)
            .filter(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16).is_multiple_of(6)
            })
            .collect();
        let bitmap = list(&docs, None);
        let rice = set(&docs);
        assert!(bitmap.starts_with('B') && rice.starts_with('R'));
        assert!(
            rice.len() * 100 < bitmap.len() * 80,
            "{} vs {}",
            rice.len(),
            bitmap.len()
        );
        let back: Vec<u32> = decode(&rice, false).into_iter().map(|d| d.0).collect();
        assert_eq!(back, docs);
    }

    #[test]
    fn sets_keep_the_shorter_plain_form() {
        assert!(set(&[3, 900]).starts_with('L'));
        let all: Vec<u32> = (0..600).collect();
        assert!(set(&all).starts_with('B'));
        assert_eq!(set(&[]), list(&[], None));
    }

    proptest::proptest! {
        #[test]
        fn sets_read_back(mut docs in proptest::collection::vec(0u32..5_000_000, 0..400), spread in 0u32..4) {
            // Narrow the values now and then so dense sets (bitmaps, small k) come up too.
            for d in &mut docs { *d >>= spread * 5; }
            docs.sort_unstable();
            docs.dedup();
            let back: Vec<u32> = decode(&set(&docs), false).into_iter().map(|d| d.0).collect();
            proptest::prop_assert_eq!(back, docs.clone());
            if let Some(r) = rice(&docs) {
                let back: Vec<u32> = decode(&r, false).into_iter().map(|d| d.0).collect();
                proptest::prop_assert_eq!(back, docs);
            }
        }
    }

    #[test]
    fn fnv_matches_the_reference_values() {
        assert_eq!(fnv1a(""), 0x811c9dc5);
        assert_eq!(fnv1a("a"), 0xe40c292c);
    }
}
