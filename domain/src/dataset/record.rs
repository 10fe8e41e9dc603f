//! Datasets, their versions and their samples as the store returns them and as the API and the
//! UI show them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{
    kind::DatasetType,
    sample::{SampleInput, ValidSample},
};

/// One stored sample; `id` stays the same across the versions the sample lives in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    pub id: Uuid,
    pub input: String,
    pub expected_output: String,
    pub context: String,
    pub metadata: Map<String, Value>,
}

impl Sample {
    /// A checked sample under the id the store gave it.
    pub fn new(id: Uuid, sample: ValidSample) -> Self {
        let SampleInput {
            input,
            expected_output,
            context,
            metadata,
        } = sample.into_inner();
        Sample {
            id,
            input,
            expected_output,
            context,
            metadata,
        }
    }

    /// The editable part, e.g. to prefill an edit form or to check an edit.
    pub fn to_input(&self) -> SampleInput {
        SampleInput {
            input: self.input.clone(),
            expected_output: self.expected_output.clone(),
            context: self.context.clone(),
            metadata: self.metadata.clone(),
        }
    }
}

/// A row of the dataset list; `version` is the latest one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub id: Uuid,
    pub name: String,
    #[serde(rename = "type")]
    pub dataset_type: DatasetType,
    pub description: String,
    pub version: i64,
    pub sample_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One change to a dataset's samples and what it did; every earlier version stays readable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetVersion {
    pub version: i64,
    pub added: i64,
    pub changed: i64,
    pub removed: i64,
    pub sample_count: i64,
    pub message: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A window of the samples of one version, `offset` and `limit` as asked, `total` of the version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SamplePage {
    pub dataset_id: Uuid,
    pub version: i64,
    pub offset: i64,
    pub limit: i64,
    pub total: i64,
    pub samples: Vec<Sample>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_dataset_serializes_its_type_under_the_key_type() {
        let at = DateTime::parse_from_rfc3339("2025-01-02T03:04:05Z")
            .unwrap()
            .with_timezone(&Utc);
        let dataset = Dataset {
            id: Uuid::nil(),
            name: "qa".into(),
            dataset_type: DatasetType::Golden,
            description: String::new(),
            version: 3,
            sample_count: 10,
            created_at: at,
            updated_at: at,
        };
        let value = serde_json::to_value(&dataset).unwrap();
        assert_eq!(value["type"], json!("golden"));
        assert!(value.get("dataset_type").is_none());
        assert_eq!(serde_json::from_value::<Dataset>(value).unwrap(), dataset);
    }

    #[test]
    fn a_stored_sample_gives_back_the_input_it_was_made_from() {
        let input = SampleInput {
            input: "q".into(),
            expected_output: "a".into(),
            context: "c".into(),
            metadata: json!({"tag": "x"}).as_object().unwrap().clone(),
        };
        let valid = input.clone().validate().unwrap();
        let id = Uuid::from_u128(7);
        let sample = Sample::new(id, valid);
        assert_eq!(sample.id, id);
        assert_eq!(sample.to_input(), input);
    }
}
