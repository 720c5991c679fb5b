//! Compact text encodings for the browser export: JS files hold index data as
//! plain string literals (no binary fetches from file://), so numbers are
//! written in base 64 with a continuation bit (5 data bits a character).
//! `decodeList` in search.js reads what `list` writes.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v`, least significant 5 bits first; bit 5 marks "more follows".
pub fn vlq(out: &mut String, mut v: u32) {
    while v >= 32 {
        out.push(ALPHABET[(32 | (v & 31)) as usize] as char);
        v >>= 5;
    }
    out.push(ALPHABET[v as usize] as char);
}

/// Appends `v` as exactly `width` characters of 6 bits, most significant first.
pub fn fixed(out: &mut String, v: u32, width: usize) {
    for i in (0..width).rev() {
        out.push(ALPHABET[((v >> (6 * i)) & 63) as usize] as char);
    }
}

/// Characters of 6 bits needed to hold values below `n`.
pub fn width_for(n: usize) -> usize {
    let mut w = 1;
    while (1usize << (6 * w)) < n {
        w += 1;
    }
    w
}

/// A sorted list of doc numbers, with an impact each (or none, for pair keys).
/// Written as whichever is shorter: gaps (`L`), or a bitmap from the first to
/// the last doc (`B`), which wins for terms in most documents. The impacts
/// follow, in doc order.
pub fn list(docs: &[u32], impacts: Option<&[u32]>) -> String {
    let mut gaps = String::from("L");
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
        for &i in impacts {
            vlq(&mut out, i);
        }
    }
    out
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
    fn fnv_matches_the_reference_values() {
        assert_eq!(fnv1a(""), 0x811c9dc5);
        assert_eq!(fnv1a("a"), 0xe40c292c);
    }
}
