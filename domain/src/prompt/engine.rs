//! The sandboxed minijinja environment that every prompt source is compiled and rendered in.
//!
//! Validation and rendering share this one configuration so that a version which validates
//! is compiled exactly the way it will later be rendered.

use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

use crate::prompt::limits::{MAX_RECURSION_DEPTH, RENDER_FUEL};

/// Names the engine binds by itself inside loops and macros; reading them needs no declaration.
const ENGINE_BOUND_NAMES: [&str; 6] = ["loop", "self", "super", "caller", "varargs", "kwargs"];

/// A fresh environment with no loader, so `include`, `import` and `extends` can reach no file
/// and no other template: the only templates it knows are the ones compiled from strings.
pub(crate) fn sandboxed_environment<'source>() -> Environment<'source> {
    let mut env = Environment::new();
    // Printing or looping over an undefined value is an error (a misspelt or missing variable must
    // not silently vanish from a prompt), while `is defined`, `default` and `{% if x %}` still work,
    // which is how templates handle optional variables.
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_fuel(Some(RENDER_FUEL));
    // Prompts are plain text for a model, not HTML: escaping would corrupt them.
    env.set_auto_escape_callback(|_| AutoEscape::None);
    // What the author typed is what the model gets, including a final newline.
    let syntax = SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
        .expect("the default delimiters are a valid syntax");
    env.set_syntax(syntax);
    env.set_recursion_limit(MAX_RECURSION_DEPTH);
    env
}

/// Whether `name` is provided by the engine itself (a global function or a loop/macro binding),
/// so that a template reading it does not need a variable declaration.
pub(crate) fn is_provided_by_engine(env: &Environment<'_>, name: &str) -> bool {
    ENGINE_BOUND_NAMES.contains(&name) || env.globals().any(|(global, _)| global == name)
}

/// A one-line description of a template error, e.g. "syntax error on line 2: unexpected end of input".
pub(crate) fn describe(error: &minijinja::Error) -> String {
    let kind = error.kind();
    match (error.line(), error.detail()) {
        (Some(line), Some(detail)) => format!("{kind} on line {line}: {detail}"),
        (Some(line), None) => format!("{kind} on line {line}"),
        (None, Some(detail)) => format!("{kind}: {detail}"),
        (None, None) => kind.to_string(),
    }
}

/// Converts a JSON value into a template value without going through serde, keeping integers
/// as integers so that `{{ n }}` prints `3`, not `3.0`.
pub(crate) fn to_template_value(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::from(()),
        serde_json::Value::Bool(flag) => Value::from(*flag),
        serde_json::Value::Number(number) => {
            if let Some(integer) = number.as_i64() {
                Value::from(integer)
            } else if let Some(unsigned) = number.as_u64() {
                Value::from(unsigned)
            } else {
                Value::from(number.as_f64().unwrap_or(f64::NAN))
            }
        }
        serde_json::Value::String(text) => Value::from(text.as_str()),
        serde_json::Value::Array(items) => {
            Value::from(items.iter().map(to_template_value).collect::<Vec<_>>())
        }
        serde_json::Value::Object(entries) => Value::from_pairs(
            entries
                .iter()
                .map(|(key, item)| (key.as_str(), to_template_value(item))),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::variables::RESERVED_VARIABLE_NAMES;
    use serde_json::json;

    #[test]
    fn every_engine_provided_name_is_reserved_for_declarations() {
        let env = sandboxed_environment();
        let provided = ENGINE_BOUND_NAMES
            .iter()
            .copied()
            .chain(env.globals().map(|(name, _)| name));
        for name in provided {
            assert!(RESERVED_VARIABLE_NAMES.contains(&name), "{name}");
        }
    }

    #[test]
    fn json_values_keep_their_shape_in_templates() {
        let env = sandboxed_environment();
        let value = to_template_value(&json!({
            "n": 3, "big": u64::MAX, "x": 1.5, "ok": true, "none": null,
            "items": ["a", "b"], "nested": {"k": "v"}
        }));
        let rendered = env
            .render_str(
                "{{ v.n }} {{ v.big }} {{ v.x }} {{ v.ok }} {{ v.none }} {{ v.items | join(',') }} {{ v.nested.k }}",
                minijinja::context! { v => value },
            )
            .unwrap();
        // minijinja 3 prints booleans and none the way Python Jinja does.
        assert_eq!(rendered, "3 18446744073709551615 1.5 True None a,b v");
    }

    #[test]
    fn html_is_not_escaped() {
        let env = sandboxed_environment();
        let rendered = env
            .render_str("{{ s }}", minijinja::context! { s => "<b>&</b>" })
            .unwrap();
        assert_eq!(rendered, "<b>&</b>");
    }

    #[test]
    fn a_syntax_error_is_described_with_its_line() {
        let env = sandboxed_environment();
        let error = env.template_from_str("ok\n{% if %}").unwrap_err();
        let description = describe(&error);
        assert!(
            description.starts_with("syntax error on line 2: "),
            "{description}"
        );
    }
}
