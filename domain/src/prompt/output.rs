//! A byte budget for rendered output, enforced while rendering rather than afterwards.

use std::io;

/// Collects one source's output and fails the write that would overrun the shared budget, so a
/// template producing gigabytes stops at the limit instead of allocating all of it first.
pub(crate) struct CappedWriter<'budget> {
    remaining: &'budget mut usize,
    written: Vec<u8>,
    exceeded: bool,
}

impl<'budget> CappedWriter<'budget> {
    pub(crate) fn new(remaining: &'budget mut usize) -> Self {
        Self {
            remaining,
            written: Vec::new(),
            exceeded: false,
        }
    }

    /// Whether a write was refused because it would have overrun the budget.
    pub(crate) fn exceeded(&self) -> bool {
        self.exceeded
    }

    /// The collected output. The engine only ever writes whole `str` pieces, so this is UTF-8;
    /// should that ever change, invalid bytes are replaced rather than trusted.
    pub(crate) fn into_string(self) -> String {
        match String::from_utf8(self.written) {
            Ok(text) => text,
            Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
        }
    }
}

impl io::Write for CappedWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.len() > *self.remaining {
            self.exceeded = true;
            return Err(io::Error::other("rendered output exceeds its budget"));
        }
        *self.remaining -= buf.len();
        self.written.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn writes_within_the_budget_are_collected_and_charged() {
        let mut remaining = 10;
        let mut writer = CappedWriter::new(&mut remaining);
        writer.write_all(b"hello").unwrap();
        assert!(!writer.exceeded());
        assert_eq!(writer.into_string(), "hello");
        assert_eq!(remaining, 5);
    }

    #[test]
    fn the_write_that_would_overrun_the_budget_fails() {
        let mut remaining = 4;
        let mut writer = CappedWriter::new(&mut remaining);
        assert!(writer.write_all(b"hello").is_err());
        assert!(writer.exceeded());
        assert_eq!(writer.into_string(), "");
    }
}
