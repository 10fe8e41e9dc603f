//! Turns plotters' SVG into one that fits a web page.
//!
//! plotters opens the document with a fixed `width`/`height`, which would pin the chart to one
//! size. The opening tag is rewritten to keep only the `viewBox` and take the container's width,
//! and an accessible `<title>` is added, since the drawing itself says nothing to a screen reader.

use crate::style::FONT_FAMILY;

/// The finished document: plotters' drawing under a scalable, titled `<svg>` element.
pub(crate) fn finish(raw: &str, (width, height): (u32, u32), title: &str) -> String {
    // plotters writes exactly one opening `<svg ...>` tag first; everything after it is the body.
    let body = match raw.trim_start().strip_prefix("<svg") {
        Some(rest) => rest.split_once('>').map_or("", |(_, body)| body),
        None => return fallback((width, height), title),
    };
    let body = body.trim();
    let body = body.strip_suffix("</svg>").unwrap_or(body).trim();
    let mut svg = open(width, height, title);
    tidy(body, &mut svg);
    svg.push_str("</svg>");
    svg
}

/// Drops what the root element already says (the font stack, full opacity) from every element
/// and puts each `<text>` on one line: plotters writes the content on a line of its own, which
/// renders the same but doubles the size of a label-heavy chart.
fn tidy(body: &str, out: &mut String) {
    let family = format!(" font-family=\"{}\"", escape(FONT_FAMILY));
    let clean = |line: &str| line.replace(&family, "").replace(" opacity=\"1\"", "");
    let mut lines = body.lines();
    while let Some(line) = lines.next() {
        out.push_str(&clean(line));
        if line.starts_with("<text") && !line.ends_with("/>") {
            // Content and closing tag follow on their own lines; text content is escaped, so
            // neither can be mistaken for markup.
            let content = lines.next().unwrap_or_default();
            let close = lines.next().unwrap_or_default();
            if close == "</text>" {
                out.push_str(content);
                out.push_str(close);
            } else {
                out.push('\n');
                out.push_str(content);
                out.push('\n');
                out.push_str(close);
            }
        }
        out.push('\n');
    }
}

/// A blank chart holding only its title, for when drawing failed; a page shows an empty frame
/// rather than nothing.
pub(crate) fn fallback((width, height): (u32, u32), title: &str) -> String {
    let mut svg = open(width, height, title);
    svg.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#5c6370\">Chart unavailable</text>\n</svg>",
        width / 2,
        height / 2
    ));
    svg
}

fn open(width: u32, height: u32, title: &str) -> String {
    let title = escape(title);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" \
         preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{title}\" \
         font-family=\"{FONT_FAMILY}\">\n<title>{title}</title>\n"
    )
}

/// Text made safe for SVG content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than whitespace are not allowed in XML at all.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_fixed_size_with_view_box_and_adds_title() {
        let raw = "<svg width=\"10\" height=\"20\" viewBox=\"0 0 10 20\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n";
        let svg = finish(raw, (10, 20), "A & B");
        assert!(svg.starts_with("<svg xmlns="));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("viewBox=\"0 0 10 20\""));
        assert!(svg.contains("width=\"100%\""));
        assert!(!svg.contains("width=\"10\""));
        assert!(svg.contains("<title>A &amp; B</title>"));
        assert!(svg.contains("<rect/>"));
        assert!(svg.ends_with("<rect/>\n</svg>"));
        assert_eq!(svg.matches("<svg").count(), 1);
    }

    #[test]
    fn puts_text_on_one_line_and_drops_inherited_attributes() {
        let raw = format!(
            "<svg width=\"1\" height=\"1\">\n<text x=\"1\" font-family=\"{FONT_FAMILY}\" opacity=\"1\" fill=\"#000\">\nHello &amp; bye\n</text>\n<line opacity=\"0.5\"/>\n</svg>\n"
        );
        let svg = finish(&raw, (1, 1), "t");
        assert!(
            svg.contains("<text x=\"1\" fill=\"#000\">Hello &amp; bye</text>\n"),
            "{svg}"
        );
        assert!(svg.contains("<line opacity=\"0.5\"/>"));
        assert_eq!(svg.matches("font-family").count(), 1);
    }

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("<a href='x'>\u{1}"), "&lt;a href=&apos;x&apos;&gt;");
    }
}
