//! The "create a version" request and every check on it that needs no database.

use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, ValidationError};
use crate::prompt::engine::{describe, is_provided_by_engine, sandboxed_environment};
use crate::prompt::limits::{MAX_CHAT_MESSAGES, MAX_COMMIT_MESSAGE_CHARS, MAX_TEMPLATE_BYTES};
use crate::prompt::model_config::ModelConfig;
use crate::prompt::template::Template;
use crate::prompt::variables::{VariableSpec, check_specs};
use crate::prompt::version::VersionString;

/// The body of "create a version" as received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewVersion {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub template: Template,
    #[serde(default)]
    pub variables: Vec<VariableSpec>,
    #[serde(default)]
    pub model_config: ModelConfig,
    #[serde(default)]
    pub commit_message: String,
}

/// A version that passed every check that needs no database (uniqueness of the version string is the store's job).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidVersion {
    pub version: Option<VersionString>,
    pub template: Template,
    pub variables: Vec<VariableSpec>,
    pub model_config: ModelConfig,
    pub commit_message: String,
}

impl NewVersion {
    /// Collects every problem at once into one ValidationError (message "the version is invalid"):
    /// version parse; template non-empty (a text template may not be empty/whitespace; a chat template needs >= 1 message, each content non-empty), size limits, message count;
    /// each source must parse with minijinja (field as in Template::sources, message includes minijinja's description and line number);
    /// every variable the template reads must be declared (message like "uses undeclared variable `foo`"; one FieldError per variable, field = the source's field);
    /// builtin globals (range, dict, namespace, loop, etc.) and names the template itself binds (set, for, macro) are not "undeclared";
    /// check_specs; model_config.check; commit_message length.
    pub fn validate(self) -> Result<ValidVersion, ValidationError> {
        let mut errors = Vec::new();
        let version = match self.version.as_deref().map(VersionString::parse) {
            Some(Ok(version)) => Some(version),
            Some(Err(error)) => {
                errors.push(error);
                None
            }
            None => None,
        };
        check_template(&self.template, &self.variables, &mut errors);
        check_specs(&self.variables, &mut errors);
        self.model_config.check(&mut errors);
        if self.commit_message.chars().count() > MAX_COMMIT_MESSAGE_CHARS {
            errors.push(FieldError::new(
                "commit_message",
                format!("must be at most {MAX_COMMIT_MESSAGE_CHARS} characters"),
            ));
        }
        if !errors.is_empty() {
            return Err(ValidationError::new("the version is invalid", errors));
        }
        Ok(ValidVersion {
            version,
            template: self.template,
            variables: self.variables,
            model_config: self.model_config,
            commit_message: self.commit_message,
        })
    }
}

fn check_template(template: &Template, specs: &[VariableSpec], errors: &mut Vec<FieldError>) {
    if let Template::Chat(messages) = template {
        if messages.is_empty() {
            errors.push(FieldError::new(
                "template",
                "must contain at least one message",
            ));
        } else if messages.len() > MAX_CHAT_MESSAGES {
            errors.push(FieldError::new(
                "template",
                format!("may contain at most {MAX_CHAT_MESSAGES} messages"),
            ));
            // Compiling hundreds of sources would only bury the one error that matters.
            return;
        }
    }
    let declared: HashSet<&str> = specs.iter().map(|spec| spec.name.as_str()).collect();
    for (field, source) in template.sources() {
        if source.trim().is_empty() {
            errors.push(FieldError::new(field, "must not be empty"));
        } else if source.len() > MAX_TEMPLATE_BYTES {
            errors.push(FieldError::new(
                field,
                format!("must be at most {MAX_TEMPLATE_BYTES} bytes"),
            ));
        } else {
            check_source(&field, source, &declared, errors);
        }
    }
}

/// Compiles one source and reports a syntax error, or else every variable it reads without a
/// declaration, in alphabetical order so the response is stable.
fn check_source(field: &str, source: &str, declared: &HashSet<&str>, errors: &mut Vec<FieldError>) {
    let env = sandboxed_environment();
    let compiled = match env.template_from_str(source) {
        Ok(compiled) => compiled,
        Err(error) => {
            errors.push(FieldError::new(field, describe(&error)));
            return;
        }
    };
    let undeclared: BTreeSet<String> = compiled
        .undeclared_variables(false)
        .into_iter()
        .filter(|name| !declared.contains(name.as_str()) && !is_provided_by_engine(&env, name))
        .collect();
    for name in undeclared {
        errors.push(FieldError::new(
            field,
            format!("uses undeclared variable `{name}`"),
        ));
    }
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
