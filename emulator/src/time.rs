//! Clock formats: HTTP dates and the service's `2022-08-09T16:23:11+0800`.
//! The emulator reads no clock: its shell passes the time in (Unix milliseconds).

/// The emulator's clock in Unix seconds: `now_ms`, shifted by `skew` seconds.
pub fn secs(now_ms: u64, skew: i64) -> i64 {
    (now_ms / 1000) as i64 + skew
}

// Howard Hinnant's civil-from-days / days-from-civil.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `Sat, 21 Nov 2026 13:04:47 GMT`.
pub fn http_date(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        DAYS[days.rem_euclid(7) as usize],
        d,
        MONTHS[(m - 1) as usize],
        y,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The service's time format, in China Standard Time: `2022-08-09T16:23:11+0800`.
pub fn ci_time(secs: i64) -> String {
    let local = secs + 8 * 3600;
    let days = local.div_euclid(86_400);
    let rem = local.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+0800", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Parses `%Y-%m-%dT%H:%M:%S%z` (e.g. `2022-08-09T16:00:00+0800`) to epoch seconds.
pub fn parse_ci_time(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 24 || !s.is_ascii() || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':'
    {
        return None;
    }
    let n = |a: usize, b: usize| s.get(a..b)?.parse::<i64>().ok();
    let (y, mo, d, h, mi, se) = (n(0, 4)?, n(5, 7)?, n(8, 10)?, n(11, 13)?, n(14, 16)?, n(17, 19)?);
    let sign = match &s[19..20] {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    let offset = sign * (n(20, 22)? * 3600 + n(22, 24)? * 60);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, mo as u32, d as u32) * 86_400 + h * 3600 + mi * 60 + se - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(http_date(1_700_000_000), "Tue, 14 Nov 2023 22:13:20 GMT");
        assert_eq!(ci_time(1_700_000_000), "2023-11-15T06:13:20+0800");
        assert_eq!(parse_ci_time("2023-11-15T06:13:20+0800"), Some(1_700_000_000));
        assert_eq!(parse_ci_time("2023-11-14T22:13:20-0000"), Some(1_700_000_000));
        assert_eq!(parse_ci_time("2023-11-14 22:13:20+0000"), None);
    }
}
