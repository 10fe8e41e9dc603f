//! The operator's commands on a database: `llmops migrate` and `llmops copy`.

use crate::cli::{CopyArgs, MigrateArgs};
use crate::startup::StartupError;

pub async fn migrate(args: MigrateArgs) -> Result<(), StartupError> {
    let failed = |source| StartupError::Database {
        url: args.db.clone(),
        source,
    };
    let settings = db::store::PoolSettings::for_backend(args.db.backend());
    let pool = db::store::connect_without_migrating(&args.db, settings)
        .await
        .map_err(failed)?;
    let before = db::store::schema_state(&pool).await.map_err(failed)?;
    db::store::migrate(&pool).await.map_err(failed)?;
    match before {
        db::store::SchemaState::Pending(versions) => {
            println!("applied migrations {versions:?} to {}", args.db)
        }
        _ => println!("{} is up to date", args.db),
    }
    pool.close().await;
    Ok(())
}

pub async fn copy(args: CopyArgs) -> Result<(), StartupError> {
    let open = |url: &db::DatabaseUrl| {
        let url = url.clone();
        async move {
            let settings = db::store::PoolSettings::for_backend(url.backend());
            let pool = db::store::connect_without_migrating(&url, settings).await;
            pool.map_err(|source| StartupError::Database { url, source })
        }
    };
    let from = open(&args.from).await?;
    let to = open(&args.to).await?;
    let copied =
        db::store::copy_all(&from, &to)
            .await
            .map_err(|source| StartupError::Database {
                url: args.to.clone(),
                source,
            })?;
    for (table, rows) in &copied {
        println!("{table}: {rows}");
    }
    println!(
        "copied {} rows from {} to {}",
        copied.iter().map(|(_, rows)| rows).sum::<u64>(),
        args.from,
        args.to
    );
    Ok(())
}
