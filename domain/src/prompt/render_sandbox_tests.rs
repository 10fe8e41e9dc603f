//! Known-answer tests for the render sandbox: work and output limits, string blow-ups, no file access.

use std::time::{Duration, Instant};

use serde_json::{Map, json};

use super::tests::{message, render_text};
use super::*;
use crate::prompt::template::ChatRole;

#[test]
fn a_runaway_loop_is_stopped_quickly() {
    let started = Instant::now();
    let error = render_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        &[],
        json!({}),
    )
    .unwrap_err();
    // Generous for an unoptimized build on a busy machine; a release build takes about 20 ms.
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(error.code(), "render_limit_exceeded");
    assert_eq!(error.details()[0].field, "template");
}

#[test]
fn a_huge_output_is_stopped_at_the_output_limit() {
    let error = render_text(
        "{% for i in range(10000) %}{{ 'x' * 1000 }}{% endfor %}",
        &[],
        json!({}),
    )
    .unwrap_err();
    let RenderError::LimitExceeded(detail) = error else {
        panic!("expected LimitExceeded, got {error:?}");
    };
    assert!(
        detail.message.contains("1048576 bytes"),
        "{}",
        detail.message
    );
}

#[test]
fn string_blow_ups_are_stopped_before_they_allocate() {
    let started = Instant::now();
    for source in [
        "{{ 'x' * 10**9 }}",
        "{% set s = 'x' * 10**8 %}ok",
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    ] {
        let error = render_text(source, &[], json!({})).unwrap_err();
        assert_eq!(error.code(), "render_limit_exceeded", "{source}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_output_limit_is_shared_by_all_chat_messages() {
    let half_and_more = "{% for i in range(600) %}{{ 'x' * 1000 }}{% endfor %}";
    let template = Template::Chat(vec![
        message(ChatRole::System, half_and_more),
        message(ChatRole::User, half_and_more),
    ]);
    let error = render(&template, &[], &Map::new()).unwrap_err();
    assert_eq!(error.code(), "render_limit_exceeded");
    assert_eq!(error.details()[0].field, "template[1].content");
}

#[test]
fn a_compiled_prompt_gets_a_full_budget_on_every_render() {
    let compiled = CompiledPrompt::compile(
        Template::Text("{% for i in range(60000) %}{% endfor %}done".into()),
        Vec::new(),
    )
    .unwrap();
    for _ in 0..5 {
        assert_eq!(
            compiled.render(&Map::new()).unwrap(),
            Rendered::Text {
                text: "done".into()
            }
        );
    }
}

#[test]
fn templates_cannot_read_files() {
    let error = render_text("{% include '/etc/passwd' %}", &[], json!({})).unwrap_err();
    assert_eq!(error.code(), "render_failed");
    let error = render_text("{% import '/etc/passwd' as p %}", &[], json!({})).unwrap_err();
    assert_eq!(error.code(), "render_failed");
}

#[test]
fn unbounded_macro_recursion_fails_cleanly() {
    let source = "{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}";
    let error = render_text(source, &[], json!({})).unwrap_err();
    assert_eq!(error.code(), "render_failed");
}

#[test]
fn the_work_budget_is_split_between_chat_messages() {
    // An empty loop costs 3 fuel an iteration: one such message fits in RENDER_FUEL, but not in
    // the half of it that each of two messages gets.
    let long_loop = "{% for i in range(100000) %}{% endfor %}done";
    assert_eq!(render_text(long_loop, &[], json!({})).unwrap(), "done");
    let template = Template::Chat(vec![
        message(ChatRole::System, long_loop),
        message(ChatRole::User, long_loop),
    ]);
    let error = render(&template, &[], &Map::new()).unwrap_err();
    assert_eq!(error.code(), "render_limit_exceeded");
    assert_eq!(error.details()[0].field, "template[0].content");
}
