//! What an input path names, below every reader: a file that can be read
//! again, or bytes that come once.

/// Whether `path` can be read more than once: a regular file can; standard
/// input (`-`) and a pipe (as `<(...)` gives) give their bytes only once, so a
/// reader that would read them twice must keep what it read the first time.
pub fn readable_twice(path: &str) -> bool {
    path != "-" && std::fs::metadata(path).is_ok_and(|m| m.is_file())
}
