//! The filters of a query (`from:@maria in:#general has:file before:2026-03-01`): what each
//! one means and how its value is read (dates and their time range: `dates`).

use domain::channel::ChannelName;
use domain::user::Handle;
use jiff::civil::Date;

use crate::dates::parse_day;
use crate::query::{QueryError, QueryErrorKind};

/// What a query asks of a message besides its words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Handles, lower-cased, without `@`: the message is by any of them.
    pub from: Vec<String>,
    pub place: Option<Place>,
    pub has_file: bool,
    pub has_link: bool,
    pub has_pin: bool,
    pub is_thread: bool,
    pub mentions_me: bool,
    pub before: Option<Date>,
    pub after: Option<Date>,
    pub on: Option<Date>,
}

/// Where to search: one channel, or the conversation with one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A channel's name, lower-cased, without `#`.
    Channel(String),
    /// A person's handle, lower-cased, without `@`.
    Person(String),
}

/// The filters a query knows, by the name typed before the colon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FilterName {
    From,
    In,
    Has,
    Is,
    Before,
    After,
    On,
    Mentions,
}

impl FilterName {
    /// A filter's name, in any case; anything else before a colon is just words (`https:`).
    pub(crate) fn parse(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "from" => Self::From,
            "in" => Self::In,
            "has" => Self::Has,
            "is" => Self::Is,
            "before" => Self::Before,
            "after" => Self::After,
            "on" => Self::On,
            "mentions" => Self::Mentions,
            _ => return None,
        })
    }
}

fn bad_filter(message: String) -> QueryError {
    QueryError {
        kind: QueryErrorKind::BadFilter,
        message,
    }
}

