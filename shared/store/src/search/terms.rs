//! What the index holds for a message: the words of its text, the words of its files' names,
//! and pseudo-terms for the filters (`!from:<uid>`, `!has:file`, ...). Words never start with
//! `!` (`search::Analyzer`), so the two cannot meet. The query side drives and checks with the
//! same names, so they are defined here once.

use std::collections::BTreeSet;

use ::search::Analyzer;
use domain::UserId;
use domain::message::Message;

/// Every indexed message: the driver of a query with no word and no indexed filter.
pub const ALL: &str = "!all";
pub const HAS_FILE: &str = "!has:file";
pub const HAS_LINK: &str = "!has:link";
pub const HAS_PIN: &str = "!has:pin";
/// A thread's root (once it has replies) or one of its replies.
pub const IN_THREAD: &str = "!is:thread";

pub fn from(author: UserId) -> String {
    format!("!from:{author}")
}

pub fn mention(user: UserId) -> String {
    format!("!mention:{user}")
}

/// A word of a file's name, apart from the words of the text: files are searched by name.
pub fn file_word(word: &str) -> String {
    format!("!file:{word}")
}

/// The terms of a message as it stands; none for a deleted message or a system note, which
/// search never shows.
pub fn of_message(analyzer: &Analyzer, message: &Message) -> BTreeSet<String> {
    if message.deleted || message.system.is_some() {
        return BTreeSet::new();
    }
    let mut terms = analyzer.terms(&message.body);
    terms.insert(ALL.to_string());
    terms.insert(from(message.author_id));
    for user in &message.mention_ids {
        terms.insert(mention(*user));
    }
    if !message.attachments.is_empty() {
        terms.insert(HAS_FILE.to_string());
        for file in &message.attachments {
            terms.extend(
                analyzer
                    .file_name_terms(&file.name)
                    .iter()
                    .map(|w| file_word(w)),
            );
        }
    }
    if ::search::has_link(&message.body) {
        terms.insert(HAS_LINK.to_string());
    }
    if message.pinned_at.is_some() {
        terms.insert(HAS_PIN.to_string());
    }
    if message.thread_root_id.is_some() || message.reply_count > 0 {
        terms.insert(IN_THREAD.to_string());
    }
    terms
}
