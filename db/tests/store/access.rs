//! Accounts, sessions, API keys and the audit log on both backends: the last admin stays, a
//! key works only while unrevoked, unexpired and its creator enabled, sessions end, and the
//! audit log pages and filters.

use chrono::{Duration, TimeZone, Utc};
use db::{
    DbError, Pool,
    access::{api_keys, audit, sessions, users},
};
use domain::access::{AuditFilter, KeyScope, Role};

fn at(hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, hour, 0, 0).unwrap()
}

async fn user(pool: &Pool, email: &str, role: Role) -> domain::access::User {
    users::create(
        pool,
        &users::NewUserRow {
            email,
            display_name: email,
            password_hash: "$argon2id$not-a-real-hash",
            role,
            now: at(1),
        },
    )
    .await
    .unwrap()
}

on_both!(the_last_admin_cannot_be_demoted_or_disabled_and_emails_are_unique);
async fn the_last_admin_cannot_be_demoted_or_disabled_and_emails_are_unique(pool: Pool) {
    let admin = user(&pool, "admin@example.com", Role::Admin).await;
    let duplicate = users::create(
        &pool,
        &users::NewUserRow {
            email: "admin@example.com",
            display_name: "again",
            password_hash: "x",
            role: Role::Viewer,
            now: at(1),
        },
    )
    .await;
    assert!(matches!(
        duplicate,
        Err(DbError::Conflict { field: "email", .. })
    ));
    let demote = users::UserUpdate {
        role: Some(Role::Editor),
        ..Default::default()
    };
    let refused = users::update(&pool, admin.id, &demote, at(2)).await;
    assert!(
        matches!(refused, Err(DbError::Conflict { field: "role", .. })),
        "{refused:?}"
    );
    let disable = users::UserUpdate {
        disabled: Some(true),
        ..Default::default()
    };
    let refused = users::update(&pool, admin.id, &disable, at(2)).await;
    assert!(matches!(
        refused,
        Err(DbError::Conflict {
            field: "disabled",
            ..
        })
    ));

    user(&pool, "second@example.com", Role::Admin).await;
    let demoted = users::update(&pool, admin.id, &demote, at(3))
        .await
        .unwrap();
    assert_eq!(demoted.role, Role::Editor);
    let first = users::create_first(
        &pool,
        &users::NewUserRow {
            email: "late@example.com",
            display_name: "late",
            password_hash: "x",
            role: Role::Admin,
            now: at(4),
        },
    )
    .await;
    assert!(
        matches!(first, Err(DbError::Conflict { .. })),
        "setup only on an empty store"
    );
}

on_both!(a_key_works_while_unrevoked_unexpired_and_its_creator_enabled);
async fn a_key_works_while_unrevoked_unexpired_and_its_creator_enabled(pool: Pool) {
    let admin = user(&pool, "admin@example.com", Role::Admin).await;
    let editor = user(&pool, "editor@example.com", Role::Editor).await;
    let key = |name: &'static str, hash: &'static str, by, expires| {
        let pool = pool.clone();
        async move {
            api_keys::create(
                &pool,
                &api_keys::NewKeyRow {
                    name,
                    prefix: "llmops_abc",
                    secret_hash: hash,
                    scope: KeyScope::Editor,
                    created_by: by,
                    now: at(1),
                    expires_at: expires,
                },
            )
            .await
            .unwrap()
        }
    };
    let lasting = key("lasting", "h1", Some(editor.id), None).await;
    let expiring = key("expiring", "h2", None, Some(at(5))).await;
    let found = api_keys::find_active(&pool, "h1", at(2))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (found.key.id, found.creator_role),
        (lasting.id, Some(Role::Editor))
    );
    assert!(
        api_keys::find_active(&pool, "h2", at(4))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        api_keys::find_active(&pool, "h2", at(5))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        api_keys::find_active(&pool, "nope", at(2))
            .await
            .unwrap()
            .is_none()
    );

    assert_eq!(
        api_keys::list(&pool, Some(editor.id)).await.unwrap().len(),
        1
    );
    assert_eq!(api_keys::list(&pool, None).await.unwrap().len(), 2);
    let not_theirs = api_keys::revoke(&pool, expiring.id, Some(editor.id), at(3)).await;
    assert!(matches!(not_theirs, Err(DbError::NotFound { .. })));

    let disable = users::UserUpdate {
        disabled: Some(true),
        ..Default::default()
    };
    users::update(&pool, editor.id, &disable, at(3))
        .await
        .unwrap();
    assert!(
        api_keys::find_active(&pool, "h1", at(3))
            .await
            .unwrap()
            .is_none()
    );
    let enable = users::UserUpdate {
        disabled: Some(false),
        ..Default::default()
    };
    users::update(&pool, editor.id, &enable, at(3))
        .await
        .unwrap();
    api_keys::revoke(&pool, lasting.id, None, at(4))
        .await
        .unwrap();
    assert!(
        api_keys::find_active(&pool, "h1", at(4))
            .await
            .unwrap()
            .is_none()
    );
    let _ = admin;
}

