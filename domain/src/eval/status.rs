//! The life of a run: created pending, queued by a start, claimed by the worker, finished.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Created; waiting for a start, or started and waiting for the worker (`queued_at` set).
    Pending,
    Running,
    Completed,
    /// The run could not go on (its endpoint, prompt or dataset failed it); see its error.
    Failed,
    Cancelled,
}

impl RunStatus {
    pub const ALL: [RunStatus; 5] = [
        RunStatus::Pending,
        RunStatus::Running,
        RunStatus::Completed,
        RunStatus::Failed,
        RunStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Pending => "pending",
            RunStatus::Running => "running",
            RunStatus::Completed => "completed",
            RunStatus::Failed => "failed",
            RunStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Option<RunStatus> {
        RunStatus::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn is_finished(self) -> bool {
        matches!(
            self,
            RunStatus::Completed | RunStatus::Failed | RunStatus::Cancelled
        )
    }

    /// Why a start is refused, or None when a run in this state may start.
    pub fn refuse_start(self, queued: bool) -> Option<String> {
        match self {
            RunStatus::Pending if queued => Some("the run is already queued".to_owned()),
            RunStatus::Pending => None,
            other => Some(format!(
                "cannot start a run that is {}; create a new run instead",
                other.as_str()
            )),
        }
    }

    /// Why a cancel is refused, or None when a run in this state may be cancelled.
    pub fn refuse_cancel(self) -> Option<String> {
        self.is_finished()
            .then(|| format!("cannot cancel a run that is {}", self.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_pending_run_that_is_not_queued_may_start() {
        for status in RunStatus::ALL {
            for queued in [false, true] {
                let allowed = status.refuse_start(queued).is_none();
                assert_eq!(
                    allowed,
                    status == RunStatus::Pending && !queued,
                    "{status:?}"
                );
            }
        }
        assert_eq!(
            RunStatus::Completed.refuse_start(false).unwrap(),
            "cannot start a run that is completed; create a new run instead"
        );
    }

    #[test]
    fn unfinished_runs_may_be_cancelled() {
        assert!(RunStatus::Pending.refuse_cancel().is_none());
        assert!(RunStatus::Running.refuse_cancel().is_none());
        for status in [
            RunStatus::Completed,
            RunStatus::Failed,
            RunStatus::Cancelled,
        ] {
            assert!(status.refuse_cancel().is_some());
        }
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in RunStatus::ALL {
            assert_eq!(RunStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(RunStatus::parse("done"), None);
    }
}
