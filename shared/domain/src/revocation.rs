//! What has been revoked for one person: every access token issued before a moment (a
//! deactivation, a role change, "log out everywhere", a password reset), and every token of the
//! session families that ended (a device logged out, or a family ended because a replaced
//! refresh token came back). Revocations only ever grow, so merging two views of them (a cache
//! and the table, in any order) can never undo one: the later moment wins, families add up.

use std::collections::BTreeMap;

use crate::limits::ACCESS_TOKEN_TTL_SECONDS;

/// How long an ended family must be remembered: longer than any access token it issued lives,
/// with a minute of slack for clocks.
pub const ENDED_FAMILY_MEMORY_SECONDS: i64 = ACCESS_TOKEN_TTL_SECONDS + 60;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revocations {
    /// Tokens issued before this (milliseconds since the epoch) are void; 0 when never.
    pub before_ms: i64,
    /// Ended session families, each with when it may be forgotten (seconds since the epoch).
    pub ended_families: BTreeMap<String, i64>,
}

/// Who a token or a socket was issued to, and when: what a revocation is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The session family (one device's sign-in); empty for grants that predate families.
    pub family: String,
    /// When it was issued, in milliseconds since the epoch.
    pub issued_ms: i64,
}

/// Milliseconds since the epoch: the clock grants and cut-offs are compared on.
pub fn now_ms() -> i64 {
    let now = time::OffsetDateTime::now_utc();
    i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

impl Grant {
    /// A grant issued now in `family`.
    pub fn issued_now(family: impl Into<String>) -> Self {
        Self {
            family: family.into(),
            issued_ms: now_ms(),
        }
    }
}

impl Revocations {
    /// Whether `grant` has been revoked, as of `now_seconds`.
    pub fn refuses(&self, grant: &Grant, now_seconds: i64) -> bool {
        grant.issued_ms < self.before_ms
            || (!grant.family.is_empty()
                && self
                    .ended_families
                    .get(&grant.family)
                    .is_some_and(|until| *until > now_seconds))
    }

    /// Both views together: the later cut-off, and every ended family.
    pub fn merge(&mut self, other: &Revocations) {
        self.before_ms = self.before_ms.max(other.before_ms);
        for (family, until) in &other.ended_families {
            let entry = self.ended_families.entry(family.clone()).or_insert(*until);
            *entry = (*entry).max(*until);
        }
    }

    /// When a token issued now counts as issued: never before the last cut-off, so a token
    /// minted just after a revocation on a machine whose clock runs a little behind is not
    /// refused by it.
    pub fn issue_time_ms(&self, now_ms: i64) -> i64 {
        now_ms.max(self.before_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(family: &str, issued_ms: i64) -> Grant {
        Grant {
            family: family.into(),
            issued_ms,
        }
    }

    #[test]
    fn a_cut_off_refuses_what_was_issued_before_it_only() {
        let r = Revocations {
            before_ms: 1_000,
            ..Default::default()
        };
        assert!(r.refuses(&grant("f", 999), 0));
        assert!(!r.refuses(&grant("f", 1_000), 0));
        assert!(!Revocations::default().refuses(&grant("", 0), 0));
    }

    #[test]
    fn an_ended_family_refuses_its_grants_until_it_is_forgotten() {
        let mut r = Revocations::default();
        r.ended_families.insert("gone".into(), 500);
        assert!(r.refuses(&grant("gone", 10_000_000), 499));
        assert!(!r.refuses(&grant("gone", 10_000_000), 500));
        assert!(!r.refuses(&grant("other", 0), 0));
        assert!(!r.refuses(&grant("", 0), 0), "no family, no family check");
    }

    #[test]
    fn merging_never_undoes_a_revocation_whatever_the_order() {
        let mut older = Revocations {
            before_ms: 5,
            ..Default::default()
        };
        older.ended_families.insert("a".into(), 100);
        let mut newer = Revocations {
            before_ms: 9,
            ..Default::default()
        };
        newer.ended_families.insert("b".into(), 200);
        newer.ended_families.insert("a".into(), 50);

        let mut one = older.clone();
        one.merge(&newer);
        let mut two = newer.clone();
        two.merge(&older);
        assert_eq!(one, two);
        assert_eq!(one.before_ms, 9);
        assert_eq!(one.ended_families.get("a"), Some(&100));
        assert_eq!(one.ended_families.get("b"), Some(&200));
    }

    #[test]
    fn tokens_are_issued_no_earlier_than_the_cut_off() {
        let r = Revocations {
            before_ms: 2_000,
            ..Default::default()
        };
        assert_eq!(r.issue_time_ms(1_990), 2_000);
        assert_eq!(r.issue_time_ms(3_000), 3_000);
        assert!(!r.refuses(&grant("", r.issue_time_ms(1_990)), 0));
    }
}
