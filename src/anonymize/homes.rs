//! Home addresses down to the door: 3号楼2单元501室, 5栋1单元302, 2号楼3单元6楼东户,
//! or a room in a residential compound (某小区12幢402室). A building and a unit
//! name dozens of households, a room one; an office or classroom (教学楼3楼302室)
//! names no household, and neither does a textbook's 第三单元.

use super::Hit;
use super::numbers::spoken_digit;
use super::visible::Visible;
use crate::msg;

/// What names a building before its unit or room.
const BUILDINGS: [&str; 5] = ["号楼", "号院", "栋", "幢", "座"];
/// Words that make a building a home's (for a room without a unit).
const COMPOUNDS: [&str; 6] = ["小区", "家属院", "家属楼", "花园", "公寓", "住宅楼"];

pub fn find(v: &Visible, out: &mut Vec<Hit>) {
    let first = out.len();
    for unit in 0..v.chars.len().saturating_sub(1) {
        if v.chars[unit] == '单' && v.chars[unit + 1] == '元' {
            if let Some((start, end)) = unit_and_room(v, unit) {
                out.push(hit(v, start, end));
            }
        }
    }
    for room in 0..v.chars.len() {
        if v.chars[room] != '室' || out[first..].iter().any(|h| h.chars.contains(&room)) {
            continue;
        }
        if let Some(start) = compound_room(v, room + 1) {
            out.push(hit(v, start, room + 1));
        }
    }
}

fn hit(v: &Visible, start: usize, end: usize) -> Hit {
    Hit {
        start: v.spans[start].start,
        end: v.spans[end - 1].end,
        chars: start..end,
        keep: 0,
        value: v.chars[start..end].iter().collect(),
        message: msg!(
            "E0610",
            "住址的楼栋、单元和门牌号：请删除，或只写到街道、小区（如“某小区”）",
            "a home address down to its door; remove it, or name only the street or compound"
        ),
    }
}

fn digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Numbers ending before visible character `end`: where they start.
fn number_before(v: &Visible, end: usize, is: impl Fn(char) -> bool) -> Option<usize> {
    let mut start = end;
    while start > 0 && is(v.chars[start - 1]) && end - start < 4 {
        start -= 1;
    }
    (start < end).then_some(start)
}

/// `N号楼`, `N栋` … ending before visible character `end`: where its number starts.
fn building_before(v: &Visible, end: usize) -> Option<usize> {
    BUILDINGS.iter().find_map(|w| {
        let n = w.chars().count();
        let written = v.chars[end.saturating_sub(n)..end].iter().copied();
        (end >= n && written.eq(w.chars()))
            .then(|| number_before(v, end - n, digit))
            .flatten()
    })
}

/// `[N号楼|N栋…]N单元` at the unit word (visible index `unit`), then a room: the
/// visible range from the first number to the end of the room.
fn unit_and_room(v: &Visible, unit: usize) -> Option<(usize, usize)> {
    // A unit number in characters only after a building: 3号楼二单元, not 第三单元.
    let ascii = number_before(v, unit, digit);
    let (unit_start, after_building) = match ascii {
        Some(s) => (s, building_before(v, s)),
        None => {
            let s = number_before(v, unit, |c| spoken_digit(c).is_some())?;
            (s, Some(building_before(v, s)?))
        }
    };
    // 第2单元 is a textbook's.
    if unit_start > 0 && v.chars[unit_start - 1] == '第' {
        return None;
    }
    let start = after_building.unwrap_or(unit_start);
    let end = room(v, unit + 2)?;
    Some((start, end))
}

/// A room after a unit, starting at visible character `at`: 501室, 501, 6楼东户, 3层西户.
fn room(v: &Visible, mut at: usize) -> Option<usize> {
    while v.get(at) == Some(' ') || v.get(at) == Some('-') {
        at += 1;
    }
    let mut end = at;
    while v.get(end).is_some_and(digit) && end - at < 5 {
        end += 1;
    }
    if end == at {
        return None;
    }
    match v.get(end) {
        Some('室' | '号' | '户') => Some(end + 1),
        Some('楼' | '层') => {
            let side = v.get(end + 1).is_some_and(|c| "东西南北中".contains(c));
            let door = v.get(end + 1 + usize::from(side)) == Some('户');
            (side && door).then_some(end + 2 + usize::from(side))
        }
        // A bare room number (1单元302), not a year, a count or an amount after it.
        Some(c) if c.is_ascii_alphanumeric() || "年月日页分元人名个次".contains(c) => {
            None
        }
        _ if end - at >= 3 => Some(end),
        _ => None,
    }
}

/// `N号楼|N栋|N幢 + 3–4 digits + 室` within a residential compound named in the
/// few characters before: the start of the building number.
fn compound_room(v: &Visible, room_end: usize) -> Option<usize> {
    let digits_end = room_end - 1;
    let digits_start = number_before(v, digits_end, digit)?;
    if digits_end - digits_start < 3 {
        return None;
    }
    let building_start = building_before(v, digits_start)?;
    let before: String = v.chars[building_start.saturating_sub(15)..building_start]
        .iter()
        .collect();
    COMPOUNDS
        .iter()
        .any(|w| before.contains(w))
        .then_some(building_start)
}
