//! Tests of `user`.

use super::*;

#[test]
fn handles_are_derived_as_the_seed_describes() {
    assert_eq!(derived_handle("john@gmail.com"), "john_gm_1f9d9a9e");
    assert_eq!(derived_handle(" John@Gmail.com "), "john_gm_1f9d9a9e");
    assert!(
        crate::mentions::parse(&format!("@{}", derived_handle("a+b@x.io")))
            .handles
            .contains(&derived_handle("a+b@x.io"))
    );
}

#[test]
fn picked_handles_are_checked() {
    assert_eq!(Handle::parse("@Ann.Lee").unwrap().as_str(), "ann.lee");
    for bad in ["a", "-ann", "ann lee", "all", "here", &"a".repeat(49)] {
        assert!(Handle::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn handles_that_are_invisible_or_turn_text_around_are_refused() {
    for bad in [
        "\u{200B}\u{200B}",
        "al\u{200B}ice",
        "\u{FEFF}alice",
        "alice\u{202E}",
        "\u{2066}bob\u{2069}",
        "\u{200F}bob",
        "\u{0301}\u{0301}",
        "__",
    ] {
        assert!(Handle::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn look_alike_handles_share_a_skeleton() {
    for alike in [
        "alice",
        "a1ice",
        "ALICE",
        "Al.ice",
        "a_l-i.c_e",
        "аlice",
        "alіce",
        "a|ice",
    ] {
        assert_eq!(handle_skeleton(alike), "alice", "{alike:?}");
    }
    assert_eq!(handle_skeleton("bob0"), handle_skeleton("bobo"));
    assert_eq!(handle_skeleton("rnary"), handle_skeleton("mary"));
    assert_eq!(handle_skeleton("vvill"), handle_skeleton("will"));
    assert_eq!(handle_skeleton("ѕерх"), handle_skeleton("sepx"));
    assert_eq!(handle_skeleton("јοу"), handle_skeleton("joy"));
    // Different people stay different.
    assert_ne!(handle_skeleton("alice"), handle_skeleton("alicia"));
    assert_ne!(handle_skeleton("bob"), handle_skeleton("rob"));
    assert_ne!(
        handle_skeleton(&derived_handle("ann@example.com")),
        handle_skeleton(&derived_handle("ann@example.org"))
    );
}

#[test]
fn email_is_normalised() {
    assert_eq!(
        Email::parse("  Alice@Example.COM ").unwrap().as_str(),
        "alice@example.com"
    );
}

#[test]
fn bad_emails_are_refused() {
    for bad in [
        "",
        "alice",
        "@example.com",
        "alice@",
        "a b@example.com",
        "a@b@c",
        "a@.com",
        "a@x..y",
    ] {
        assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
    }
    let long = format!("{}@example.com", "a".repeat(250));
    assert!(Email::parse(&long).is_err());
}

#[test]
fn display_names_are_trimmed_and_bounded() {
    assert_eq!(DisplayName::parse("  Bob  ").unwrap().into_string(), "Bob");
    assert!(DisplayName::parse("   ").is_err());
    assert!(DisplayName::parse(&"é".repeat(81)).is_err());
    assert!(DisplayName::parse(&"é".repeat(80)).is_ok());
    assert!(DisplayName::parse("bad\u{7}name").is_err());
}

#[test]
fn display_names_need_something_visible_and_no_direction_controls() {
    for bad in [
        "\u{200B}",
        "\u{200B}\u{200C}\u{200D}",
        " \u{2060} \u{FEFF} ",
        "\u{0301}",
        "\u{3164}",
        "\u{2800}\u{2800}",
        "Bob\u{202E}nimda",
        "\u{2066}Ann\u{2069}",
        "Ann\u{200E}",
        "Ann\u{200F}",
        "Ann\u{061C}",
    ] {
        let refused = DisplayName::parse(bad).unwrap_err();
        assert_eq!(refused.field, "displayName", "{bad:?}");
    }
    for good in ["Zoë", "e\u{0301}mile", "李小龍", "محمد", "🙂", "Ann 👍🏽"] {
        assert!(DisplayName::parse(good).is_ok(), "{good:?}");
    }
}

#[test]
fn an_invisible_provider_name_falls_back_to_a_visible_one() {
    let email = Email::parse("carol@example.com").unwrap();
    for unusable in [
        None,
        Some(""),
        Some("\u{200B}\u{200D}"),
        Some("Eve\u{202E}"),
    ] {
        let name = DisplayName::from_provider(unusable, &email).into_string();
        assert_eq!(name, "carol", "{unusable:?}");
    }
    let name = DisplayName::from_provider(Some(" Carol Ng "), &email).into_string();
    assert_eq!(name, "Carol Ng");
    let blank = Email::parse("\u{200B}@example.com").unwrap();
    assert_eq!(DisplayName::from_email(&blank).into_string(), "user");
}

#[test]
fn display_name_falls_back_to_the_email_local_part() {
    let email = Email::parse("carol@example.com").unwrap();
    assert_eq!(DisplayName::from_email(&email).into_string(), "carol");
}
