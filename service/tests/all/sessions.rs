//! Session expiry against the service's clock: a session ends after the idle limit and at its
//! absolute expiry however busy, with no waiting on the wall clock.

use std::sync::Arc;

use chrono::Duration;
use domain::access::{Login, NewUser, Role};
use domain::problem::ErrorCode;
use service::access::{authenticate, operator, sessions};
use service::{App, Caller, clock::Clock};

use crate::support::{Env, PUBLIC_URL, node};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ends_when_idle_and_at_its_absolute_expiry() {
    let env = Env::without_worker(1).await;
    let clock: Arc<dyn Clock> = env.clock.clone();
    let settings = service::AppSettings {
        public_url: PUBLIC_URL.into(),
        node: node(),
        database: env.database(),
        setup_code: None,
        key_bindings: Default::default(),
    };
    let (app, tasks) = App::start(env.pool.clone(), clock, settings);
    let new = NewUser {
        email: "ada@example.com".into(),
        display_name: "Ada".into(),
        password: "correct horse battery".into(),
        role: Role::Editor,
    };
    operator::create_user(&env.pool, new).await.unwrap();
    let login = || Login {
        email: "ada@example.com".into(),
        password: "correct horse battery".into(),
    };
    let works = |app: &App, token: String| {
        let app = app.clone();
        async move { authenticate::session(&app, &token, None).await }
    };

    let idle = sessions::login(&Caller::anonymous(), &app, login())
        .await
        .unwrap();
    env.clock
        .advance(authenticate::SESSION_IDLE - Duration::minutes(5));
    assert!(
        works(&app, idle.token.clone()).await.is_ok(),
        "used just inside the idle limit"
    );
    env.clock
        .advance(authenticate::SESSION_IDLE - Duration::minutes(5));
    assert!(
        works(&app, idle.token.clone()).await.is_ok(),
        "each use moves the idle clock"
    );
    env.clock
        .advance(authenticate::SESSION_IDLE + Duration::minutes(1));
    let ended = works(&app, idle.token).await.unwrap_err();
    assert_eq!(ended.code, ErrorCode::Unauthorized);

    let busy = sessions::login(&Caller::anonymous(), &app, login())
        .await
        .unwrap();
    let mut used_for = Duration::zero();
    while used_for < authenticate::SESSION_LIFETIME - Duration::hours(1) {
        assert!(works(&app, busy.token.clone()).await.is_ok());
        env.clock.advance(Duration::hours(1));
        used_for += Duration::hours(1);
    }
    env.clock.advance(Duration::hours(2));
    assert!(
        works(&app, busy.token).await.is_err(),
        "no session outlives its absolute expiry"
    );
    tasks.stop().await;
}
