//! What people send to sign in, set up the first account, manage users and create keys, and
//! the checks on it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::role::{KeyScope, Role};
use crate::error::{FieldError, ValidationError};

/// Shorter passwords are refused; longer ones than the maximum are too (argon2 would still
/// take them, but no one types a passphrase that long, and hashing it costs the server).
pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 1_000;
const MAX_EMAIL_CHARS: usize = 254;
const MAX_NAME_CHARS: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    pub email: String,
    pub password: String,
}

/// The first account, created with the one-time code the server printed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setup {
    pub code: String,
    pub email: String,
    pub display_name: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub email: String,
    #[serde(default)]
    pub display_name: String,
    pub password: String,
    pub role: Role,
}

impl NewUser {
    /// The email normalized (trimmed, lower case), and the display name defaulting to the
    /// part of the email before `@`.
    pub fn validate(mut self) -> Result<NewUser, ValidationError> {
        let mut problems = Vec::new();
        match normalize_email(&self.email) {
            Ok(email) => self.email = email,
            Err(problem) => problems.push(problem),
        }
        self.display_name = self.display_name.trim().to_owned();
        if self.display_name.is_empty() {
            self.display_name = self.email.split('@').next().unwrap_or_default().to_owned();
        }
        if let Err(problem) = check_display_name(&self.display_name) {
            problems.push(problem);
        }
        if let Err(problem) = check_password(&self.password) {
            problems.push(problem);
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(ValidationError::new("the account is not valid", problems))
        }
    }
}

/// A change to an account: any of the fields, at least one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserChange {
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub disabled: Option<bool>,
    #[serde(default)]
    pub password: Option<String>,
}

impl UserChange {
    pub fn validate(mut self) -> Result<UserChange, ValidationError> {
        if self.role.is_none()
            && self.display_name.is_none()
            && self.disabled.is_none()
            && self.password.is_none()
        {
            return Err(ValidationError::single(
                "role",
                "name at least one of role, display_name, disabled and password",
            ));
        }
        let mut problems = Vec::new();
        if let Some(name) = &mut self.display_name {
            *name = name.trim().to_owned();
            if let Err(problem) = check_display_name(name) {
                problems.push(problem);
            }
        }
        if let Some(password) = &self.password
            && let Err(problem) = check_password(password)
        {
            problems.push(problem);
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(ValidationError::new("the change is not valid", problems))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewApiKey {
    pub name: String,
    pub scope: KeyScope,
    /// RFC 3339, in the future; None: until revoked.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

impl NewApiKey {
    pub fn validate(mut self, now: DateTime<Utc>) -> Result<NewApiKey, ValidationError> {
        self.name = self.name.trim().to_owned();
        let mut problems = Vec::new();
        if self.name.is_empty() || self.name.chars().count() > MAX_NAME_CHARS {
            problems.push(FieldError::new(
                "name",
                format!("must be 1 to {MAX_NAME_CHARS} characters"),
            ));
        }
        if self.expires_at.is_some_and(|at| at <= now) {
            problems.push(FieldError::new("expires_at", "must be in the future"));
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(ValidationError::new("the API key is not valid", problems))
        }
    }
}

/// Which audit entries to list, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditFilter {
    /// Only entries by this user or key.
    #[serde(default)]
    pub actor_id: Option<Uuid>,
    /// Operations starting with this, e.g. `prompt.` or `api_key.revoke`.
    #[serde(default)]
    pub operation: Option<String>,
    #[serde(default)]
    pub target_kind: Option<String>,
    #[serde(default)]
    pub target_id: Option<String>,
    /// Entries older than this id (the previous page's `next_before`).
    #[serde(default)]
    pub before: Option<i64>,
    #[serde(default)]
    pub limit: Option<u32>,
}

pub fn normalize_email(email: &str) -> Result<String, FieldError> {
    let email = email.trim().to_lowercase();
    let shaped = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && !domain.is_empty() && !domain.contains('@')
    });
    if !shaped || email.chars().count() > MAX_EMAIL_CHARS || email.contains(char::is_whitespace) {
        return Err(FieldError::new(
            "email",
            "must be an email address such as ada@example.com",
        ));
    }
    Ok(email)
}

fn check_display_name(name: &str) -> Result<(), FieldError> {
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(FieldError::new(
            "display_name",
            format!("must be 1 to {MAX_NAME_CHARS} printable characters"),
        ));
    }
    Ok(())
}

pub fn check_password(password: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(
            "password",
            format!("must be at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(FieldError::new(
            "password",
            format!("must be at most {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(email: &str, password: &str) -> NewUser {
        NewUser {
            email: email.into(),
            display_name: String::new(),
            password: password.into(),
            role: Role::Editor,
        }
    }

    #[test]
    fn emails_are_normalized_and_names_default() {
        let valid = user("  Ada@Example.COM ", "correct horse battery")
            .validate()
            .unwrap();
        assert_eq!(valid.email, "ada@example.com");
        assert_eq!(valid.display_name, "ada");
    }

    #[test]
    fn weak_passwords_and_odd_emails_are_refused_by_field() {
        let error = user("not-an-email", "short").validate().unwrap_err();
        let fields: Vec<_> = error.details.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, ["email", "password"]);
        assert!(user("a@b@c", "long enough password").validate().is_err());
        assert!(user("a b@c", "long enough password").validate().is_err());
    }

    #[test]
    fn a_change_names_something() {
        assert!(UserChange::default().validate().is_err());
        let change = UserChange {
            password: Some("short".into()),
            ..UserChange::default()
        };
        assert_eq!(change.validate().unwrap_err().details[0].field, "password");
    }
}
