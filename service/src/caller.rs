//! Who asks for an operation, and the one policy check each operation makes.
//!
//! Today every request comes from the local operator, who may do everything. Identities and
//! roles belong here: the doors build a `Caller` from the request, and no operation changes.

use domain::problem::Problem;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    identity: Identity,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Identity {
    /// Whoever reaches the server: it has no accounts yet.
    LocalOperator,
}

/// What an operation needs of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Read anything: lists, pages, results, comparisons.
    View,
    /// Create and change prompts, datasets, runs, schedules, experiments and share links.
    Edit,
    /// Model endpoints and their credentials.
    Administer,
    /// What production services call: render, assign, serve, record metric values.
    ServeTraffic,
    /// Open a shared page: the link's token is the credential.
    FollowShareLink,
}

impl Caller {
    pub fn local_operator() -> Caller {
        Caller {
            identity: Identity::LocalOperator,
        }
    }

    /// Ok when the caller may do what needs `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), Problem> {
        match (&self.identity, permission) {
            (Identity::LocalOperator, _) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_local_operator_may_do_everything() {
        let caller = Caller::local_operator();
        for permission in [
            Permission::View,
            Permission::Edit,
            Permission::Administer,
            Permission::ServeTraffic,
            Permission::FollowShareLink,
        ] {
            assert!(caller.require(permission).is_ok(), "{permission:?}");
        }
    }
}
