//! Dates and periods as data files write them: ISO 8601 `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or an interval.

/// Whether `s` is `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or `A/B` of two such, with A not after B.
pub fn valid_period(s: &str) -> bool {
    match s.split_once('/') {
        Some((a, b)) => match (parse_date(a), parse_date(b)) {
            (Some(x), Some(y)) => x <= y,
            _ => false,
        },
        None => parse_date(s).is_some(),
    }
}

/// `(year, month, day)` with 0 for a part left out.
pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = s.split('-').collect();
    let num =
        |p: &str, len: usize| (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?;
    let y = num(parts.first()?, 4)?;
    let m = if parts.len() > 1 { num(parts[1], 2)? } else { 0 };
    let d = if parts.len() > 2 { num(parts[2], 2)? } else { 0 };
    if parts.len() > 3 || !(1900..=2100).contains(&y) {
        return None;
    }
    if parts.len() > 1 && !(1..=12).contains(&m) {
        return None;
    }
    if parts.len() > 2 {
        let days = [
            31,
            if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        if d == 0 || d > days[m as usize - 1] {
            return None;
        }
    }
    Some((y, m, d))
}
