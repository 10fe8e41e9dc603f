//! What the store keeps about accounts, keys and changes, as the API shows it. No record here
//! carries a password, a key's secret or a session token: those never leave the service.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::role::{KeyScope, Role};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKey {
    pub id: Uuid,
    pub name: String,
    /// The secret's first characters, to tell keys apart in lists.
    pub prefix: String,
    pub scope: KeyScope,
    /// None for the key `LLMOPS_INIT_API_KEY` created.
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A key as its creation answers: the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedApiKey {
    #[serde(flatten)]
    pub key: ApiKey,
    pub secret: String,
}

/// Who is calling, as `GET /api/v1/auth/me` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallerInfo {
    /// `user` (a browser session) or `api_key`.
    pub kind: String,
    pub name: String,
    /// The user's role, or the role a key's scope carries; None for `serve` keys.
    pub role: Option<Role>,
    pub scope: Option<KeyScope>,
    pub user: Option<User>,
}

impl CallerInfo {
    /// Whether this caller may do what `role` may: for showing or hiding controls.
    pub fn can(&self, role: Role) -> bool {
        self.role.is_some_and(|own| own.includes(role))
    }
}

/// One write: who made it, what it was, when and from where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// `user`, `api_key` or `operator` (a command run on the server's host).
    pub actor_kind: String,
    pub actor_id: Option<Uuid>,
    pub actor_name: String,
    /// The operation, e.g. `prompt.activate` or `api_key.revoke`.
    pub operation: String,
    pub target_kind: String,
    pub target_id: String,
    pub target_name: String,
    /// The client's address as the server saw it.
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next, older page; None on the last page.
    pub next_before: Option<i64>,
}
