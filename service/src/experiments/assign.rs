//! Assignment and serving: which variant a user gets, and for serving that variant's prompt
//! rendered with the model settings to call it with. Inside a running experiment the user's
//! first assignment is counted as an exposure before the answer is sent.

use std::sync::Arc;

use db::experiments::Exposure;
use domain::experiment::{
    observation::check_user_id,
    record::VariantAssignment,
    serving::{Assignment, check_assignable, serve as serve_status, served_model},
    status::ExperimentStatus,
};
use domain::problem::Problem;
use domain::prompt::{parameters::call_parameters, selector::VersionSelector};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::cache::LoadedExperiment;
use crate::prompts::{RenderedPrompt, render_version};
use crate::{App, Caller, Permission};

/// What serving answers: the assignment, the variant's prompt rendered with the caller's
/// variables (`None` when the variant names no prompt), and how to call the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Served {
    #[serde(flatten)]
    pub assignment: VariantAssignment,
    pub prompt: Option<RenderedPrompt>,
    pub model: ModelSettings,
}

/// The variant's model (else its prompt version's) and the prompt version's parameters
/// overridden by the variant's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelSettings {
    pub model_name: Option<String>,
    pub parameters: Map<String, Value>,
}

pub async fn assign(
    caller: &Caller,
    app: &App,
    id: Uuid,
    user_id: String,
) -> Result<VariantAssignment, Problem> {
    caller.require(Permission::ServeTraffic)?;
    check_user_id(&user_id)?;
    let assigned = decide(app, id, user_id).await?;
    assigned.count_exposure(app).await?;
    Ok(assigned.into_assignment())
}

pub async fn serve(
    caller: &Caller,
    app: &App,
    id: Uuid,
    user_id: String,
    variables: &Map<String, Value>,
) -> Result<Served, Problem> {
    caller.require(Permission::ServeTraffic)?;
    check_user_id(&user_id)?;
    let assigned = decide(app, id, user_id).await?;
    let variant = &assigned.experiment.variants[assigned.assignment.variant_index];
    let prompt = match &variant.prompt_name {
        None => None,
        Some(name) => {
            let selector = match &variant.prompt_version {
                Some(version) => VersionSelector::parse(version)?,
                None => VersionSelector::Active,
            };
            let version = db::prompts::get_version(app.pool(), name, &selector).await?;
            Some(render_version(app, version, variables)?)
        }
    };
    let prompt_config = prompt.as_ref().map(|rendered| &rendered.model_config);
    let model = ModelSettings {
        model_name: served_model(variant.model_name.as_deref(), prompt_config),
        parameters: call_parameters(
            &Map::new(),
            &prompt_config.cloned().unwrap_or_default(),
            &variant.parameters,
        ),
    };
    // Counted only once the prompt rendered: a user who got an error was not served.
    assigned.count_exposure(app).await?;
    Ok(Served {
        assignment: assigned.into_assignment(),
        prompt,
        model,
    })
}

/// An assignment decided but not yet counted.
struct Assigned {
    experiment: Arc<LoadedExperiment>,
    user_id: String,
    status: ExperimentStatus,
    assignment: Assignment,
}

/// GrowthBook hash v2 of the user with the experiment's seed while it runs; the control when
/// paused; the winner (or the control) when completed. Drafts and cancelled experiments
/// assign nobody. Sticky without a lookup: the split and the seed never change, so the hash
/// gives a returning user the variant they were first counted in.
async fn decide(app: &App, id: Uuid, user_id: String) -> Result<Assigned, Problem> {
    let (experiment, state) = app
        .experiment_cache()
        .load_with_state(app.pool(), id)
        .await?;
    check_assignable(state.status)?;
    let assignment = serve_status(
        state.status,
        experiment.control_index(),
        state.winner_index,
        &experiment.seed,
        &user_id,
        &experiment.weights,
    );
    Ok(Assigned {
        experiment,
        user_id,
        status: state.status,
        assignment,
    })
}

impl Assigned {
    /// Inside the experiment, the exposure is committed (the writer ignores all but the first
    /// of each user) before the caller hears of the assignment.
    async fn count_exposure(&self, app: &App) -> Result<(), Problem> {
        if !self.assignment.in_experiment {
            return Ok(());
        }
        app.exposures()
            .expose(Exposure {
                experiment_id: self.experiment.id,
                user_id: self.user_id.clone(),
                variant_index: self.assignment.variant_index,
            })
            .await
    }

    fn into_assignment(self) -> VariantAssignment {
        let variant = self.experiment.variants[self.assignment.variant_index].clone();
        VariantAssignment {
            experiment_id: self.experiment.id,
            user_id: self.user_id,
            variant_id: variant.id.clone(),
            variant,
            in_experiment: self.assignment.in_experiment,
            status: self.status,
        }
    }
}
