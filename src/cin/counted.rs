//! A buffered reader that knows the line and column of any byte it has handed
//! on, so a malformed census is reported at `file:line:col`, and each element
//! at the line it starts on. It keeps the places of the newlines only since
//! the last [`Counted::mark`], so memory stays bounded by one element.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

pub(super) struct Counted<R> {
    inner: R,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    /// Bytes handed on so far.
    pos: u64,
    /// Newlines before the mark.
    lines_before: u64,
    /// The offset of the last newline before the mark.
    last_newline_before: Option<u64>,
    /// Offsets of the newlines handed on since the mark.
    newlines: VecDeque<u64>,
}

impl<R: Read> Counted<R> {
    pub(super) fn new(inner: R) -> Counted<R> {
        Counted {
            inner,
            buf: vec![0; 64 * 1024].into_boxed_slice(),
            start: 0,
            end: 0,
            pos: 0,
            lines_before: 0,
            last_newline_before: None,
            newlines: VecDeque::new(),
        }
    }
}

impl<R> Counted<R> {
    /// Forgets the newlines before `offset`, counting them: places asked for
    /// later are at or after it.
    pub(super) fn mark(&mut self, offset: u64) {
        while let Some(&n) = self.newlines.front() {
            if n >= offset {
                break;
            }
            self.newlines.pop_front();
            self.lines_before += 1;
            self.last_newline_before = Some(n);
        }
    }

    /// The 1-based line and column (in bytes) of `offset`, at or after the mark.
    pub(super) fn place(&self, offset: u64) -> (u64, usize) {
        let mut line = self.lines_before + 1;
        let mut last = self.last_newline_before;
        for &n in &self.newlines {
            if n >= offset {
                break;
            }
            line += 1;
            last = Some(n);
        }
        let column = match last {
            Some(n) => offset - n,
            None => offset + 1,
        };
        (line, column as usize)
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            out[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end {
            self.start = 0;
            self.end = loop {
                match self.inner.read(&mut self.buf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, amount: usize) {
        let amount = amount.min(self.end - self.start);
        let taken = &self.buf[self.start..self.start + amount];
        for i in memchr::memchr_iter(b'\n', taken) {
            self.newlines.push_back(self.pos + i as u64);
        }
        self.pos += amount as u64;
        self.start += amount;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_of_bytes() {
        let mut c = Counted::new(&b"ab\ncd\n\nef"[..]);
        let mut all = Vec::new();
        c.read_to_end(&mut all).unwrap();
        assert_eq!(c.place(0), (1, 1));
        assert_eq!(c.place(4), (2, 2));
        assert_eq!(c.place(6), (3, 1));
        c.mark(7);
        assert_eq!(c.place(8), (4, 2));
        assert_eq!(c.place(7), (4, 1));
    }
}
