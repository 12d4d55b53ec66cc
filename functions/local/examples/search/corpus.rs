//! Chat-like text for the benchmark, the same on every run (a fixed seed): words drawn with a
//! Zipf-like law from a vocabulary of common English words and made-up rarer ones, about a
//! dozen words a message, some with a link.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Common words first: the law makes the first ones the most frequent.
const COMMON: &[&str] = &[
    "the",
    "to",
    "i",
    "a",
    "and",
    "is",
    "it",
    "you",
    "that",
    "for",
    "on",
    "we",
    "this",
    "in",
    "be",
    "can",
    "have",
    "with",
    "so",
    "but",
    "just",
    "not",
    "will",
    "do",
    "are",
    "what",
    "ok",
    "thanks",
    "yes",
    "think",
    "if",
    "at",
    "up",
    "get",
    "about",
    "deploy",
    "release",
    "meeting",
    "review",
    "team",
    "today",
    "tomorrow",
    "build",
    "test",
    "customer",
    "issue",
    "fix",
    "update",
    "branch",
    "merge",
    "design",
    "plan",
    "budget",
    "sprint",
    "demo",
    "server",
    "database",
    "latency",
    "report",
    "launch",
    "feedback",
    "roadmap",
    "ticket",
    "incident",
    "alert",
    "dashboard",
    "metrics",
    "invoice",
    "contract",
    "hiring",
    "interview",
    "offsite",
    "lunch",
    "friday",
    "monday",
    "morning",
    "afternoon",
    "weekend",
    "question",
    "answer",
    "draft",
];

pub struct Corpus {
    rng: StdRng,
    vocabulary: Vec<String>,
    /// Cumulative weights of the vocabulary, for drawing.
    cumulative: Vec<f64>,
}

impl Corpus {
    pub fn new(seed: u64, rare_words: usize) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let syllables = [
            "ka", "lo", "mi", "ren", "tos", "vu", "zel", "qua", "dri", "po", "sen", "ti",
        ];
        let mut vocabulary: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
        while vocabulary.len() < COMMON.len() + rare_words {
            let n = rng.random_range(2..=4);
            let word: String = (0..n)
                .map(|_| syllables[rng.random_range(0..syllables.len())])
                .collect();
            if !vocabulary.contains(&word) {
                vocabulary.push(word);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..vocabulary.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0);
                total
            })
            .collect();
        Self {
            rng,
            vocabulary,
            cumulative,
        }
    }

    pub fn word(&mut self) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = self.rng.random_range(0.0..total);
        let i = self.cumulative.partition_point(|c| *c < x);
        &self.vocabulary[i.min(self.vocabulary.len() - 1)]
    }

    /// A message of 3 to 24 words (about 12 on average); one in ten carries a link.
    pub fn message(&mut self) -> String {
        let n = self.rng.random_range(3..=21);
        let mut words: Vec<String> = (0..n).map(|_| self.word().to_string()).collect();
        if self.rng.random_range(0..10) == 0 {
            words.push(format!("https://example.com/{}", self.word()));
        }
        words.join(" ")
    }

    /// A word of the vocabulary's middle: neither a stop word nor a one-off.
    pub fn mid_word(&mut self) -> String {
        let low = COMMON.len();
        let high = (low + 400).min(self.vocabulary.len());
        self.vocabulary[self.rng.random_range(low..high)].clone()
    }

    pub fn pick(&mut self, n: usize) -> usize {
        self.rng.random_range(0..n)
    }
}
