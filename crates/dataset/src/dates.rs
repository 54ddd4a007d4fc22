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

/// An ISO 8601 duration of years, months and days (`P2Y`, `P18M`, `P1Y6M`, `P90D`) as `(months, days)`.
///
/// ```
/// use factcard_dataset::dates::parse_duration;
/// assert_eq!(parse_duration("P1Y6M"), Some((18, 0)));
/// assert_eq!(parse_duration("P90D"), Some((0, 90)));
/// assert_eq!(parse_duration("2 years"), None);
/// ```
pub fn parse_duration(s: &str) -> Option<(u32, u32)> {
    let mut rest = s.strip_prefix('P')?;
    let (mut months, mut days, mut last) = (0u32, 0u32, 0);
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let n = rest.find(|c: char| !c.is_ascii_digit())?;
        let v: u32 = rest[..n].parse().ok().filter(|&v| v <= 10_000)?;
        let unit = rest[n..].chars().next()?;
        let order = match unit {
            'Y' => 1,
            'M' => 2,
            'W' => 3,
            'D' => 4,
            _ => return None,
        };
        if order <= last {
            return None;
        }
        last = order;
        match unit {
            'Y' => months += v * 12,
            'M' => months += v,
            'W' => days += v * 7,
            _ => days += v,
        }
        rest = &rest[n + 1..];
    }
    Some((months, days))
}

/// The last day of an ISO 8601 date or period (`2021` ends on 2021-12-31, `2022-01/2022-09` on 2022-09-30).
pub fn period_end(s: &str) -> Option<(u32, u32, u32)> {
    let last = s.rsplit('/').next()?;
    let (y, m, d) = parse_date(last)?;
    let m = if m == 0 { 12 } else { m };
    let d = if d == 0 { days_in_month(y, m) } else { d };
    Some((y, m, d))
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a date (the proleptic Gregorian calendar).
pub fn days_from_civil((y, m, d): (u32, u32, u32)) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `months` months and `days` days after `date` (a day past a short month's end is its last day).
pub fn add((y, m, d): (u32, u32, u32), months: u32, days: u32) -> i64 {
    let total = y * 12 + (m - 1) + months;
    let (y, m) = (total / 12, total % 12 + 1);
    days_from_civil((y, m, d.min(days_in_month(y, m)))) + i64::from(days)
}

/// Today (UTC) in days since 1970-01-01, or the date in `FACTCARD_TODAY` (`YYYY-MM-DD`), else the day of
/// `SOURCE_DATE_EPOCH` (seconds, as reproducible builds set it): either makes a build reproducible, and lets tests
/// choose the day.
pub fn today() -> i64 {
    if let Some(d) = std::env::var("FACTCARD_TODAY").ok().and_then(|s| parse_date(s.trim())) {
        if d.2 > 0 {
            return days_from_civil(d);
        }
    }
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<u64>().ok());
    let secs = epoch.unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
    });
    (secs / 86_400) as i64
}

/// The date (year, month, day) of a day counted from 1970-01-01, as [`days_from_civil`] counts them (its inverse;
/// H. Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as u32, m as u32, d as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_ends() {
        assert_eq!(parse_duration("P2Y"), Some((24, 0)));
        assert_eq!(parse_duration("P2W"), Some((0, 14)));
        for bad in ["P", "P1M2Y", "2Y", "P1.5Y", "P1H", "PT1H"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert_eq!(period_end("2021"), Some((2021, 12, 31)));
        assert_eq!(period_end("2024-02"), Some((2024, 2, 29)));
        assert_eq!(period_end("2022-01/2022-09"), Some((2022, 9, 30)));
        assert_eq!(days_from_civil((1970, 1, 1)), 0);
        assert_eq!(days_from_civil((2000, 3, 1)), 11_017);
        assert_eq!(add((2023, 12, 31), 2, 0), days_from_civil((2024, 2, 29)));
        assert_eq!(add((2021, 12, 31), 24, 1), days_from_civil((2024, 1, 1)));
    }

    #[test]
    fn days_and_dates_round_trip() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(days_from_civil((2024, 2, 29))), (2024, 2, 29));
        // Every day from 1900 to 2200, across leap years and centuries.
        let (from, to) = (days_from_civil((1900, 1, 1)), days_from_civil((2200, 12, 31)));
        let mut last = civil_from_days(from - 1);
        for n in from..=to {
            let d = civil_from_days(n);
            assert_eq!(days_from_civil(d), n, "{d:?}");
            assert!(d > last && d.1 <= 12 && d.2 >= 1 && d.2 <= days_in_month(d.0, d.1), "{d:?} after {last:?}");
            last = d;
        }
    }
}
