//! Rendering a prompt version with caller-supplied variables: strict, sandboxed and bounded.

use minijinja::{Environment, ErrorKind, Value};
use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::prompt::engine::{describe, sandboxed_environment, to_template_value};
use crate::prompt::limits::{MAX_OUTPUT_BYTES, RENDER_FUEL};
use crate::prompt::output::CappedWriter;
use crate::prompt::template::{ChatMessage, Template};
use crate::prompt::variables::VariableSpec;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rendered {
    Text { text: String },
    Chat { messages: Vec<ChatMessage> },
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RenderError {
    /// Missing required variables, values of the wrong type, unknown variables: ALL of them, one FieldError each, field "variables.<name>".
    #[error("the variables do not match the prompt's declaration")]
    InvalidVariables(Vec<FieldError>),
    /// Fuel exhausted (runaway loop) or output above MAX_OUTPUT_BYTES; field is the source's field ("template" / "template[1].content").
    #[error("{}", .0.message)]
    LimitExceeded(FieldError),
    /// Any other runtime failure of the template (e.g. printing an undefined optional variable, a filter error). field as above.
    #[error("{}", .0.message)]
    Failed(FieldError),
}

impl RenderError {
    /// A stable machine-readable code for API responses.
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::InvalidVariables(_) => "invalid_variables",
            RenderError::LimitExceeded(_) => "render_limit_exceeded",
            RenderError::Failed(_) => "render_failed",
        }
    }

    pub fn details(&self) -> Vec<FieldError> {
        match self {
            RenderError::InvalidVariables(details) => details.clone(),
            RenderError::LimitExceeded(detail) | RenderError::Failed(detail) => {
                vec![detail.clone()]
            }
        }
    }
}

/// Strict, sandboxed rendering of a template in one call; see [`CompiledPrompt`] to compile once
/// and render many times.
pub fn render(
    template: &Template,
    specs: &[VariableSpec],
    variables: &serde_json::Map<String, serde_json::Value>,
) -> Result<Rendered, RenderError> {
    CompiledPrompt::compile(template.clone(), specs.to_vec())?.render(variables)
}

/// A version's template compiled once, ready to render many times. Versions are immutable, so
/// a compiled prompt can be kept and reused for as long as its version exists.
///
/// Rendering checks the values against the declarations first (collecting every problem),
/// fills defaults, and leaves absent optional variables without a default undefined. A JSON
/// null counts as an absent value, and a default also fills an absent *required* variable.
/// The work budget (fuel) is split evenly between the sources of a chat template and the
/// output budget is shared, so one render costs at most one budget however it is split.
pub struct CompiledPrompt {
    env: Environment<'static>,
    template: Template,
    specs: Vec<VariableSpec>,
}

impl CompiledPrompt {
    pub fn compile(template: Template, specs: Vec<VariableSpec>) -> Result<Self, RenderError> {
        let sources = template.sources();
        let mut env = sandboxed_environment();
        env.set_fuel(Some(RENDER_FUEL / sources.len().max(1) as u64));
        for (index, (field, source)) in sources.iter().enumerate() {
            env.add_template_owned(index.to_string(), source.to_string())
                .map_err(|error| RenderError::Failed(FieldError::new(field, describe(&error))))?;
        }
        Ok(CompiledPrompt {
            env,
            template,
            specs,
        })
    }

    pub fn render(
        &self,
        variables: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<Rendered, RenderError> {
        let context =
            bind_variables(&self.specs, variables).map_err(RenderError::InvalidVariables)?;
        let mut output_budget = MAX_OUTPUT_BYTES;
        let mut outputs = Vec::new();
        for (index, (field, _)) in self.template.sources().iter().enumerate() {
            let compiled = self
                .env
                .get_template(&index.to_string())
                .expect("every source was added under its index");
            outputs.push(render_source(
                field,
                &compiled,
                &context,
                &mut output_budget,
            )?);
        }
        Ok(match &self.template {
            Template::Text(_) => Rendered::Text {
                text: outputs.pop().unwrap_or_default(),
            },
            Template::Chat(messages) => Rendered::Chat {
                messages: messages
                    .iter()
                    .zip(outputs)
                    .map(|(message, content)| ChatMessage {
                        role: message.role,
                        content,
                    })
                    .collect(),
            },
        })
    }
}

/// Checks every provided value against the declarations and builds the template context.
fn bind_variables(
    specs: &[VariableSpec],
    provided: &serde_json::Map<String, serde_json::Value>,
) -> Result<Value, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut bound = Vec::new();
    for spec in specs {
        let field = format!("variables.{}", spec.name);
        let given = provided.get(&spec.name).filter(|value| !value.is_null());
        match given.or(spec.effective_default()) {
            Some(value) if spec.var_type.accepts(value) => {
                bound.push((spec.name.as_str(), to_template_value(value)));
            }
            Some(_) => errors.push(FieldError::new(field, spec.var_type.mismatch_message())),
            None if spec.required => errors.push(FieldError::new(field, "is required")),
            // Left out of the context entirely, so the template sees it as undefined.
            None => {}
        }
    }
    for name in provided.keys() {
        if !specs.iter().any(|spec| &spec.name == name) {
            errors.push(FieldError::new(
                format!("variables.{name}"),
                "is not declared by this prompt",
            ));
        }
    }
    if errors.is_empty() {
        Ok(Value::from_pairs(bound))
    } else {
        Err(errors)
    }
}

fn render_source(
    field: &str,
    compiled: &minijinja::Template<'_, '_>,
    context: &Value,
    output_budget: &mut usize,
) -> Result<String, RenderError> {
    let mut writer = CappedWriter::new(output_budget);
    match compiled.render_captured_to(context.clone(), &mut writer) {
        Ok(_) => Ok(writer.into_string()),
        Err(_) if writer.exceeded() => Err(RenderError::LimitExceeded(FieldError::new(
            field,
            format!("the rendered output exceeds the limit of {MAX_OUTPUT_BYTES} bytes"),
        ))),
        Err(error) if error.kind() == ErrorKind::OutOfFuel => {
            let line = error
                .line()
                .map(|line| format!(" on line {line}"))
                .unwrap_or_default();
            Err(RenderError::LimitExceeded(FieldError::new(
                field,
                format!(
                    "rendering was stopped{line} because it took too much work \
                     (a very long loop or a very large value)"
                ),
            )))
        }
        Err(error) => Err(RenderError::Failed(FieldError::new(
            field,
            describe(&error),
        ))),
    }
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "render_sandbox_tests.rs"]
mod sandbox_tests;
