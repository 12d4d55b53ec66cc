//! Bakes the stop-word lists of the search languages (NLTK's, from the `stop-words` crate) into
//! one newline-separated string each. Linked directly, the crate keeps every list it has as
//! arrays of string slices, a pointer and a relocation a word: about half a megabyte of each
//! binary, where these strings take a few dozen kilobytes.

use std::fmt::Write;
use std::path::PathBuf;

/// The ISO 639-1 codes of the languages `language::iso_code` names.
const CODES: [&str; 18] = [
    "ar", "da", "nl", "en", "fi", "fr", "de", "el", "hu", "it", "no", "pt", "ro", "ru", "es", "sv",
    "ta", "tr",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let mut out = String::from(
        "/// The stop words of a language by its ISO 639-1 code, one a line; empty for others.\n\
         pub(crate) fn stop_list(code: &str) -> &'static str {\n    match code {\n",
    );
    for code in CODES {
        let words = stop_words::lookup(code).ok_or(format!("stop-words has no list for {code}"))?;
        writeln!(out, "        {code:?} => {:?},", words.join("\n"))?;
    }
    out.push_str("        _ => \"\",\n    }\n}\n");
    let path = PathBuf::from(std::env::var("OUT_DIR")?).join("stop_lists.rs");
    std::fs::write(path, out)?;
    Ok(())
}
