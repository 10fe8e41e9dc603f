//! `llmops users` from the server's host, on the database a running server uses.

use std::process::Command;

use reqwest::StatusCode;
use system_tests::{TestServer, binary, workspace_root};

use super::sign_in;

fn users(server: &TestServer, args: &[&str], password: Option<&str>) -> std::process::Output {
    let mut command = Command::new(binary());
    command
        .current_dir(workspace_root())
        .args(["users", "--db", &server.database.url])
        .args(args)
        .env("LLMOPS_LOG", "warn");
    match password {
        Some(password) => command.env("LLMOPS_USER_PASSWORD", password),
        None => command.env_remove("LLMOPS_USER_PASSWORD"),
    };
    command.output().expect("llmops users runs")
}

#[tokio::test]
async fn the_operator_creates_demotes_disables_and_resets_accounts() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let email = "ops@example.com";
    let created = users(
        &server,
        &["create", "--email", email, "--role", "editor"],
        Some("operator password 1"),
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(sign_in(&server, email, "operator password 1").await.is_ok());

    let weak = users(
        &server,
        &["create", "--email", "weak@example.com", "--role", "viewer"],
        Some("short"),
    );
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("12 characters"));

    assert!(
        users(
            &server,
            &["set-role", "--email", email, "--role", "viewer"],
            None
        )
        .status
        .success()
    );
    let listed = String::from_utf8_lossy(&users(&server, &["list"], None).stdout).into_owned();
    assert!(
        listed
            .lines()
            .any(|l| l.contains(email) && l.contains("\tviewer\t")),
        "{listed}"
    );

    assert!(
        users(
            &server,
            &["reset-password", "--email", email],
            Some("a brand new password")
        )
        .status
        .success()
    );
    assert_eq!(
        sign_in(&server, email, "operator password 1")
            .await
            .err()
            .unwrap()
            .0,
        StatusCode::UNAUTHORIZED
    );
    assert!(
        sign_in(&server, email, "a brand new password")
            .await
            .is_ok()
    );

    assert!(
        users(&server, &["disable", "--email", email], None)
            .status
            .success()
    );
    assert_eq!(
        sign_in(&server, email, "a brand new password")
            .await
            .err()
            .unwrap()
            .0,
        StatusCode::UNAUTHORIZED
    );
    let last_admin = users(
        &server,
        &[
            "set-role",
            "--email",
            system_tests::ADMIN_EMAIL,
            "--role",
            "viewer",
        ],
        None,
    );
    assert!(
        !last_admin.status.success(),
        "the last admin stays an admin"
    );
}
