//! The form's inputs as signals, shared by its parts, and the draft they make when it is sent.

use domain::eval::metric::MetricName;
use leptos::prelude::*;

use super::draft::{MetricDraft, RunDraft, ScheduleDraft};

/// One metric of the grid: ticked or not, its threshold and its option.
#[derive(Clone, Copy)]
pub struct MetricRow {
    pub name: MetricName,
    pub checked: RwSignal<bool>,
    pub threshold: RwSignal<String>,
    /// regex: pattern; contains/icontains/starts_with: value; llm_judge: rubric.
    pub option: RwSignal<String>,
}

impl MetricRow {
    fn new(name: MetricName) -> Self {
        MetricRow {
            name,
            checked: RwSignal::new(false),
            threshold: RwSignal::new(String::new()),
            option: RwSignal::new(String::new()),
        }
    }
}

/// Every metric there is, in the grid's order.
pub type MetricRows = [MetricRow; MetricName::ALL.len()];

/// What is evaluated: a dataset version, a prompt version and an endpoint.
#[derive(Clone, Copy)]
pub struct Targets {
    pub dataset: RwSignal<String>,
    pub dataset_version: RwSignal<String>,
    pub prompt: RwSignal<String>,
    pub prompt_version: RwSignal<String>,
    pub endpoint: RwSignal<String>,
}

#[derive(Clone, Copy)]
pub struct ScheduleInputs {
    /// Run on a schedule instead of once.
    pub scheduled: RwSignal<bool>,
    pub cron: RwSignal<String>,
    pub min_pass_rate: RwSignal<String>,
    pub webhook_url: RwSignal<String>,
}

#[derive(Clone, Copy)]
pub struct RunForm {
    pub name: RwSignal<String>,
    pub targets: Targets,
    pub metrics: MetricRows,
    pub parameters: RwSignal<String>,
    pub start: RwSignal<bool>,
    pub schedule: ScheduleInputs,
}

impl RunForm {
    pub fn new(scheduled: bool) -> Self {
        let text = || RwSignal::new(String::new());
        RunForm {
            name: text(),
            targets: Targets {
                dataset: text(),
                dataset_version: text(),
                prompt: text(),
                prompt_version: text(),
                endpoint: text(),
            },
            metrics: MetricName::ALL.map(MetricRow::new),
            parameters: text(),
            start: RwSignal::new(true),
            schedule: ScheduleInputs {
                scheduled: RwSignal::new(scheduled),
                cron: text(),
                min_pass_rate: text(),
                webhook_url: text(),
            },
        }
    }

    pub fn draft(&self) -> RunDraft {
        let targets = self.targets;
        let schedule = self.schedule;
        RunDraft {
            name: self.name.get_untracked(),
            dataset: targets.dataset.get_untracked(),
            dataset_version: targets.dataset_version.get_untracked(),
            prompt: targets.prompt.get_untracked(),
            prompt_version: targets.prompt_version.get_untracked(),
            endpoint: targets.endpoint.get_untracked(),
            metrics: self
                .metrics
                .iter()
                .filter(|row| row.checked.get_untracked())
                .map(|row| MetricDraft {
                    name: row.name,
                    threshold: row.threshold.get_untracked(),
                    option: row.option.get_untracked(),
                })
                .collect(),
            parameters: self.parameters.get_untracked(),
            start: self.start.get_untracked(),
            schedule: schedule.scheduled.get_untracked().then(|| ScheduleDraft {
                cron: schedule.cron.get_untracked(),
                min_pass_rate: schedule.min_pass_rate.get_untracked(),
                webhook_url: schedule.webhook_url.get_untracked(),
            }),
        }
    }
}
