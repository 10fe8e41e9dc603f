//! Share links against a fresh database per test: expiry and revocation at a given
//! time, both answering exactly like a token that never existed.

use chrono::{Duration, TimeZone, Utc};
use db::{
    DbError, Pool,
    shares::{self, NewShareRow},
};
use domain::share::ShareTarget;
use uuid::Uuid;

fn target() -> ShareTarget {
    ShareTarget::Run {
        run_id: Uuid::from_u128(7),
    }
}

on_both!(a_link_works_until_it_expires);
async fn a_link_works_until_it_expires(pool: Pool) {
    let made = Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap();
    let expires = made + Duration::hours(1);
    let created = shares::create(
        &pool,
        &NewShareRow {
            token: "t-expiring",
            target: target(),
            title: "nightly",
            created_at: made,
            expires_at: Some(expires),
            created_by: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(created.path, "/s/t-expiring");
    let found = shares::get_active(&pool, "t-expiring", expires - Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!((found.target, found.title.as_str()), (target(), "nightly"));
    assert_eq!(found.expires_at, Some(expires));
    let expired = shares::get_active(&pool, "t-expiring", expires).await;
    assert!(matches!(expired, Err(DbError::NotFound { .. })));
    assert!(
        shares::list_active(&pool, expires)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        shares::revoke(&pool, "t-expiring", expires).await,
        Err(DbError::NotFound { .. })
    ));
}

on_both!(a_revoked_link_is_gone_and_others_stay);
async fn a_revoked_link_is_gone_and_others_stay(pool: Pool) {
    let now = Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap();
    for (token, minutes) in [("t-old", 0), ("t-new", 5)] {
        shares::create(
            &pool,
            &NewShareRow {
                token,
                target: target(),
                title: token,
                created_at: now + Duration::minutes(minutes),
                expires_at: None,
                created_by: None,
            },
        )
        .await
        .unwrap();
    }
    let later = now + Duration::days(3650);
    let listed: Vec<String> = shares::list_active(&pool, later)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.token)
        .collect();
    assert_eq!(listed, ["t-new", "t-old"], "newest first, no expiry");
    shares::revoke(&pool, "t-old", later).await.unwrap();
    let gone = shares::get_active(&pool, "t-old", later).await;
    match gone {
        Err(error @ DbError::NotFound { .. }) => {
            assert!(
                !error.to_string().contains("t-old"),
                "the token is not echoed"
            )
        }
        other => panic!("expected not found, got {other:?}"),
    }
    assert!(matches!(
        shares::revoke(&pool, "t-old", later).await,
        Err(DbError::NotFound { .. })
    ));
    assert_eq!(shares::list_active(&pool, later).await.unwrap().len(), 1);
    assert!(matches!(
        shares::get_active(&pool, "never-made", later).await,
        Err(DbError::NotFound { .. })
    ));
}
