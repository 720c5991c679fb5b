//! Numbers as Chinese legal texts write them: 十九, 一百零五, 两千, 〇, 10, １０.

/// Chinese digit characters and their values (the browser's copy is generated from these).
#[rustfmt::skip]
pub const DIGITS: [(char, u32); 23] = [
    ('〇', 0), ('零', 0), ('０', 0), ('0', 0), ('一', 1), ('壹', 1), ('二', 2), ('两', 2),
    ('贰', 2), ('三', 3), ('叁', 3), ('四', 4), ('肆', 4), ('五', 5), ('伍', 5), ('六', 6),
    ('陆', 6), ('七', 7), ('柒', 7), ('八', 8), ('捌', 8), ('九', 9), ('玖', 9),
];

/// Unit characters and their values.
pub const UNITS: [(char, u32); 8] = [
    ('十', 10),
    ('拾', 10),
    ('百', 100),
    ('佰', 100),
    ('千', 1000),
    ('仟', 1000),
    ('万', 10000),
    ('萬', 10000),
];

/// Value of one Chinese digit character, if it is one.
fn digit_value(c: char) -> Option<u32> {
    DIGITS.iter().find(|d| d.0 == c).map(|d| d.1)
}

fn unit_value(c: char) -> Option<u32> {
    UNITS.iter().find(|u| u.0 == c).map(|u| u.1)
}

/// True for every character that can be part of a number we parse.
pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some()
        || unit_value(c).is_some()
        || c.is_ascii_digit()
        || is_fullwidth_digit(c)
}

fn is_fullwidth_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn arabic_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        Some(c as u32 - '0' as u32)
    } else if is_fullwidth_digit(c) {
        Some(c as u32 - '０' as u32)
    } else {
        None
    }
}

/// Parses a whole string as a number: Arabic (`10`), full-width (`１０`), Chinese
/// with units (`一百零五`, `十九`) or Chinese positional (`二〇二四`).
/// Returns `None` for anything else, including the empty string and overflow.
pub fn parse(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| arabic_value(c).is_some()) {
        return s.chars().try_fold(0u32, |acc, c| {
            acc.checked_mul(10)?.checked_add(arabic_value(c)?)
        });
    }
    if s.chars().any(|c| unit_value(c).is_some()) {
        return parse_with_units(s);
    }
    // Positional Chinese digits (二〇二四): every character a digit.
    s.chars().try_fold(0u32, |acc, c| {
        acc.checked_mul(10)?.checked_add(digit_value(c)?)
    })
}

fn parse_with_units(s: &str) -> Option<u32> {
    let mut total: u32 = 0;
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            if pending.is_some() && d != 0 {
                return None; // two digits in a row (三四十) is not a number
            }
            // 零 only marks a gap (一百零五); it carries no value of its own.
            pending = if d == 0 { None } else { Some(d) };
        } else if let Some(u) = unit_value(c) {
            if u >= last_unit {
                return None; // units must fall: 百 after 十 is malformed
            }
            // A bare unit at the start means one of it (十九 = 19).
            let d = match pending.take() {
                Some(d) => d,
                None if total == 0 => 1,
                None => return None,
            };
            total = total.checked_add(d.checked_mul(u)?)?;
            last_unit = u;
        } else {
            return None;
        }
    }
    total.checked_add(pending.unwrap_or(0))
}

/// Writes a number the way article numbers are written: 1 → 一, 10 → 十,
/// 21 → 二十一, 105 → 一百零五, 110 → 一百一十.
pub fn to_chinese(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "零".into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let parts = [
        (n / 1000, '千'),
        ((n / 100) % 10, '百'),
        ((n / 10) % 10, '十'),
        (n % 10, ' '),
    ];
    let mut out = String::new();
    let mut gap = false;
    for (i, &(d, unit)) in parts.iter().enumerate() {
        if d == 0 {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push('零');
            gap = false;
        }
        // 十 alone at the start (十九), but 一十 inside (一百一十).
        if !(d == 1 && unit == '十' && out.is_empty()) {
            out.push(DIGITS[d as usize]);
        }
        if i < 3 {
            out.push(unit);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_legal_texts_use() {
        let cases = [
            ("一", 1),
            ("十", 10),
            ("十九", 19),
            ("二十", 20),
            ("九十九", 99),
            ("一百", 100),
            ("一百零五", 105),
            ("一百一十", 110),
            ("两百", 200),
            ("一千零一", 1001),
            ("二〇二四", 2024),
            ("10", 10),
            ("１０", 10),
            ("〇", 0),
            ("三千二百零一", 3201),
        ];
        for (s, n) in cases {
            assert_eq!(parse(s), Some(n), "{s}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for s in ["", "条", "三四十", "十百", "一a", "百百"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    #[test]
    fn writes_article_numbers() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (19, "十九"),
            (21, "二十一"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
        ];
        for (n, s) in cases {
            assert_eq!(to_chinese(n), s, "{n}");
        }
    }

    proptest::proptest! {
        #[test]
        fn chinese_round_trips(n in 0u32..10_000) {
            proptest::prop_assert_eq!(parse(&to_chinese(n)), Some(n));
        }

        #[test]
        fn never_panics(s in "\\PC{0,12}") {
            let _ = parse(&s);
        }
    }
}

#[cfg(test)]
mod wan_tests {
    use super::parse;

    #[test]
    fn ten_thousand_and_more() {
        assert_eq!(parse("一万"), Some(10_000));
        assert_eq!(parse("一万零一"), Some(10_001));
        assert_eq!(parse("一万二千三百"), Some(12_300));
        assert_eq!(parse("三万"), Some(30_000));
    }
}
