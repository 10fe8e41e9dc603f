//! How numbers and labels are written on charts: short, without float noise such as
//! `0.30000000000000004`, and cut to the room there is.

/// A number for a tick or a value label: at most about four significant figures, trailing zeros
/// dropped, thousands shortened to k/M/B.
pub(crate) fn number(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let magnitude = value.abs();
    if magnitude < 1e-9 {
        return "0".to_string();
    }
    let (scaled, suffix) = match magnitude {
        m if m >= 1e12 => (value / 1e12, "T"),
        m if m >= 1e9 => (value / 1e9, "B"),
        m if m >= 1e6 => (value / 1e6, "M"),
        m if m >= 1e4 => (value / 1e3, "k"),
        _ => (value, ""),
    };
    let decimals = match scaled.abs() {
        m if m >= 100.0 => 0,
        m if m >= 10.0 => 1,
        m if m >= 1.0 => 2,
        m if m >= 0.001 => 3,
        _ => return format!("{value:.1e}"),
    };
    let text = trim_zeros(format!("{scaled:.decimals$}"));
    let text = if text == "-0" { "0".to_string() } else { text };
    format!("{text}{suffix}")
}

/// A count: exact up to 99 999, shortened like `number` above that so it keeps to a label's room.
pub(crate) fn count(value: u64) -> String {
    if value < 100_000 {
        value.to_string()
    } else {
        number(value as f64)
    }
}

/// A percentage with at most one decimal: `84%`, `33.3%`.
pub(crate) fn percent(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let text = trim_zeros(format!("{value:.1}"));
    let text = if text == "-0" { "0".to_string() } else { text };
    format!("{text}%")
}

fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Caller-supplied text made fit for one line of a chart: control characters (invalid in XML,
/// and plotters passes them through) dropped, line breaks turned into spaces, and cut to
/// `max_chars` characters with an ellipsis marking the cut.
pub(crate) fn truncate(text: &str, max_chars: usize) -> String {
    let clean: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let clean = clean.trim();
    if clean.chars().count() <= max_chars {
        return clean.to_string();
    }
    let mut cut: String = clean.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// How many characters of 12px text fit in `px` pixels.
pub(crate) fn chars_in(px: f64) -> usize {
    if px.is_finite() && px > 0.0 {
        (px / super::style::CHAR_PX).floor() as usize
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_free_of_float_noise() {
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(1.0), "1");
        assert_eq!(number(0.125), "0.125");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(12.34), "12.3");
        assert_eq!(number(1234.0), "1234");
        assert_eq!(number(12_500.0), "12.5k");
        assert_eq!(number(3_000_000.0), "3M");
        assert_eq!(number(-0.75), "-0.75");
        assert_eq!(number(f64::NAN), "–");
        assert_eq!(number(0.00002), "2.0e-5");
    }

    #[test]
    fn counts_are_exact_until_they_get_long() {
        assert_eq!(count(99_999), "99999");
        assert_eq!(count(123_456), "123k");
        assert_eq!(count(u64::MAX), "18446744T");
    }

    #[test]
    fn percentages_keep_one_decimal_at_most() {
        assert_eq!(percent(84.0), "84%");
        assert_eq!(percent(100.0 / 3.0), "33.3%");
        assert_eq!(percent(0.0), "0%");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("control", 10), "control");
        assert_eq!(truncate("a-very-long-variant-name", 8), "a-very-…");
        assert_eq!(truncate("abc", 0), "…");
        assert_eq!(truncate("two\nlines\u{7}", 20), "two lines");
    }
}
