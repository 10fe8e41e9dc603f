//! Whether a model's output is well-formed JSON.

/// 1.0 when `output` is one well-formed JSON value, else 0.0.
///
/// Definition: the output is trimmed of leading and trailing whitespace and must then parse as
/// exactly one JSON value of any kind (object, array, string, number, `true`, `false` or `null`)
/// with nothing after it. A bare `42` or `"hi"` therefore counts as valid; use a regex or an
/// exact-match metric as well if an object is required.
///
/// Why fences are accepted: models often wrap JSON in a Markdown code fence even when told not
/// to, and the JSON inside is what a caller would extract. So the trimmed output is also valid
/// when it is a single fenced block: a first line of three backticks, optionally followed by
/// the language tag `json` (any case), then the JSON, then a closing line of three backticks
/// that ends the output. Any other tag (```` ```python ````), text before or after the fence, or
/// a second block makes it invalid.
pub fn json_valid(output: &str) -> f64 {
    let trimmed = output.trim();
    let body = fenced_body(trimmed).unwrap_or(trimmed);
    if parses_as_json(body) { 1.0 } else { 0.0 }
}

const FENCE: &str = "```";

/// The text between the opening and closing fence when `text` is one fenced block whose tag
/// is empty or `json`; `None` when it is not such a block.
fn fenced_body(text: &str) -> Option<&str> {
    let after_open = text.strip_prefix(FENCE)?;
    let (tag, rest) = after_open.split_once('\n')?;
    let tag = tag.trim();
    if !(tag.is_empty() || tag.eq_ignore_ascii_case("json")) {
        return None;
    }
    let body = rest.trim_end().strip_suffix(FENCE)?;
    // The closing fence must sit on its own line; a body that is only the closing fence is empty.
    if !(body.is_empty() || body.ends_with('\n')) {
        return None;
    }
    Some(body)
}

fn parses_as_json(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok()
}

#[cfg(test)]
#[path = "json_valid_tests.rs"]
mod tests;
