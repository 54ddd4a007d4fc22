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

/// Today (UTC) in days since 1970-01-01, or the day in `FACTCARD_TODAY` (`YYYY-MM-DD`), else the day of
/// `SOURCE_DATE_EPOCH` (seconds since 1970-01-01 UTC, as reproducible builds set it): either makes a build
/// reproducible, and lets tests choose the day. A variable that is set (not empty) but says no day is an error, not
/// the clock, as reproducible-builds.org asks of `SOURCE_DATE_EPOCH`: a typo must not quietly give another day's
/// build.
pub fn today() -> Result<i64, String> {
    let var = |k: &str| match std::env::var(k) {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => Ok(Some(v)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(v)) => Err(format!("{k} `{}` is not a day", v.to_string_lossy())),
    };
    let day = day_given(var("FACTCARD_TODAY")?.as_deref(), var("SOURCE_DATE_EPOCH")?.as_deref())?;
    Ok(day.unwrap_or_else(|| {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        (secs / 86_400) as i64
    }))
}

/// The day (days since 1970-01-01) that `FACTCARD_TODAY` (`YYYY-MM-DD`, first) or `SOURCE_DATE_EPOCH` (seconds) say,
/// if either is given; an error for a value that is neither.
///
/// ```
/// use factcard_dataset::dates::{day_given, days_from_civil};
/// let day = days_from_civil((2025, 6, 30));
/// assert_eq!(day_given(Some("2025-06-30"), Some("1")), Ok(Some(day)));
/// assert_eq!(day_given(None, Some("1751295600")), Ok(Some(day))); // 2025-06-30T15:00:00Z
/// assert_eq!(day_given(None, None), Ok(None));
/// assert!(day_given(Some("2025-06"), None).is_err() && day_given(None, Some("-1")).is_err());
/// ```
pub fn day_given(factcard_today: Option<&str>, source_date_epoch: Option<&str>) -> Result<Option<i64>, String> {
    if let Some(t) = factcard_today {
        return match parse_date(t.trim()) {
            Some(d) if d.2 > 0 => Ok(Some(days_from_civil(d))),
            _ => Err(format!("FACTCARD_TODAY `{t}` is not a day: write YYYY-MM-DD (or unset it)")),
        };
    }
    let Some(e) = source_date_epoch else { return Ok(None) };
    // Up to the last day of 9999.
    match e.trim().parse::<u64>() {
        Ok(secs) if secs < 253_402_300_800 => Ok(Some((secs / 86_400) as i64)),
        _ => {
            Err(format!("SOURCE_DATE_EPOCH `{e}` is not a time: write the seconds since 1970-01-01 UTC (or unset it)"))
        }
    }
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
