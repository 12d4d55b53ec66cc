//! Refresh-token rotation: every refresh replaces the token, and a replaced token presented
//! again is either the same device racing itself or a copy held by someone else.

use domain::Timestamp;
use domain::limits::REFRESH_REUSE_GRACE_SECONDS;

/// What a replaced refresh token presented again means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replay {
    /// Within the grace: the same device refreshing twice at once (two tabs), or retrying after
    /// an answer that never reached it. It goes on, with a token of its own in the family.
    SameDevice,
    /// Later: a copy. The whole family ends, for the thief and the owner alike.
    Copy,
}

/// How to read a token that was replaced at `replaced_at`, presented at `now`.
pub fn replay(replaced_at: Timestamp, now: Timestamp) -> Replay {
    let age = now.unix_seconds() - replaced_at.unix_seconds();
    if age <= REFRESH_REUSE_GRACE_SECONDS {
        Replay::SameDevice
    } else {
        Replay::Copy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replay_within_the_grace_is_the_same_device_and_later_a_copy() {
        let replaced = Timestamp::now();
        let at = |seconds: i64| replaced.plus_seconds(seconds);
        assert_eq!(replay(replaced, replaced), Replay::SameDevice);
        assert_eq!(
            replay(replaced, at(REFRESH_REUSE_GRACE_SECONDS)),
            Replay::SameDevice
        );
        assert_eq!(
            replay(replaced, at(REFRESH_REUSE_GRACE_SECONDS + 1)),
            Replay::Copy
        );
    }
}
