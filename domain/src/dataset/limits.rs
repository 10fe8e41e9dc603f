//! Size limits that keep one dataset, sample or import from exhausting the server or the browser.

/// Largest `input`, `expected_output` or `context` of one sample, in bytes, each on its own.
pub const MAX_TEXT_FIELD_BYTES: usize = 64 * 1024;

/// Largest `metadata` of one sample, in bytes of compact JSON.
pub const MAX_METADATA_BYTES: usize = 16 * 1024;

/// Most line errors one rejected import reports; the first ones are enough to fix a file, and a
/// file broken on every line would otherwise produce an answer as big as itself.
pub const MAX_REPORTED_LINE_ERRORS: usize = 100;

/// Longest description of a dataset, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;

/// Most samples one JSON "add samples" body may hold; bigger sets go through an import.
pub const MAX_SAMPLES_PER_REQUEST: usize = 10_000;
