//! The one shape every failure takes on the way out: a machine code, a sentence, and the fields
//! at fault. The REST API wraps it as `{"error": ...}`; server functions return it as is.

use serde::{Deserialize, Serialize};

use crate::{
    error::{FieldError, ValidationError},
    prompt::render::RenderError,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    InvalidJson,
    Unauthorized,
    Forbidden,
    MisdirectedRequest,
    TooManyRequests,
    PayloadTooLarge,
    UnsupportedMediaType,
    NotFound,
    Conflict,
    ValidationFailed,
    InvalidVariables,
    RenderLimitExceeded,
    RenderFailed,
    Internal,
    Unavailable,
}

impl ErrorCode {
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::BadRequest | ErrorCode::InvalidJson => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::MisdirectedRequest => 421,
            ErrorCode::TooManyRequests => 429,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::ValidationFailed
            | ErrorCode::InvalidVariables
            | ErrorCode::RenderLimitExceeded
            | ErrorCode::RenderFailed => 422,
            ErrorCode::Internal => 500,
            ErrorCode::Unavailable => 503,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct Problem {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default)]
    pub details: Vec<FieldError>,
}

impl Problem {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Problem {
            code,
            message: message.into(),
            details: Vec::new(),
        }
    }

    pub fn with_field(mut self, field: impl Into<String>, message: impl Into<String>) -> Self {
        self.details.push(FieldError::new(field, message));
        self
    }

    /// The message for `field`, for forms that show errors beside their inputs.
    pub fn field(&self, field: &str) -> Option<&str> {
        self.details
            .iter()
            .find(|d| d.field == field)
            .map(|d| d.message.as_str())
    }

    pub fn internal() -> Self {
        Problem::new(ErrorCode::Internal, "an internal error occurred")
    }
}

impl From<ValidationError> for Problem {
    fn from(error: ValidationError) -> Self {
        Problem {
            code: ErrorCode::ValidationFailed,
            message: error.message,
            details: error.details,
        }
    }
}

impl From<FieldError> for Problem {
    fn from(error: FieldError) -> Self {
        Problem {
            code: ErrorCode::ValidationFailed,
            message: format!("{} {}", error.field, error.message),
            details: vec![error],
        }
    }
}

impl From<RenderError> for Problem {
    fn from(error: RenderError) -> Self {
        let code = match &error {
            RenderError::InvalidVariables(_) => ErrorCode::InvalidVariables,
            RenderError::LimitExceeded(_) => ErrorCode::RenderLimitExceeded,
            RenderError::Failed(_) => ErrorCode::RenderFailed,
        };
        Problem {
            code,
            message: error.to_string(),
            details: error.details(),
        }
    }
}
