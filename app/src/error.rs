//! The error server functions return: the same `Problem` the REST API sends, so forms can show
//! each field's message beside its input.

use domain::problem::{ErrorCode, Problem};
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(transparent)]
#[error("{0}")]
pub struct AppError(pub Problem);

impl AppError {
    pub fn problem(&self) -> &Problem {
        &self.0
    }

    pub fn is_not_found(&self) -> bool {
        self.0.code == ErrorCode::NotFound
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        let code = match error {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                ErrorCode::BadRequest
            }
            _ => ErrorCode::Internal,
        };
        AppError(Problem::new(code, error.to_string()))
    }
}

impl<E: Into<Problem>> From<E> for AppError {
    fn from(error: E) -> Self {
        AppError(error.into())
    }
}
