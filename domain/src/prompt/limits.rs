//! Size and work limits that keep one prompt from exhausting the server or the browser.

/// Largest template source in bytes; a text template has one source, a chat template one per message.
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// Most messages a chat template may hold.
pub const MAX_CHAT_MESSAGES: usize = 100;

/// Most variables a version may declare.
pub const MAX_VARIABLES: usize = 100;

/// Largest rendered output in bytes, all messages together; rendering stops as soon as it is exceeded.
pub const MAX_OUTPUT_BYTES: usize = 1024 * 1024;

/// Work budget of one render, in minijinja fuel: one unit per instruction plus one per 64 bytes
/// of data the template creates, checked before a known-size allocation, so string blow-ups are
/// charged too. All messages of a chat template share it.
///
/// Measured through `render` on the 2-core development machine (release build, minijinja 3.1):
/// a loop over 5,000 objects printing three fields each (150 KB of output) uses 143,900 fuel in
/// 9 ms, so several thousand items fit with room to spare; the runaway `range(100000)` nested in
/// `range(100000)` loop is stopped after 18 ms (120 ms unoptimized); doubling a string in a loop
/// after 22 ms; repeating `'x' * 10**7` in a loop after 53 ms.
pub const RENDER_FUEL: u64 = 500_000;

/// Longest commit message of a version, in characters.
pub const MAX_COMMIT_MESSAGE_CHARS: usize = 2000;

/// Deepest macro recursion a template may use; well below minijinja's own limit so that a
/// recursive macro fails cleanly even on a small thread stack in an unoptimized build.
pub const MAX_RECURSION_DEPTH: usize = 100;
