//! Variable declarations of a prompt version: names, types, defaults, and the rules they obey.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::prompt::limits::MAX_VARIABLES;

/// Longest identifier after the first character; the whole name is at most 64 characters.
const MAX_IDENTIFIER_CHARS: usize = 64;
/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 500;

/// Names a declaration may not take: template keywords cannot be read as variables, and
/// engine-provided names (loops, macros, global functions) would be shadowed or shadow them.
pub const RESERVED_VARIABLE_NAMES: &[&str] = &[
    "true",
    "false",
    "none",
    "True",
    "False",
    "None",
    "and",
    "or",
    "not",
    "in",
    "is",
    "if",
    "else",
    "loop",
    "self",
    "super",
    "caller",
    "varargs",
    "kwargs",
    "range",
    "dict",
    "namespace",
    "debug",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VarType {
    String,
    Integer,
    Number,
    Boolean,
    List,
    Object,
}

impl VarType {
    pub const ALL: [VarType; 6] = [
        VarType::String,
        VarType::Integer,
        VarType::Number,
        VarType::Boolean,
        VarType::List,
        VarType::Object,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VarType::String => "string",
            VarType::Integer => "integer",
            VarType::Number => "number",
            VarType::Boolean => "boolean",
            VarType::List => "list",
            VarType::Object => "object",
        }
    }

    /// integer: JSON integer (i64 or u64); number: any JSON number; list: array; object: object.
    pub fn accepts(self, value: &serde_json::Value) -> bool {
        match self {
            VarType::String => value.is_string(),
            VarType::Integer => value.is_i64() || value.is_u64(),
            VarType::Number => value.is_number(),
            VarType::Boolean => value.is_boolean(),
            VarType::List => value.is_array(),
            VarType::Object => value.is_object(),
        }
    }

    /// The error message for a value that this type does not accept, e.g. "must be an integer".
    pub fn mismatch_message(self) -> String {
        let article = match self {
            VarType::Integer | VarType::Object => "an",
            _ => "a",
        };
        format!("must be {article} {}", self.as_str())
    }
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariableSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub var_type: VarType,
    #[serde(default = "default_true")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl VariableSpec {
    /// The default to use when the variable is absent; a JSON null counts as no default.
    pub fn effective_default(&self) -> Option<&serde_json::Value> {
        self.default.as_ref().filter(|value| !value.is_null())
    }
}

/// Checks a declaration list; pushes FieldErrors with fields like "variables[2].name", "variables[0].default".
/// Rules: name is an identifier [A-Za-z_][A-Za-z0-9_]{0,63}; names unique; default (when present and not null) must match the type; description at most 500 chars. A null default counts as no default.
pub fn check_specs(specs: &[VariableSpec], errors: &mut Vec<FieldError>) {
    if specs.len() > MAX_VARIABLES {
        errors.push(FieldError::new(
            "variables",
            format!("may declare at most {MAX_VARIABLES} variables"),
        ));
    }
    let mut seen = HashSet::new();
    for (index, spec) in specs.iter().enumerate() {
        let field = |part: &str| format!("variables[{index}].{part}");
        if let Some(message) = identifier_problem(&spec.name) {
            errors.push(FieldError::new(field("name"), message));
        } else if !seen.insert(spec.name.as_str()) {
            errors.push(FieldError::new(
                field("name"),
                format!("`{}` is declared more than once", spec.name),
            ));
        }
        if let Some(default) = spec.effective_default()
            && !spec.var_type.accepts(default)
        {
            errors.push(FieldError::new(
                field("default"),
                spec.var_type.mismatch_message(),
            ));
        }
        if spec.description.chars().count() > MAX_DESCRIPTION_CHARS {
            errors.push(FieldError::new(
                field("description"),
                format!("must be at most {MAX_DESCRIPTION_CHARS} characters"),
            ));
        }
    }
}

fn identifier_problem(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Some("must not be empty".to_owned());
    };
    let starts_well = first.is_ascii_alphabetic() || first == '_';
    if !starts_well || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Some(
            "must be an identifier: a letter or '_', then letters, digits or '_'".to_owned(),
        );
    }
    if name.len() > MAX_IDENTIFIER_CHARS {
        return Some(format!("must be at most {MAX_IDENTIFIER_CHARS} characters"));
    }
    if RESERVED_VARIABLE_NAMES.contains(&name) {
        return Some(format!("`{name}` is reserved by the template language"));
    }
    None
}

#[cfg(test)]
#[path = "variables_tests.rs"]
mod tests;
