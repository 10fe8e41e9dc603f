//! Share links against the service's clock: a link works until its expiry and not after, with
//! no waiting on the wall clock.

use std::sync::Arc;

use chrono::Duration;
use domain::eval::new_run::NewRun;
use domain::problem::ErrorCode;
use domain::share::{NewShare, ShareTarget};
use serde_json::json;
use service::{App, Caller, clock::Clock, shares};

use crate::support::{Env, PUBLIC_URL, node};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_works_until_it_expires_on_the_services_clock() {
    let env = Env::without_worker(2).await;
    let clock: Arc<dyn Clock> = env.clock.clone();
    let settings = service::AppSettings {
        public_url: PUBLIC_URL.into(),
        node: node(),
        database: env.database(),
        setup_code: None,
        key_bindings: Default::default(),
    };
    let (app, tasks) = App::start(env.pool.clone(), clock, settings);
    let caller = Caller::operator();
    let new_run: NewRun = serde_json::from_value(json!({
        "dataset": "qa", "prompt_name": "reply", "endpoint": "echo", "metrics": ["exact_match"]
    }))
    .unwrap();
    let run = service::runs::create(&caller, &app, new_run).await.unwrap();
    let target = ShareTarget::Run { run_id: run.id };
    let expires_at = env.now() + Duration::hours(1);
    let share = shares::create(&caller, &app, NewShare::of(target, Some(expires_at)))
        .await
        .unwrap();
    assert_eq!(share.expires_at, Some(expires_at));

    env.clock.advance(Duration::minutes(59));
    let opened = shares::open(&caller, &app, &share.token).await.unwrap();
    assert_eq!(opened.share.token, share.token);
    assert_eq!(shares::list(&caller, &app).await.unwrap().len(), 1);

    env.clock.advance(Duration::minutes(2));
    let expired = shares::open(&caller, &app, &share.token)
        .await
        .err()
        .expect("an expired link does not open");
    assert_eq!(expired.code, ErrorCode::NotFound);
    assert_eq!(
        expired.message,
        "this link does not exist, has expired or was revoked"
    );
    assert!(shares::list(&caller, &app).await.unwrap().is_empty());

    let late = shares::create(&caller, &app, NewShare::of(target, Some(expires_at)))
        .await
        .unwrap_err();
    assert_eq!(late.code, ErrorCode::ValidationFailed);
    assert!(late.field("expires_at").is_some(), "{late:?}");
    tasks.stop().await;
}
