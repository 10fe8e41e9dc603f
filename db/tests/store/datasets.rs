//! Dataset versioning against a fresh database per test.

use db::{DbError, Pool, datasets};
use domain::dataset::{
    new_dataset::NewDataset,
    record::Sample,
    sample::{SampleInput, ValidSample},
};
use serde_json::json;
use uuid::Uuid;

fn sample(input: &str, expected: &str) -> ValidSample {
    SampleInput {
        input: input.into(),
        expected_output: expected.into(),
        context: String::new(),
        metadata: json!({"source": "test"}).as_object().unwrap().clone(),
    }
    .validate()
    .expect("the test sample is valid")
}

async fn create(pool: &Pool, name: &str) -> Uuid {
    let new = NewDataset {
        name: name.into(),
        dataset_type: "golden".into(),
        description: String::new(),
    }
    .validate()
    .unwrap();
    datasets::create(pool, &new).await.unwrap().id
}

async fn inputs(pool: &Pool, id: Uuid, version: i64) -> Vec<String> {
    let page = datasets::page(pool, id, Some(version), 0, 100)
        .await
        .unwrap();
    assert_eq!(page.total as usize, page.samples.len());
    page.samples.into_iter().map(|s| s.input).collect()
}

async fn all(pool: &Pool, id: Uuid) -> Vec<Sample> {
    datasets::page(pool, id, None, 0, 100)
        .await
        .unwrap()
        .samples
}

on_both!(a_new_dataset_starts_empty_at_version_zero);
async fn a_new_dataset_starts_empty_at_version_zero(pool: Pool) {
    let id = create(&pool, "qa").await;
    let dataset = datasets::get(&pool, id).await.unwrap();
    assert_eq!((dataset.version, dataset.sample_count), (0, 0));
    assert!(inputs(&pool, id, 0).await.is_empty());
}

on_both!(earlier_versions_read_exactly_as_they_were);
async fn earlier_versions_read_exactly_as_they_were(pool: Pool) {
    let id = create(&pool, "qa").await;
    let v1 = datasets::add_samples(
        &pool,
        id,
        &[sample("a", "1"), sample("b", "2"), sample("c", "3")],
        None,
    )
    .await
    .unwrap();
    assert_eq!((v1.version, v1.added, v1.sample_count), (1, 3, 3));
    let first = all(&pool, id).await;

    let v2 = datasets::edit_sample(
        &pool,
        id,
        first[1].id,
        &sample("b edited", "2"),
        Some("fix b".into()),
    )
    .await
    .unwrap()
    .0;
    assert_eq!((v2.version, v2.changed, v2.sample_count), (2, 1, 3));
    let v3 = datasets::delete_sample(&pool, id, first[0].id, None)
        .await
        .unwrap();
    assert_eq!((v3.version, v3.removed, v3.sample_count), (3, 1, 2));

    assert_eq!(inputs(&pool, id, 1).await, ["a", "b", "c"]);
    assert_eq!(inputs(&pool, id, 2).await, ["a", "b edited", "c"]);
    assert_eq!(inputs(&pool, id, 3).await, ["b edited", "c"]);
    let now = all(&pool, id).await;
    assert_eq!(now[0].id, first[1].id, "an edited sample keeps its id");

    let history = datasets::versions(&pool, id).await.unwrap();
    let summary: Vec<_> = history
        .iter()
        .map(|v| (v.version, v.added, v.changed, v.removed))
        .collect();
    assert_eq!(
        summary,
        [(3, 0, 0, 1), (2, 0, 1, 0), (1, 3, 0, 0), (0, 0, 0, 0)]
    );
    assert_eq!(history[1].message.as_deref(), Some("fix b"));
}

on_both!(storage_grows_with_changes_not_with_versions);
async fn storage_grows_with_changes_not_with_versions(pool: Pool) {
    let id = create(&pool, "qa").await;
    let many: Vec<_> = (0..100).map(|i| sample(&format!("s{i}"), "")).collect();
    datasets::add_samples(&pool, id, &many, None).await.unwrap();
    let first = all(&pool, id).await[0].id;
    for round in 0..5 {
        datasets::edit_sample(
            &pool,
            id,
            first,
            &sample(&format!("edit {round}"), ""),
            None,
        )
        .await
        .unwrap();
    }
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM dataset_samples")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        rows, 105,
        "five edits of one sample add five rows, not five copies"
    );
}

on_both!(a_sample_of_another_dataset_is_not_found_and_nothing_changes);
async fn a_sample_of_another_dataset_is_not_found_and_nothing_changes(pool: Pool) {
    let mine = create(&pool, "mine").await;
    let theirs = create(&pool, "theirs").await;
    datasets::add_samples(&pool, theirs, &[sample("x", "")], None)
        .await
        .unwrap();
    let foreign = all(&pool, theirs).await[0].id;
    let error = datasets::delete_sample(&pool, mine, foreign, None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            DbError::NotFound {
                entity: "sample",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(datasets::get(&pool, mine).await.unwrap().version, 0);
    assert_eq!(datasets::get(&pool, theirs).await.unwrap().sample_count, 1);
}

on_both!(unknown_versions_and_duplicate_names_are_refused);
async fn unknown_versions_and_duplicate_names_are_refused(pool: Pool) {
    let id = create(&pool, "qa").await;
    let error = datasets::page(&pool, id, Some(7), 0, 10).await.unwrap_err();
    assert!(
        matches!(
            error,
            DbError::NotFound {
                entity: "version",
                ..
            }
        ),
        "{error:?}"
    );
    let new = NewDataset {
        name: "qa".into(),
        dataset_type: "user".into(),
        description: String::new(),
    }
    .validate()
    .unwrap();
    let error = datasets::create(&pool, &new).await.unwrap_err();
    assert!(
        matches!(error, DbError::Conflict { field: "name", .. }),
        "{error:?}"
    );
}

on_both!(the_cursor_streams_a_version_in_order_and_an_unfinished_import_leaves_no_trace);
async fn the_cursor_streams_a_version_in_order_and_an_unfinished_import_leaves_no_trace(
    pool: Pool,
) {
    let id = create(&pool, "qa").await;
    let many: Vec<_> = (0..2500).map(|i| sample(&format!("s{i}"), "")).collect();
    datasets::add_samples(&pool, id, &many, None).await.unwrap();

    let mut import = datasets::Import::begin(&pool, id, None).await.unwrap();
    import.add(&[sample("never", "")]).await.unwrap();
    drop(import);
    assert_eq!(datasets::get(&pool, id).await.unwrap().version, 1);

    let (_, mut cursor) = datasets::SampleCursor::open(&pool, id, Some(1))
        .await
        .unwrap();
    let mut seen = Vec::new();
    loop {
        let chunk = cursor.next_chunk().await.unwrap();
        if chunk.is_empty() {
            break;
        }
        seen.extend(chunk.into_iter().map(|s| s.input));
    }
    let expected: Vec<_> = (0..2500).map(|i| format!("s{i}")).collect();
    assert_eq!(seen, expected);
}
