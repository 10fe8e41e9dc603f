//! Text inputs that hold a JSON object: sample metadata, call parameters, extra model settings.
//! They are checked in the browser because the server functions take a map: other JSON could not
//! even be sent. Each form words its own message for the field.

use serde_json::{Map, Value};

/// Why the text of such an input is not a JSON object.
#[derive(Debug, Clone, PartialEq)]
pub enum NotAnObject {
    /// Not JSON at all; serde's message, which says where.
    Syntax(String),
    /// JSON of another shape: an array, a string, a number…
    OtherValue,
}

/// The object in `text`; blank text is an empty object. The text is parsed as typed, so the
/// line and column of a syntax error are those the user sees.
pub fn parse_json_object(text: &str) -> Result<Map<String, Value>, NotAnObject> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(NotAnObject::OtherValue),
        Err(error) => Err(NotAnObject::Syntax(error.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn blank_text_is_an_empty_object() {
        assert_eq!(parse_json_object(""), Ok(Map::new()));
        assert_eq!(parse_json_object("  \n\t"), Ok(Map::new()));
    }

    #[test]
    fn an_object_is_read_whole() {
        let map = parse_json_object(" {\"temperature\": 0, \"stop\": [\"\\n\"]}\n").unwrap();
        assert_eq!(
            Value::Object(map),
            json!({"temperature": 0, "stop": ["\n"]})
        );
    }

    #[test]
    fn other_json_is_not_an_object() {
        for text in ["[1, 2]", "\"text\"", "42", "true", "null"] {
            assert_eq!(
                parse_json_object(text),
                Err(NotAnObject::OtherValue),
                "{text}"
            );
        }
    }

    #[test]
    fn a_syntax_error_says_where_in_the_text_as_typed() {
        let Err(NotAnObject::Syntax(message)) = parse_json_object("\n{\"a\": }") else {
            panic!("expected a syntax error");
        };
        assert!(message.contains("line 2 column 7"), "{message}");
    }
}
