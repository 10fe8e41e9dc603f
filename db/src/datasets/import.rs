//! A whole-file import: samples arrive in batches while the file is parsed, inside one
//! transaction that commits only if the whole file was good.

use domain::dataset::{record::DatasetVersion, sample::ValidSample};
use sqlx::{Any, Transaction};
use uuid::Uuid;

use super::changes::Change;
use crate::DbError;
use crate::store::{Pool, begin_write};

/// An import in progress. Dropping it without `commit` rolls everything back.
pub struct Import {
    tx: Transaction<'static, Any>,
    change: Change,
}

impl Import {
    pub async fn begin(
        pool: &Pool,
        dataset_id: Uuid,
        message: Option<String>,
    ) -> Result<Import, DbError> {
        let mut tx = begin_write(pool, &format!("dataset:{dataset_id}")).await?;
        let change = Change::begin(&mut tx, dataset_id, message).await?;
        Ok(Import { tx, change })
    }

    pub async fn add(&mut self, samples: &[ValidSample]) -> Result<(), DbError> {
        self.change.add(&mut self.tx, samples).await
    }

    pub fn added(&self) -> i64 {
        self.change.added
    }

    /// Writes the new version and commits.
    pub async fn commit(mut self) -> Result<DatasetVersion, DbError> {
        let version = self.change.finish(&mut self.tx).await?;
        self.tx.commit().await?;
        Ok(version)
    }
}
