//! What `serve` keeps from one rebuild to the next: the results of steps that
//! are pure functions of one text (the personal-data scan of a file, the terms
//! of a background document), by their whole input. After one edit almost every
//! input is the same as last time, so the step is skipped for it.
//!
//! A memo is off until `keep_between_builds` (a one-shot `build` would only
//! pay for the copies) and keeps two generations: what this build used, and
//! what the last one did. `next_build` (at the start of every build) lets go of
//! what neither used. Keys are the inputs themselves, not hashes of them, so a
//! hit is never a different text.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

static ON: AtomicBool = AtomicBool::new(false);
/// The build running now, counted by `next_build`.
static BUILD: AtomicU64 = AtomicU64::new(0);

/// Turns every memo on for the rest of the process (`serve`).
pub fn keep_between_builds() {
    ON.store(true, Ordering::Relaxed);
}

/// Whether memos keep anything (a step may take another path when they do not).
pub fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

pub struct Memo<V> {
    generations: Mutex<Generations<V>>,
    /// Keeps whether or not memos are on (its own test, which must not turn
    /// them on for every other test of the process).
    always_on: bool,
}

struct Generations<V> {
    /// The build `this` belongs to.
    build: u64,
    this: Option<HashMap<String, V>>,
    last: Option<HashMap<String, V>>,
}

/// Starts a build: every memo's last generation is dropped when it is next used.
pub fn next_build() {
    BUILD.fetch_add(1, Ordering::Relaxed);
}

impl<V: Clone> Memo<V> {
    pub const fn new() -> Memo<V> {
        Memo {
            generations: Mutex::new(Generations {
                build: 0,
                this: None,
                last: None,
            }),
            always_on: false,
        }
    }

    #[cfg(test)]
    fn always_on() -> Memo<V> {
        Memo {
            always_on: true,
            ..Memo::new()
        }
    }

    /// `f()`, or what it returned for the same key in this build or the last;
    /// `key` makes the key (only when memos are on).
    pub fn get_or(&self, key: impl FnOnce() -> String, f: impl FnOnce() -> V) -> V {
        if !self.always_on && !on() {
            return f();
        }
        let key = key();
        {
            let mut g = self.lock();
            if let Some(v) = g.this.as_ref().and_then(|m| m.get(&key)) {
                return v.clone();
            }
            if let Some(v) = g.last.as_mut().and_then(|m| m.remove(&key)) {
                g.this.get_or_insert_default().insert(key, v.clone());
                return v;
            }
        }
        // Computed outside the lock: the steps run on every core.
        let v = f();
        self.lock()
            .this
            .get_or_insert_default()
            .insert(key, v.clone());
        v
    }

    /// Drops everything kept (what it was computed from has changed).
    pub fn clear(&self) {
        let mut g = self.lock();
        g.this = None;
        g.last = None;
    }

    /// The generations, turned to the build running now.
    fn lock(&self) -> std::sync::MutexGuard<'_, Generations<V>> {
        let mut g = self.generations.lock().unwrap_or_else(|e| e.into_inner());
        let now = BUILD.load(Ordering::Relaxed);
        if g.build != now {
            g.last = if g.build + 1 == now {
                g.this.take()
            } else {
                None
            };
            g.this = None;
            g.build = now;
        }
        g
    }
}

impl<V: Clone> Default for Memo<V> {
    fn default() -> Memo<V> {
        Memo::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_keeps_what_the_last_build_used_and_drops_the_rest() {
        let memo: Memo<usize> = Memo::always_on();
        let calls = std::cell::Cell::new(0);
        let len = |s: &str| {
            calls.set(calls.get() + 1);
            s.len()
        };
        assert_eq!(memo.get_or(|| "ab".into(), || len("ab")), 2);
        assert_eq!(memo.get_or(|| "abc".into(), || len("abc")), 3);
        assert_eq!(memo.get_or(|| "ab".into(), || len("ab")), 2);
        assert_eq!(calls.get(), 2, "a repeat in one build is not recomputed");
        next_build();
        assert_eq!(memo.get_or(|| "ab".into(), || len("ab")), 2);
        assert_eq!(calls.get(), 2, "the last build's result is kept");
        next_build();
        next_build();
        assert_eq!(memo.get_or(|| "abc".into(), || len("abc")), 3);
        assert_eq!(calls.get(), 3, "what two builds did not use is dropped");
    }
}
