//! One form field: its label, its control, a hint, and the message the last submission left for
//! it. The field gives the control its id, `aria-invalid` and `aria-describedby`, so the control
//! is written once, with only what makes it that control.

use domain::problem::Problem;
use leptos::{
    attr::{aria_describedby, aria_invalid, id as id_attr},
    children::TypedChildren,
    prelude::*,
};

/// What is said under a control; made from text, it is one `<p class="field-hint">`, and
/// nothing when the text is empty.
#[derive(Default)]
pub struct Hint(Option<AnyView>);

impl Hint {
    /// A hint drawn as it is: one with markup (`<code>` examples, a link) or one that shows only
    /// in some states. It brings its own `<p class="field-hint">`.
    pub fn view(hint: impl IntoView + 'static) -> Self {
        Hint(Some(hint.into_any()))
    }

    fn text(text: impl Into<String>) -> Self {
        let text = text.into();
        Hint((!text.is_empty()).then(|| view! { <p class="field-hint">{text}</p> }.into_any()))
    }
}

impl From<&'static str> for Hint {
    fn from(text: &'static str) -> Self {
        Hint::text(text)
    }
}

impl From<String> for Hint {
    fn from(text: String) -> Self {
        Hint::text(text)
    }
}

/// The field's name in a problem's details: fixed, or following the form (a metric's index
/// among the checked ones). A fixed name is a plain `String` captured by each closure, never a
/// signal of the field's own: the control's attribute effects may outlive the field's owner (a
/// form redrawn while a submission is in flight) and must not read a disposed value then.
#[derive(Clone)]
pub enum FieldName {
    Fixed(String),
    Following(Signal<String>),
}

impl FieldName {
    fn get(&self) -> String {
        match self {
            FieldName::Fixed(name) => name.clone(),
            FieldName::Following(name) => name.get(),
        }
    }
}

impl From<&str> for FieldName {
    fn from(name: &str) -> Self {
        FieldName::Fixed(name.to_owned())
    }
}

impl From<String> for FieldName {
    fn from(name: String) -> Self {
        FieldName::Fixed(name)
    }
}

impl From<Signal<String>> for FieldName {
    fn from(name: Signal<String>) -> Self {
        FieldName::Following(name)
    }
}

/// A labelled field: `<div class="field">` with the label, the control (`children`), the hint
/// and the field's message.
#[component]
pub fn Field<L, C>(
    /// The control's id; the label points at it and the message is named after it.
    #[prop(into)]
    id: String,
    /// Text, or text with markup such as a muted "(optional)".
    label: L,
    /// The field's name in the problem's details, such as `model_config.top_p`.
    #[prop(into)]
    field: FieldName,
    errors: Signal<Option<Problem>>,
    #[prop(optional, into)] hint: Hint,
    /// A narrow column of a field row.
    #[prop(optional)]
    narrow: bool,
    children: TypedChildren<C>,
) -> impl IntoView
where
    L: IntoView + 'static,
    C: IntoView + 'static,
{
    let class = if narrow {
        "field field-narrow"
    } else {
        "field"
    };
    view! {
        <div class=class>
            <label for=id.clone()>{label}</label>
            {control_with_message(id, field, errors, hint, children)}
        </div>
    }
}

/// A control without a `<label>` of its own (it has an `aria-label`, or its label sits in a row
/// of its own), followed by the hint and the field's message.
#[component]
pub fn FieldControl<C>(
    #[prop(into)] id: String,
    #[prop(into)] field: FieldName,
    errors: Signal<Option<Problem>>,
    #[prop(optional, into)] hint: Hint,
    children: TypedChildren<C>,
) -> impl IntoView
where
    C: IntoView + 'static,
{
    control_with_message(id, field, errors, hint, children)
}

fn control_with_message<C: IntoView + 'static>(
    id: String,
    field: FieldName,
    errors: Signal<Option<Problem>>,
    hint: Hint,
    control: TypedChildren<C>,
) -> impl IntoView {
    let message_id = format!("{id}-error");
    let described_by = message_id.clone();
    let invalid = {
        let field = field.clone();
        move || errors.with(|problem| message_for(problem.as_ref(), &field.get()).is_some())
    };
    let also_invalid = invalid.clone();
    let control = control.into_inner()().add_any_attr((
        id_attr(id),
        aria_invalid(move || invalid().to_string()),
        aria_describedby(move || also_invalid().then(|| described_by.clone())),
    ));
    let message = view! { <FieldMessage errors field id=message_id /> };
    // Matched rather than drawn as an `Option`, which would leave a placeholder node where no
    // hint is.
    match hint.0 {
        Some(hint) => view! { {control} {hint} {message} }.into_any(),
        None => view! { {control} {message} }.into_any(),
    }
}

/// The inline message for one field of a form, when the last submission named it.
#[component]
pub fn FieldMessage(
    #[prop(into)] errors: Signal<Option<Problem>>,
    #[prop(into)] field: FieldName,
    /// Set when a control refers to the message with `aria-describedby`.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let message = move || {
        errors.with(|problem| message_for(problem.as_ref(), &field.get()).map(str::to_string))
    };
    move || message().map(|m| view! { <p class="field-error" id=id.clone()>{m}</p> })
}

fn message_for<'a>(problem: Option<&'a Problem>, field: &str) -> Option<&'a str> {
    problem.and_then(|p| p.field(field))
}
