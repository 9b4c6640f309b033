//! Visit capture: a note on an existing prospect or on a new one created on the spot, saved
//! on the phone first (durable before "saved" shows) and synced later.

use serde_json::{json, Value};
use tuoke_sync::protocol::{names, Mutation};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::{use_i18n, Key};
use crate::services::ids;
use crate::sync::{now, use_local_view, use_sync};

const ENTITIES: &[&str] = &["prospect"];
/// The prospect choice meaning "a new one".
const NEW: &str = "new";

#[derive(Properties, PartialEq)]
pub struct CaptureProps {
    /// The prospect to capture for (from a quick action or the prospect screen).
    #[prop_or_default]
    pub prospect: Option<String>,
}

#[component]
pub fn Capture(props: &CaptureProps) -> Html {
    let _ = &props.prospect;
    let i18n = use_i18n();
    let sync = use_sync();
    let view = use_local_view(ENTITIES);
    let choice = use_state(|| NEW.to_owned());
    let message = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    let (company, contact, phone, body) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );

    let mut prospects: Vec<(String, String)> = view
        .as_ref()
        .map(|v| {
            v.entity("prospect")
                .map(|p| {
                    (
                        p.id.clone(),
                        p.data
                            .get("company")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    prospects.sort_by(|a, b| a.1.cmp(&b.1));

    let onchoose = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                choice.set(select.value());
            }
        })
    };

    let onsubmit = {
        let (choice, message, busy) = (choice.clone(), message.clone(), busy.clone());
        let (company, contact, phone, body) = (
            company.clone(),
            contact.clone(),
            phone.clone(),
            body.clone(),
        );
        let (i18n, handle) = (i18n.clone(), sync.handle.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let input = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value().trim().to_owned())
                    .unwrap_or_default()
            };
            let note = body
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value().trim().to_owned())
                .unwrap_or_default();
            let at = now();
            let mut mutations = Vec::new();
            let prospect_id = if *choice == NEW {
                let (name, person, tel) = (input(&company), input(&contact), input(&phone));
                if name.is_empty() {
                    message.set(Some((false, i18n.t(Key::CompanyRequired).to_owned())));
                    return;
                }
                if person.is_empty() && !tel.is_empty() {
                    message.set(Some((false, i18n.t(Key::ContactNeedsName).to_owned())));
                    return;
                }
                let id = ids::new_id(at);
                let mut patch = json!({"company": name});
                if !person.is_empty() {
                    let mut c = json!({"name": person});
                    if !tel.is_empty() {
                        c["phone"] = json!(tel);
                    }
                    patch["contacts"] = json!([c]);
                }
                mutations.push(Mutation::new(
                    ids::new_id(at),
                    names::PROSPECT_PUT,
                    json!({"id": id, "patch": patch}),
                    at,
                ));
                id.to_string()
            } else {
                (*choice).clone()
            };
            if note.is_empty() && mutations.is_empty() {
                message.set(Some((false, i18n.t(Key::NoteRequired).to_owned())));
                return;
            }
            if !note.is_empty() {
                let args = json!({"id": ids::new_id(at), "prospect_id": prospect_id, "body": note,
                                  "kind": "visit", "taken_at": at});
                mutations.push(Mutation::new(ids::new_id(at), names::NOTE_ADD, args, at));
            }
            busy.set(true);
            let (message, busy, i18n, handle, choice) = (
                message.clone(),
                busy.clone(),
                i18n.clone(),
                handle.clone(),
                choice.clone(),
            );
            let (company, contact, phone, body) = (
                company.clone(),
                contact.clone(),
                phone.clone(),
                body.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match handle.save(mutations).await {
                    Ok(()) => {
                        for r in [&company, &contact, &phone] {
                            if let Some(i) = r.cast::<HtmlInputElement>() {
                                i.set_value("");
                            }
                        }
                        if let Some(t) = body.cast::<HtmlTextAreaElement>() {
                            t.set_value("");
                        }
                        // Further notes go to the same prospect.
                        choice.set(prospect_id);
                        message.set(Some((true, i18n.t(Key::Saved).to_owned())));
                    }
                    Err(e) => message.set(Some((false, crate::pages::save_error_text(&i18n, &e)))),
                }
                busy.set(false);
            });
        })
    };

    let is_new = *choice == NEW;
    html! {
        <section class="screen" aria-labelledby="capture-title">
            <h1 id="capture-title">{ i18n.t(Key::TabCapture) }</h1>
            <p class="intro">{ i18n.t(Key::CaptureIntro) }</p>
            <form class="card form" {onsubmit} novalidate=true data-testid="capture-form">
                <label class="field-label" for="capture-prospect">{ i18n.t(Key::CaptureProspect) }</label>
                <select id="capture-prospect" onchange={onchoose} data-testid="capture-prospect">
                    <option value={NEW} selected={is_new}>{ i18n.t(Key::CaptureNewProspect) }</option>
                    { for prospects.iter().map(|(id, name)| html! {
                        <option key={id.clone()} value={id.clone()} selected={*choice == *id}>{ name.clone() }</option>
                    }) }
                </select>
                if is_new {
                    <label class="field-label" for="capture-company">{ i18n.t(Key::Company) }</label>
                    <input id="capture-company" ref={company} autocomplete="organization" data-testid="capture-company" />
                    <label class="field-label" for="capture-contact">{ i18n.t(Key::ContactName) }</label>
                    <input id="capture-contact" ref={contact} autocomplete="name" data-testid="capture-contact" />
                    <label class="field-label" for="capture-phone">{ i18n.t(Key::Phone) }</label>
                    <input id="capture-phone" ref={phone} type="tel" autocomplete="tel" data-testid="capture-phone" />
                }
                <label class="field-label" for="capture-note">{ i18n.t(Key::NoteBody) }</label>
                <textarea id="capture-note" ref={body} rows="5" placeholder={i18n.t(Key::NoteBodyHint)} data-testid="capture-note" />
                if let Some((ok, text)) = (*message).clone() {
                    <p class={if ok { "notice ok" } else { "error" }} role={if ok { "status" } else { "alert" }} data-testid="capture-message">{ text }</p>
                }
                <div class="actions">
                    <button type="submit" class="primary" disabled={*busy} data-testid="capture-save">{ i18n.t(Key::SaveNote) }</button>
                </div>
            </form>
        </section>
    }
}
