//! Days in queries: how `before:`, `after:` and `on:` read a date, and which instants the
//! searcher's days cover in their time zone (a day is not always 24 hours, nor always starts
//! at midnight).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

use crate::filters::Filters;

impl Filters {
    /// The instants the date filters allow, in the searcher's zone: `[from, to)`; `None` is
    /// unbounded. `before:D` ends where D starts, `after:D` starts where the day after D starts,
    /// `on:D` is D's day; together they allow what all of them allow (which may be nothing:
    /// then `from` is not before `to`).
    pub fn time_range(&self, zone: &TimeZone) -> (Option<Timestamp>, Option<Timestamp>) {
        let mut from: Option<Timestamp> = None;
        let mut to: Option<Timestamp> = None;
        let mut from_at_least = |t: Timestamp| from = Some(from.map_or(t, |f| f.max(t)));
        if let Some(after) = self.after {
            from_at_least(day_after_starts(after, zone));
        }
        if let Some(on) = self.on {
            from_at_least(day_starts(on, zone));
        }
        let mut to_at_most = |t: Timestamp| to = Some(to.map_or(t, |u| u.min(t)));
        if let Some(before) = self.before {
            to_at_most(day_starts(before, zone));
        }
        if let Some(on) = self.on {
            to_at_most(day_after_starts(on, zone));
        }
        (from, to)
    }
}

/// The first instant of a day in a zone (midnight, or later when the clocks skip midnight).
/// Days at the very ends of jiff's range clamp to its ends.
fn day_starts(day: Date, zone: &TimeZone) -> Timestamp {
    day.to_zoned(zone.clone())
        .and_then(|zoned| zoned.start_of_day())
        .map(|zoned: Zoned| zoned.timestamp())
        .unwrap_or(if day.year() < 0 {
            Timestamp::MIN
        } else {
            Timestamp::MAX
        })
}

fn day_after_starts(day: Date, zone: &TimeZone) -> Timestamp {
    day.tomorrow()
        .map_or(Timestamp::MAX, |next| day_starts(next, zone))
}

/// `YYYY-MM-DD` (a real day), `today` or `yesterday`.
pub(crate) fn parse_day(value: &str, today: Date) -> Option<Date> {
    match value.to_ascii_lowercase().as_str() {
        "today" => return Some(today),
        "yesterday" => return today.yesterday().ok(),
        _ => {}
    }
    let mut parts = value.split('-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let year: i16 = digits(year, 4)?;
    let month: i8 = digits(month, 2)?;
    let day: i8 = digits(day, 2)?;
    Date::new(year, month, day).ok()
}

/// Exactly `len` ASCII digits, as a number.
fn digits<T: std::str::FromStr>(text: &str, len: usize) -> Option<T> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::query::parse;
    use crate::{Analyzer, Language};

    const TODAY: Date = date(2026, 3, 14);

    fn filters(input: &str) -> Filters {
        parse(input, &Analyzer::new(Language::English), TODAY)
            .unwrap()
            .filters
    }

    #[test]
    fn dates_are_real_days_written_in_full() {
        assert_eq!(parse_day("2024-02-29", TODAY), Some(date(2024, 2, 29)));
        assert_eq!(parse_day("Today", TODAY), Some(TODAY));
        assert_eq!(parse_day("YESTERDAY", TODAY), Some(date(2026, 3, 13)));
        assert_eq!(
            parse_day("yesterday", date(2026, 1, 1)),
            Some(date(2025, 12, 31))
        );
        for bad in [
            "2026-02-29",
            "2026-3-01",
            "26-03-01",
            "2026-03-01-",
            "2026/03/01",
            "+026-03-01",
            "",
            "tomorrow",
        ] {
            assert_eq!(parse_day(bad, TODAY), None, "{bad}");
        }
    }

    #[test]
    fn date_filters_bound_the_searchers_days() {
        let paris = TimeZone::get("Europe/Paris").unwrap();
        let at = |s: &str| Some(s.parse::<Timestamp>().unwrap());
        assert_eq!(filters("budget").time_range(&paris), (None, None));
        assert_eq!(
            filters("before:2026-03-01").time_range(&paris),
            (None, at("2026-02-28T23:00:00Z"))
        );
        assert_eq!(
            filters("after:2026-03-01").time_range(&paris),
            (at("2026-03-01T23:00:00Z"), None)
        );
        assert_eq!(
            filters("on:2026-07-01").time_range(&paris),
            (at("2026-06-30T22:00:00Z"), at("2026-07-01T22:00:00Z"))
        );
        // Together: the intersection (here empty, which is the caller's to answer with nothing).
        assert_eq!(
            filters("after:2026-01-01 before:2026-02-01 on:2026-01-10").time_range(&TimeZone::UTC),
            (at("2026-01-10T00:00:00Z"), at("2026-01-11T00:00:00Z"))
        );
        let (from, to) = filters("after:2026-02-01 before:2026-01-01").time_range(&TimeZone::UTC);
        assert!(from >= to);
        // São Paulo skipped midnight on 2018-11-04: that day starts at 01:00.
        let sao_paulo = TimeZone::get("America/Sao_Paulo").unwrap();
        assert_eq!(
            filters("on:2018-11-04").time_range(&sao_paulo).0,
            at("2018-11-04T03:00:00Z")
        );
        // The ends of the calendar do not overflow.
        assert_eq!(
            filters("after:9999-12-31").time_range(&TimeZone::UTC).0,
            Some(Timestamp::MAX)
        );
        assert!(filters("is:thread").time_range(&TimeZone::UTC) == (None, None));
        assert!(!filters("is:thread").is_empty());
        assert!(Filters::default().is_empty());
    }
}