impl Filters {
    /// Adds one filter as typed (`part`, e.g. `From:@Maria`), its name already read.
    pub(crate) fn apply(
        &mut self,
        name: FilterName,
        value: &str,
        part: &str,
        today: Date,
    ) -> Result<(), QueryError> {
        let lower = value.to_lowercase();
        match name {
            FilterName::From => {
                let handle = handle(value, part, "from:@maria")?;
                if !self.from.contains(&handle) {
                    self.from.push(handle);
                }
            }
            FilterName::In => {
                if self.place.is_some() {
                    return Err(bad_filter(format!(
                        "Search one place at a time: \"{part}\" is a second in: filter."
                    )));
                }
                self.place = Some(place(value, part)?);
            }
            FilterName::Has => match lower.as_str() {
                "file" => self.has_file = true,
                "link" => self.has_link = true,
                "pin" => self.has_pin = true,
                _ => {
                    return Err(bad_filter(format!(
                        "\"{part}\" is not a filter: has: takes file, link or pin."
                    )));
                }
            },
            FilterName::Is => match lower.as_str() {
                "thread" => self.is_thread = true,
                _ => {
                    return Err(bad_filter(format!(
                        "\"{part}\" is not a filter: is: takes thread."
                    )));
                }
            },
            FilterName::Mentions => match lower.as_str() {
                "@me" | "me" => self.mentions_me = true,
                _ => {
                    return Err(bad_filter(format!(
                        "\"{part}\" is not a filter: only mentions:@me finds messages that mention someone."
                    )));
                }
            },
            FilterName::Before => set_date(&mut self.before, "before", value, part, today)?,
            FilterName::After => set_date(&mut self.after, "after", value, part, today)?,
            FilterName::On => set_date(&mut self.on, "on", value, part, today)?,
        }
        Ok(())
    }

    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// A handle as typed after a filter's colon, with or without `@`.
fn handle(value: &str, part: &str, example: &str) -> Result<String, QueryError> {
    let bare = value.strip_prefix('@').unwrap_or(value);
    if bare.is_empty() {
        let name = part.split(':').next().unwrap_or(part).to_lowercase();
        return Err(bad_filter(format!(
            "{name}: needs a handle right after the colon, such as {example}."
        )));
    }
    Handle::parse(bare).map(Handle::into_string).map_err(|err| {
        bad_filter(format!(
            "\"{part}\" does not name a person: {}.",
            err.message
        ))
    })
}

/// `in:#channel`, `in:channel` or `in:@handle`.
fn place(value: &str, part: &str) -> Result<Place, QueryError> {
    if value.starts_with('@') {
        return handle(value, part, "in:@maria").map(Place::Person);
    }
    let name = value.strip_prefix('#').unwrap_or(value).to_lowercase();
    if name.is_empty() {
        return Err(bad_filter(
            "in: needs a channel or a person right after the colon, such as in:#general or in:@maria."
                .to_string(),
        ));
    }
    ChannelName::parse(&name)
        .map(|channel| Place::Channel(channel.as_str().to_string()))
        .map_err(|err| {
            bad_filter(format!(
                "\"{part}\" does not name a channel: {}.",
                err.message
            ))
        })
}

fn set_date(
    slot: &mut Option<Date>,
    name: &str,
    value: &str,
    part: &str,
    today: Date,
) -> Result<(), QueryError> {
    if let Some(earlier) = *slot {
        return Err(bad_filter(format!(
            "\"{part}\" repeats {name}: (already {name}:{earlier}); keep one."
        )));
    }
    *slot = Some(parse_day(value, today).ok_or_else(|| QueryError {
        kind: QueryErrorKind::BadDate,
        message: format!(
            "\"{part}\" is not a date: write YYYY-MM-DD (such as {today}), today or yesterday."
        ),
    })?);
    Ok(())
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

    fn error(input: &str) -> QueryError {
        parse(input, &Analyzer::new(Language::English), TODAY).unwrap_err()
    }

    #[test]
    fn every_filter_is_read() {
        assert_eq!(
            filters(
                "FROM:@Maria from:bob in:#General has:file HAS:Link has:pin is:thread mentions:@me before:2026-03-01 after:yesterday on:today"
            ),
            Filters {
                from: vec!["maria".into(), "bob".into()],
                place: Some(Place::Channel("general".into())),
                has_file: true,
                has_link: true,
                has_pin: true,
                is_thread: true,
                mentions_me: true,
                before: Some(date(2026, 3, 1)),
                after: Some(date(2026, 3, 13)),
                on: Some(TODAY),
            }
        );
        assert_eq!(
            filters("in:team-news").place,
            Some(Place::Channel("team-news".into()))
        );
        assert_eq!(
            filters("in:@Maria").place,
            Some(Place::Person("maria".into()))
        );
        assert!(filters("mentions:me").mentions_me);
        assert_eq!(filters("from:@bob from:bob").from, ["bob"]);
    }

    #[test]
    fn bad_values_name_the_filter() {
        let cases = [
            (
                "from:",
                QueryErrorKind::BadFilter,
                "from: needs a handle right after the colon, such as from:@maria.",
            ),
            (
                "from:@",
                QueryErrorKind::BadFilter,
                "from: needs a handle right after the colon, such as from:@maria.",
            ),
            (
                "from:@bo!b",
                QueryErrorKind::BadFilter,
                "\"from:@bo!b\" does not name a person: use letters, digits, dots, dashes and underscores, starting with a letter or digit.",
            ),
            (
                "has:banana",
                QueryErrorKind::BadFilter,
                "\"has:banana\" is not a filter: has: takes file, link or pin.",
            ),
            (
                "is:foo",
                QueryErrorKind::BadFilter,
                "\"is:foo\" is not a filter: is: takes thread.",
            ),
            (
                "mentions:@bob",
                QueryErrorKind::BadFilter,
                "\"mentions:@bob\" is not a filter: only mentions:@me finds messages that mention someone.",
            ),
            (
                "in:",
                QueryErrorKind::BadFilter,
                "in: needs a channel or a person right after the colon, such as in:#general or in:@maria.",
            ),
            (
                "in:#",
                QueryErrorKind::BadFilter,
                "in: needs a channel or a person right after the colon, such as in:#general or in:@maria.",
            ),
            (
                "in:#a in:#b",
                QueryErrorKind::BadFilter,
                "Search one place at a time: \"in:#b\" is a second in: filter.",
            ),
            (
                "in:#bad_name",
                QueryErrorKind::BadFilter,
                "\"in:#bad_name\" does not name a channel: use lower-case letters and digits, with single hyphens between words (e.g. team-news).",
            ),
            (
                "on:2026-02-30",
                QueryErrorKind::BadDate,
                "\"on:2026-02-30\" is not a date: write YYYY-MM-DD (such as 2026-03-14), today or yesterday.",
            ),
            (
                "before:tomorrowish",
                QueryErrorKind::BadDate,
                "\"before:tomorrowish\" is not a date: write YYYY-MM-DD (such as 2026-03-14), today or yesterday.",
            ),
            (
                "after:2026-13-01",
                QueryErrorKind::BadDate,
                "\"after:2026-13-01\" is not a date: write YYYY-MM-DD (such as 2026-03-14), today or yesterday.",
            ),
            (
                "on:2026-3-1",
                QueryErrorKind::BadDate,
                "\"on:2026-3-1\" is not a date: write YYYY-MM-DD (such as 2026-03-14), today or yesterday.",
            ),
            (
                "before:2026-01-01 before:today",
                QueryErrorKind::BadFilter,
                "\"before:today\" repeats before: (already before:2026-01-01); keep one.",
            ),
        ];
        for (input, kind, message) in cases {
            assert_eq!(
                error(input),
                QueryError {
                    kind,
                    message: message.into()
                },
                "{input}"
            );
        }
    }
}
