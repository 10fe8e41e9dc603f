//! Who asks for an operation, and the one policy check each operation makes.
//!
//! The doors build a `Caller` from the request (a session cookie or an API key, resolved by
//! `access::authenticate`); operations only ask [`Caller::require`]. Roles nest (admin ⊇
//! editor ⊇ viewer); a `serve` key may do only what production services call.

use domain::access::{KeyScope, Role};
use domain::problem::{ErrorCode, Problem};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    identity: Identity,
    /// The client's address as the server saw it, for the audit log.
    address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Identity {
    /// No credential, or one that does not work.
    Anonymous,
    User {
        id: Uuid,
        name: String,
        role: Role,
    },
    /// `scope` is the key's own, capped by its creator's current role.
    ApiKey {
        id: Uuid,
        name: String,
        scope: KeyScope,
    },
    /// Someone at the server's host: the operator's commands (`llmops users ...`), which a
    /// shell account already authorizes.
    Operator,
}

/// What an operation needs of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Read anything: lists, pages, results, comparisons. Viewers and up.
    View,
    /// Create and change prompts, datasets, runs, schedules, experiments and share links.
    Edit,
    /// Users, API keys, model endpoints and their credentials, the audit log.
    Administer,
    /// What production services call: render, assign, serve, record metric values. Editors
    /// and up, and `serve` keys.
    ServeTraffic,
    /// Open a shared page: the link's token is the credential.
    FollowShareLink,
    /// Ask whether the node is alive and ready: anyone, since load balancers carry no
    /// credential, and the answer tells nothing but that.
    Probe,
}

impl Caller {
    pub fn anonymous() -> Caller {
        Caller::of(Identity::Anonymous)
    }

    pub fn operator() -> Caller {
        Caller::of(Identity::Operator)
    }

    pub fn user(id: Uuid, name: impl Into<String>, role: Role) -> Caller {
        Caller::of(Identity::User {
            id,
            name: name.into(),
            role,
        })
    }

    pub fn api_key(id: Uuid, name: impl Into<String>, scope: KeyScope) -> Caller {
        Caller::of(Identity::ApiKey {
            id,
            name: name.into(),
            scope,
        })
    }

    fn of(identity: Identity) -> Caller {
        Caller {
            identity,
            address: None,
        }
    }

    /// The same caller, seen at `address`.
    pub fn from_address(mut self, address: Option<String>) -> Caller {
        self.address = address;
        self
    }

    pub fn address(&self) -> Option<&str> {
        self.address.as_deref()
    }

    pub fn is_anonymous(&self) -> bool {
        self.identity == Identity::Anonymous
    }

    /// The user behind a session; None for keys, the operator and strangers.
    pub fn user_id(&self) -> Option<Uuid> {
        match &self.identity {
            Identity::User { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// The role whose rights the caller has: a user's, a key scope's, admin for the operator.
    pub fn role(&self) -> Option<Role> {
        match &self.identity {
            Identity::Anonymous => None,
            Identity::User { role, .. } => Some(*role),
            Identity::ApiKey { scope, .. } => scope.role(),
            Identity::Operator => Some(Role::Admin),
        }
    }

    /// How the audit log names the caller: a kind, an id and a name.
    pub fn actor(&self) -> (&'static str, Option<Uuid>, &str) {
        match &self.identity {
            Identity::Anonymous => ("anonymous", None, "anonymous"),
            Identity::User { id, name, .. } => ("user", Some(*id), name),
            Identity::ApiKey { id, name, .. } => ("api_key", Some(*id), name),
            Identity::Operator => ("operator", None, "operator"),
        }
    }

    pub(crate) fn scope(&self) -> Option<KeyScope> {
        match &self.identity {
            Identity::ApiKey { scope, .. } => Some(*scope),
            _ => None,
        }
    }

    /// Ok when the caller may do what needs `permission`: 401 for a stranger, 403 naming what
    /// it takes otherwise.
    pub fn require(&self, permission: Permission) -> Result<(), Problem> {
        if matches!(permission, Permission::FollowShareLink | Permission::Probe) {
            return Ok(());
        }
        if self.is_anonymous() {
            return Err(Problem::new(
                ErrorCode::Unauthorized,
                "sign in, or send an API key as `Authorization: Bearer <key>`",
            ));
        }
        let role = self.role();
        let allowed = match permission {
            Permission::View => role.is_some(),
            Permission::Edit => role.is_some_and(|r| r.includes(Role::Editor)),
            Permission::Administer => role == Some(Role::Admin),
            Permission::ServeTraffic => {
                self.scope() == Some(KeyScope::Serve)
                    || role.is_some_and(|r| r.includes(Role::Editor))
            }
            Permission::FollowShareLink | Permission::Probe => true,
        };
        if allowed {
            return Ok(());
        }
        let needs = match permission {
            Permission::View => {
                "this needs the viewer role: a serve key may only render, assign, serve and record metric values"
            }
            Permission::Edit => "this needs the editor role",
            Permission::Administer => "this needs the admin role",
            Permission::ServeTraffic => "this needs the editor role or a serve key",
            Permission::FollowShareLink | Permission::Probe => {
                unreachable!("anyone may follow a share link or probe the node")
            }
        };
        Err(Problem::new(ErrorCode::Forbidden, needs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Permission; 6] = [
        Permission::View,
        Permission::Edit,
        Permission::Administer,
        Permission::ServeTraffic,
        Permission::FollowShareLink,
        Permission::Probe,
    ];

    fn allowed(caller: &Caller) -> Vec<Permission> {
        ALL.into_iter()
            .filter(|p| caller.require(*p).is_ok())
            .collect()
    }

    #[test]
    fn each_caller_may_do_what_its_role_allows() {
        use Permission::*;
        let id = Uuid::nil();
        assert_eq!(allowed(&Caller::anonymous()), [FollowShareLink, Probe]);
        assert_eq!(
            allowed(&Caller::user(id, "v", Role::Viewer)),
            [View, FollowShareLink, Probe]
        );
        assert_eq!(
            allowed(&Caller::user(id, "e", Role::Editor)),
            [View, Edit, ServeTraffic, FollowShareLink, Probe]
        );
        assert_eq!(allowed(&Caller::user(id, "a", Role::Admin)), ALL);
        assert_eq!(allowed(&Caller::operator()), ALL);
        assert_eq!(
            allowed(&Caller::api_key(id, "s", KeyScope::Serve)),
            [ServeTraffic, FollowShareLink, Probe]
        );
        assert_eq!(
            allowed(&Caller::api_key(id, "v", KeyScope::Viewer)),
            [View, FollowShareLink, Probe]
        );
    }

    #[test]
    fn strangers_get_401_and_the_short_of_rights_403() {
        let stranger = Caller::anonymous().require(Permission::View).unwrap_err();
        assert_eq!(stranger.code.http_status(), 401);
        let viewer = Caller::user(Uuid::nil(), "v", Role::Viewer);
        let refused = viewer.require(Permission::Edit).unwrap_err();
        assert_eq!(refused.code.http_status(), 403);
        assert!(refused.message.contains("editor"), "{}", refused.message);
    }
}
