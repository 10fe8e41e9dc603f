//! The prompt queries against a fresh database per test.

use db::{DbError, Pool, prompts};
use domain::prompt::{
    draft::{NewVersion, ValidVersion},
    label::LabelName,
    name::PromptName,
    selector::VersionSelector,
    template::Template,
};

fn draft(template: &str, version: Option<&str>) -> ValidVersion {
    NewVersion {
        version: version.map(str::to_string),
        template: Template::Text(template.to_string()),
        variables: Vec::new(),
        model_config: Default::default(),
        commit_message: String::new(),
    }
    .validate()
    .expect("the test draft is valid")
}

fn selector(raw: &str) -> VersionSelector {
    VersionSelector::parse(raw).unwrap()
}

async fn create(pool: &Pool, name: &str) {
    let name = PromptName::parse(name).unwrap();
    prompts::create(pool, &name, "", draft("one", None), "test")
        .await
        .unwrap();
}

on_both!(the_first_version_is_active_and_recorded);
async fn the_first_version_is_active_and_recorded(pool: Pool) {
    create(&pool, "p").await;
    let detail = prompts::get(&pool, "p").await.unwrap();
    assert_eq!(detail.active_version.as_deref(), Some("1.0.0"));
    assert_eq!(detail.activations.len(), 1);
    assert_eq!(detail.activations[0].previous_version, None);
}

on_both!(a_duplicate_prompt_name_is_a_conflict_on_name);
async fn a_duplicate_prompt_name_is_a_conflict_on_name(pool: Pool) {
    create(&pool, "p").await;
    let name = PromptName::parse("p").unwrap();
    let error = prompts::create(&pool, &name, "", draft("two", None), "test")
        .await
        .unwrap_err();
    assert!(
        matches!(error, DbError::Conflict { field: "name", .. }),
        "{error:?}"
    );
    assert_eq!(prompts::count(&pool).await.unwrap(), 1);
}

on_both!(versions_are_derived_from_the_highest_one);
async fn versions_are_derived_from_the_highest_one(pool: Pool) {
    create(&pool, "p").await;
    let v = prompts::create_version(&pool, "p", draft("b", Some("1.4.2")), false, "test")
        .await
        .unwrap();
    assert_eq!(v.version, "1.4.2");
    let next = prompts::create_version(&pool, "p", draft("c", None), false, "test")
        .await
        .unwrap();
    assert_eq!(next.version, "1.5.0");
    let latest = prompts::get_version(&pool, "p", &selector("latest"))
        .await
        .unwrap();
    assert_eq!(latest.version, "1.5.0");
    let active = prompts::get_version(&pool, "p", &selector("active"))
        .await
        .unwrap();
    assert_eq!(
        active.version, "1.0.0",
        "new versions are not activated unless asked"
    );
}

on_both!(a_duplicate_version_is_a_conflict_and_stores_nothing);
async fn a_duplicate_version_is_a_conflict_and_stores_nothing(pool: Pool) {
    create(&pool, "p").await;
    let error = prompts::create_version(&pool, "p", draft("x", Some("1.0.0")), true, "test")
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            DbError::Conflict {
                field: "version",
                ..
            }
        ),
        "{error:?}"
    );
    let detail = prompts::get(&pool, "p").await.unwrap();
    assert_eq!(detail.versions.len(), 1);
    assert_eq!(detail.activations.len(), 1);
}

on_both!(activation_moves_the_pointer_and_keeps_history);
async fn activation_moves_the_pointer_and_keeps_history(pool: Pool) {
    create(&pool, "p").await;
    prompts::create_version(&pool, "p", draft("two", None), true, "test")
        .await
        .unwrap();
    let rolled_back = prompts::activate(&pool, "p", &selector("1.0.0"), "test")
        .await
        .unwrap();
    assert!(rolled_back.is_active);
    let again = prompts::activate(&pool, "p", &selector("1.0.0"), "test")
        .await
        .unwrap();
    assert!(again.is_active);
    let detail = prompts::get(&pool, "p").await.unwrap();
    let history: Vec<_> = detail
        .activations
        .iter()
        .map(|a| (a.version.as_str(), a.previous_version.as_deref()))
        .collect();
    assert_eq!(
        history,
        [
            ("1.0.0", Some("1.1.0")),
            ("1.1.0", Some("1.0.0")),
            ("1.0.0", None)
        ],
        "re-activating the active version records nothing"
    );
    assert_eq!(detail.versions.iter().filter(|v| v.is_active).count(), 1);
}

on_both!(labels_move_between_versions_and_can_be_removed);
async fn labels_move_between_versions_and_can_be_removed(pool: Pool) {
    create(&pool, "p").await;
    prompts::create_version(&pool, "p", draft("two", None), false, "test")
        .await
        .unwrap();
    let staging = LabelName::parse("staging").unwrap();
    prompts::set_label(&pool, "p", &staging, &selector("1.0.0"))
        .await
        .unwrap();
    let moved = prompts::set_label(&pool, "p", &staging, &selector("1.1.0"))
        .await
        .unwrap();
    assert_eq!(moved.labels, ["staging"]);
    let by_label = prompts::get_version(&pool, "p", &selector("staging"))
        .await
        .unwrap();
    assert_eq!(by_label.version, "1.1.0");
    let old = prompts::get_version(&pool, "p", &selector("1.0.0"))
        .await
        .unwrap();
    assert!(old.labels.is_empty());

    prompts::remove_label(&pool, "p", &staging).await.unwrap();
    let error = prompts::remove_label(&pool, "p", &staging)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            DbError::NotFound {
                entity: "label",
                ..
            }
        ),
        "{error:?}"
    );
}

on_both!(unknown_prompts_and_versions_are_told_apart);
async fn unknown_prompts_and_versions_are_told_apart(pool: Pool) {
    create(&pool, "p").await;
    let missing_prompt = prompts::get_version(&pool, "q", &selector("active"))
        .await
        .unwrap_err();
    assert!(matches!(
        missing_prompt,
        DbError::NotFound {
            entity: "prompt",
            ..
        }
    ));
    let missing_version = prompts::get_version(&pool, "p", &selector("2.0.0"))
        .await
        .unwrap_err();
    assert!(matches!(
        missing_version,
        DbError::NotFound {
            entity: "version",
            ..
        }
    ));
    let missing_label = prompts::activate(&pool, "p", &selector("prod"), "test")
        .await
        .unwrap_err();
    assert!(matches!(
        missing_label,
        DbError::NotFound {
            entity: "version",
            ..
        }
    ));
}

on_both!(the_list_summarises_each_prompt);
async fn the_list_summarises_each_prompt(pool: Pool) {
    create(&pool, "a").await;
    create(&pool, "b").await;
    prompts::create_version(&pool, "a", draft("x", Some("3.0.0")), false, "test")
        .await
        .unwrap();
    let list = prompts::list(&pool).await.unwrap();
    let a = list.iter().find(|p| p.name == "a").unwrap();
    assert_eq!(a.version_count, 2);
    assert_eq!(a.latest_version, "3.0.0");
    assert_eq!(a.active_version.as_deref(), Some("1.0.0"));
    assert_eq!(
        list[0].name, "a",
        "the most recently changed prompt comes first"
    );
}
