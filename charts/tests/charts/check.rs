//! Reads a chart back as XML and checks what every chart promises.

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

/// What a chart says: its accessible title, the content of each `<text>`, and its height.
#[derive(Debug)]
pub struct Doc {
    pub title: String,
    pub texts: Vec<String>,
    pub height: f64,
}

impl Doc {
    /// Whether some `<text>` holds exactly `text`.
    pub fn has_text(&self, text: &str) -> bool {
        self.texts.iter().any(|t| t == text)
    }
}

/// Parses `svg`, panicking unless it is one well-formed `<svg>` element that scales (a
/// `viewBox`, `width="100%"`, no fixed height), has a `<title>`, writes font sizes as whole
/// pixels and keeps every unrotated `<text>` anchor inside the view box.
pub fn parse(svg: &str) -> Doc {
    assert!(
        svg.starts_with("<svg "),
        "starts with <svg: {}",
        &svg[..svg.len().min(80)]
    );
    assert!(svg.ends_with("</svg>"), "ends with </svg>");
    let mut reader = Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut view = (0.0, 0.0);
    let mut title = None;
    let mut texts = Vec::new();
    let mut current: Option<String> = None;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("malformed SVG at {}: {e}\n{svg}", reader.buffer_position()))
        {
            Event::Start(element) => {
                let name = String::from_utf8(element.name().as_ref().to_vec()).unwrap();
                if stack.is_empty() {
                    roots += 1;
                    assert_eq!(name, "svg");
                    view = check_root(&element);
                }
                if name == "text" {
                    check_text(&element, view);
                }
                if name == "text" || name == "title" {
                    current = Some(String::new());
                }
                stack.push(name);
            }
            Event::Empty(element) => {
                assert!(!stack.is_empty(), "the root element is not empty");
                assert_ne!(element.name().as_ref(), b"text");
            }
            Event::Text(text) => {
                if let Some(current) = current.as_mut() {
                    current.push_str(&text.decode().unwrap());
                } else {
                    assert!(
                        text.decode().unwrap().trim().is_empty(),
                        "stray text {text:?}"
                    );
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => {
                        let name = reference.decode().unwrap();
                        resolve_predefined_entity(&name)
                            .unwrap_or_else(|| panic!("unknown entity &{name};"))
                            .to_string()
                    }
                };
                current
                    .as_mut()
                    .expect("entities only inside text")
                    .push_str(&resolved);
            }
            Event::End(end) => {
                let name = stack.pop().expect("balanced tags");
                assert_eq!(end.name().as_ref(), name.as_bytes());
                if let Some(content) = current.take() {
                    if name == "title" {
                        assert!(title.is_none(), "one <title>");
                        title = Some(content);
                    } else {
                        texts.push(content);
                    }
                }
            }
            Event::Eof => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(roots, 1, "one root element");
    Doc {
        title: title.expect("a <title>"),
        texts,
        height: view.1,
    }
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .try_get_attribute(name)
        .unwrap()
        .map(|a| a.unescape_value().unwrap().into_owned())
}

fn check_root(root: &BytesStart<'_>) -> (f64, f64) {
    let view_box = attribute(root, "viewBox").expect("a viewBox");
    let numbers: Vec<f64> = view_box.split(' ').map(|n| n.parse().unwrap()).collect();
    assert_eq!(numbers.len(), 4);
    assert_eq!((numbers[0], numbers[1]), (0.0, 0.0));
    assert!(numbers[2] > 0.0 && numbers[3] > 0.0);
    assert_eq!(attribute(root, "width").as_deref(), Some("100%"));
    assert_eq!(
        attribute(root, "height"),
        None,
        "height follows from the viewBox"
    );
    assert_eq!(
        attribute(root, "xmlns").as_deref(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(attribute(root, "role").as_deref(), Some("img"));
    assert!(
        attribute(root, "font-family")
            .unwrap()
            .starts_with("system-ui")
    );
    (numbers[2], numbers[3])
}

fn check_text(text: &BytesStart<'_>, (width, height): (f64, f64)) {
    let size = attribute(text, "font-size").expect("a font size");
    assert!(
        size.parse::<u32>().is_ok(),
        "font-size {size} is whole pixels"
    );
    if attribute(text, "transform").is_none() {
        let x: f64 = attribute(text, "x").unwrap().parse().unwrap();
        let y: f64 = attribute(text, "y").unwrap().parse().unwrap();
        assert!(
            (0.0..=width).contains(&x) && (0.0..=height).contains(&y),
            "text at ({x}, {y}) outside {width}x{height}"
        );
    }
}

/// Parses `svg` and checks that each of `words` is the content of some `<text>`.
pub fn chart(svg: &str, words: &[&str]) -> Doc {
    let doc = parse(svg);
    for word in words {
        assert!(doc.has_text(word), "no <text> {word:?} in {:?}", doc.texts);
    }
    doc
}

/// Calls `draw` twice and checks both documents are byte for byte the same and well-formed.
pub fn deterministic(draw: impl Fn() -> String) {
    let (first, second) = (draw(), draw());
    parse(&first);
    assert_eq!(first, second);
}
