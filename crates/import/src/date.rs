//! The two date formats of the supported exports, to Unix milliseconds (UTC).

/// Days from 1970-01-01 to a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn millis(date: &str, time: &str) -> Option<i64> {
    let mut d = date.split('-');
    let (y, mo, da) = (num(d.next()?)?, num(d.next()?)?, num(d.next()?)?);
    if d.next().is_some() || !(1..=12).contains(&mo) || !(1..=31).contains(&da) || y == 0 {
        return None;
    }
    let mut t = time.split(':');
    let (h, mi) = (num(t.next()?)?, num(t.next()?)?);
    let s = match t.next() {
        Some(s) => num(s.split('.').next()?)?,
        None => 0,
    };
    if h > 23 || mi > 59 || s > 60 {
        return None;
    }
    Some(((days_from_civil(y, mo, da) * 24 + h) * 60 + mi) * 60_000 + s * 1000)
}

/// `YYYY-MM-DD HH:MM:SS` as WordPress writes it (`0000-00-00 00:00:00` means "no date").
pub(crate) fn wordpress(s: &str) -> Option<i64> {
    let (date, time) = s.trim().split_once(' ')?;
    millis(date, time)
}

/// RFC 3339 as Disqus writes it: `2011-03-30T20:59:53Z`, possibly with fractions or an offset.
pub(crate) fn rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    let (date, rest) = s.split_once(['T', 't', ' '])?;
    let (time, offset_min) = if let Some(t) = rest.strip_suffix(['Z', 'z']) {
        (t, 0)
    } else if let Some(i) = rest.rfind(['+', '-']) {
        let (t, off) = rest.split_at(i);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let (oh, om) = off[1..].split_once(':').unwrap_or((&off[1..], "0"));
        (t, sign * (num(oh)? * 60 + num(om)?))
    } else {
        (rest, 0)
    };
    Some(millis(date, time)? - offset_min * 60_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_formats() {
        assert_eq!(wordpress("1970-01-01 00:00:00"), Some(0));
        assert_eq!(wordpress("2013-03-14 19:35:07"), Some(1_363_289_707_000));
        assert_eq!(wordpress("0000-00-00 00:00:00"), None);
        assert_eq!(wordpress("yesterday"), None);
        assert_eq!(rfc3339("2013-03-14T19:35:07Z"), Some(1_363_289_707_000));
        assert_eq!(
            rfc3339("2013-03-14T20:35:07.5+01:00"),
            Some(1_363_289_707_000)
        );
        assert_eq!(rfc3339("2000-02-29T00:00:00Z"), Some(951_782_400_000));
        assert_eq!(rfc3339("2013-13-01T00:00:00Z"), None);
    }
}
