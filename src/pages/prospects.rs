//! The prospect list, read from the local view (works offline; the rep's unsynced changes
//! are shown with a "not synced" badge). Search, filters and the full profile come with the
//! field-workflow screens.

use serde_json::Value;
use tuoke_sync::view::ViewRecord;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::i18n::{use_i18n, Key};
use crate::sync::use_local_view;

const ENTITIES: &[&str] = &["prospect", "note"];

fn text<'a>(data: &'a Value, key: &str) -> &'a str {
    data.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Rows rendered at first and added per "show more" (the full list screen virtualises).
const PAGE: usize = 100;

#[component]
pub fn Prospects() -> Html {
    let i18n = use_i18n();
    let view = use_local_view(ENTITIES);
    let shown = use_state(|| PAGE);
    let Some(view) = view else {
        return html! { <section class="screen"><p class="hint">{ i18n.t(Key::Loading) }</p></section> };
    };
    let mut prospects: Vec<&ViewRecord> = view.entity("prospect").collect();
    prospects.sort_by(|a, b| text(&a.data, "company").cmp(text(&b.data, "company")));
    let count = prospects.len().to_string();
    let more = prospects.len().saturating_sub(*shown);
    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(*shown + PAGE))
    };
    html! {
        <section class="screen" aria-labelledby="prospects-title">
            <h1 id="prospects-title">{ i18n.t(Key::TabProspects) }</h1>
            <p class="intro">{ i18n.fmt(Key::ProspectsCount, &[("n", count.as_str())]) }</p>
            <Link<Route> to={Route::Capture} classes="button primary">{ i18n.t(Key::NewProspect) }</Link<Route>>
            if prospects.is_empty() {
                <p class="card empty" data-testid="prospects-empty">{ i18n.t(Key::ProspectsEmpty) }</p>
            }
            <ul class="list" data-testid="prospect-list">
                { for prospects.iter().take(*shown).map(|p| {
                    let contact = p.data.get("contacts").and_then(|c| c.get(0));
                    let who = contact.map(|c| format!("{} {}", text(c, "name"), text(c, "phone"))).unwrap_or_default();
                    let mut notes: Vec<&ViewRecord> = view.of_prospect("note", &p.id).collect();
                    notes.sort_by(|a, b| text(&a.data, "taken_at").cmp(text(&b.data, "taken_at")));
                    html! {
                        <li key={p.id.clone()} class="card prospect" data-testid="prospect-row" data-id={p.id.clone()}>
                            <details>
                                <summary>
                                    <span class="company">{ text(&p.data, "company") }</span>
                                    if p.pending {
                                        <span class="badge pending" data-testid="pending-badge">{ i18n.t(Key::PendingBadge) }</span>
                                    }
                                    <span class="hint">{ who }</span>
                                </summary>
                                <h2>{ i18n.t(Key::NotesTitle) }</h2>
                                if notes.is_empty() {
                                    <p class="hint">{ i18n.t(Key::NoNotes) }</p>
                                }
                                <ul class="notes">
                                    { for notes.iter().map(|n| html! {
                                        <li key={n.id.clone()} data-testid="note">
                                            <p>{ text(&n.data, "body") }</p>
                                            if n.pending {
                                                <span class="badge pending">{ i18n.t(Key::PendingBadge) }</span>
                                            }
                                        </li>
                                    }) }
                                </ul>
                            </details>
                        </li>
                    }
                }) }
            </ul>
            if more > 0 {
                <button class="secondary" onclick={show_more} data-testid="show-more">
                    { i18n.fmt(Key::ShowMore, &[("n", more.min(PAGE).to_string().as_str())]) }
                </button>
            }
        </section>
    }
}
