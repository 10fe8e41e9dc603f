//! The three roles a user has, and the four scopes an API key has.

use serde::{Deserialize, Serialize};

/// One per user. Each role may do everything the roles after it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Users, API keys, endpoints and their credentials, settings, the audit log.
    Admin,
    /// Create and change prompts, datasets, runs, schedules, experiments and share links.
    Editor,
    /// Read everything, change nothing.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    fn rank(self) -> u8 {
        match self {
            Role::Viewer => 0,
            Role::Editor => 1,
            Role::Admin => 2,
        }
    }

    /// Whether this role may do what `needed` may.
    pub fn includes(self, needed: Role) -> bool {
        self.rank() >= needed.rank()
    }
}

/// What an API key may do: the rights of a role, or `serve`, only what production services
/// call (render, assign, serve, record metric values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyScope {
    Admin,
    Editor,
    Viewer,
    Serve,
}

impl KeyScope {
    pub const ALL: [KeyScope; 4] = [
        KeyScope::Admin,
        KeyScope::Editor,
        KeyScope::Viewer,
        KeyScope::Serve,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KeyScope::Admin => "admin",
            KeyScope::Editor => "editor",
            KeyScope::Viewer => "viewer",
            KeyScope::Serve => "serve",
        }
    }

    pub fn parse(text: &str) -> Option<KeyScope> {
        KeyScope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == text)
    }

    /// The role whose rights the key carries; `serve` carries none of a role's.
    pub fn role(self) -> Option<Role> {
        match self {
            KeyScope::Admin => Some(Role::Admin),
            KeyScope::Editor => Some(Role::Editor),
            KeyScope::Viewer => Some(Role::Viewer),
            KeyScope::Serve => None,
        }
    }

    /// Whether a user with `role` may create a key of this scope: at most their own rights.
    /// `serve` is within an editor's (editors may render, assign and record).
    pub fn within(self, role: Role) -> bool {
        match self.role() {
            Some(needed) => role.includes(needed),
            None => role.includes(Role::Editor),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_nest() {
        assert!(Role::Admin.includes(Role::Editor));
        assert!(Role::Editor.includes(Role::Viewer));
        assert!(!Role::Viewer.includes(Role::Editor));
        assert!(!Role::Editor.includes(Role::Admin));
    }

    #[test]
    fn a_key_never_exceeds_its_creator() {
        assert!(KeyScope::Viewer.within(Role::Viewer));
        assert!(!KeyScope::Editor.within(Role::Viewer));
        assert!(!KeyScope::Serve.within(Role::Viewer));
        assert!(KeyScope::Serve.within(Role::Editor));
        assert!(!KeyScope::Admin.within(Role::Editor));
        assert!(KeyScope::Admin.within(Role::Admin));
    }

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        for scope in KeyScope::ALL {
            assert_eq!(KeyScope::parse(scope.as_str()), Some(scope));
        }
        assert_eq!(Role::parse("owner"), None);
    }
}