on_both!(a_session_ends_at_expiry_when_idle_and_when_its_account_is_disabled);
async fn a_session_ends_at_expiry_when_idle_and_when_its_account_is_disabled(pool: Pool) {
    user(&pool, "admin@example.com", Role::Admin).await;
    let ada = user(&pool, "ada@example.com", Role::Viewer).await;
    for token in ["s1", "s2"] {
        sessions::create(
            &pool,
            &sessions::NewSessionRow {
                token_hash: token,
                user_id: ada.id,
                now: at(1),
                expires_at: at(10),
                address: Some("127.0.0.1"),
            },
        )
        .await
        .unwrap();
    }
    let active = |token: &'static str, now, idle_since| {
        let pool = pool.clone();
        async move {
            sessions::find_active(&pool, token, now, idle_since)
                .await
                .unwrap()
        }
    };
    let found = active("s1", at(2), at(0)).await.unwrap();
    assert_eq!((found.user.id, found.last_seen_at), (ada.id, at(1)));
    assert!(
        active("s1", at(10), at(0)).await.is_none(),
        "past the absolute expiry"
    );
    assert!(
        active("s1", at(2), at(1)).await.is_none(),
        "idle since before the limit"
    );
    sessions::touch(&pool, "s1", at(3)).await.unwrap();
    assert!(active("s1", at(4), at(2)).await.is_some());
    sessions::end(&pool, "s1", at(4)).await.unwrap();
    assert!(active("s1", at(4), at(0)).await.is_none());

    let disable = users::UserUpdate {
        disabled: Some(true),
        ..Default::default()
    };
    users::update(&pool, ada.id, &disable, at(5)).await.unwrap();
    let enable = users::UserUpdate {
        disabled: Some(false),
        ..Default::default()
    };
    users::update(&pool, ada.id, &enable, at(5)).await.unwrap();
    assert!(
        active("s2", at(6), at(0)).await.is_none(),
        "disabling ended it for good"
    );
}

on_both!(the_audit_log_filters_and_pages_newest_first);
async fn the_audit_log_filters_and_pages_newest_first(pool: Pool) {
    for (i, operation) in [
        "prompt.create",
        "prompt.activate",
        "dataset.create",
        "prompt_version.create",
    ]
    .iter()
    .enumerate()
    {
        audit::record(
            &pool,
            &audit::NewAuditRow {
                at: at(1) + Duration::minutes(i as i64),
                actor_kind: "user",
                actor_id: None,
                actor_name: "ada",
                operation,
                target_kind: if operation.starts_with("dataset") {
                    "dataset"
                } else {
                    "prompt"
                },
                target_id: "t1",
                target_name: "greeting",
                address: Some("10.0.0.1"),
            },
        )
        .await
        .unwrap();
    }
    let (all, more) = audit::list(&pool, &AuditFilter::default()).await.unwrap();
    assert!(!more);
    let operations: Vec<_> = all.iter().map(|e| e.operation.as_str()).collect();
    assert_eq!(
        operations,
        [
            "prompt_version.create",
            "dataset.create",
            "prompt.activate",
            "prompt.create"
        ]
    );
    let prefix = AuditFilter {
        operation: Some("prompt.".into()),
        ..Default::default()
    };
    let (prompts, _) = audit::list(&pool, &prefix).await.unwrap();
    assert_eq!(
        prompts.len(),
        2,
        "`prompt.` does not match `prompt_version.`"
    );
    let first = AuditFilter {
        limit: Some(3),
        ..Default::default()
    };
    let (page, more) = audit::list(&pool, &first).await.unwrap();
    assert!(more);
    let next = AuditFilter {
        limit: Some(3),
        before: Some(page.last().unwrap().id),
        ..Default::default()
    };
    let (rest, more) = audit::list(&pool, &next).await.unwrap();
    assert_eq!((rest.len(), more), (1, false));
    assert_eq!(rest[0].operation, "prompt.create");
}
