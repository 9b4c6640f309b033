//! The six kinds of key information (SPEC §4): overall and per-category completeness, the
//! recorded values, an edit form per category (saved as that category's object), the
//! missing items as the next questions to ask, and the MAN check.
//!
//! Completeness, the questions and MAN are the core's ([`tuoke_core::keyinfo`]); this
//! module only lays them out and turns forms into patches.

mod category;
mod man;
mod meter;
mod specs;
mod view;

use std::rc::Rc;
use tuoke_core::contract::Entity;

use tuoke_core::keyinfo::{report, Category};
use yew::prelude::*;

use super::section::SectionProps;
use crate::i18n::{use_i18n, ProfileKey as P};
use category::CategoryCard;
use man::Man;
use meter::Meter;
use specs::{code, short_label};
use tuoke_core::record::ProspectRecord;

#[component]
pub fn KeyInfoSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let open = use_state(|| None::<Category>);
    let Some(record) = props.deal.get(Entity::Prospect, &props.id) else {
        return html! {};
    };
    let Some(typed) = record.typed::<ProspectRecord>() else {
        return html! { <p class="card error" role="alert">{ i18n.t(P::Unreadable) }</p> };
    };
    let prospect = Rc::new(typed.prospect);
    let all = report(&prospect);
    let percent = all.percent.to_string();
    html! {
        <>
            <section class="card keyinfo-summary" aria-labelledby="keyinfo-title" data-testid="keyinfo-summary"
                data-percent={percent.clone()} data-questions={all.next_questions.len().to_string()}>
                <h2 id="keyinfo-title">{ i18n.t(P::KeyInfoTitle) }</h2>
                <Meter percent={all.percent} label={i18n.t(P::KeyInfoTitle)} />
                <ul class="category-chips">
                    { for all.categories.iter().map(|r| html! {
                        <li key={code(r.category)}>
                            <a href={format!("#cat-{}", code(r.category))} class={classes!("chip", r.is_complete().then_some("complete"))}>
                                { i18n.t(short_label(r.category)) }
                                <span class="count">{ format!("{}/{}", r.known, r.total) }</span>
                            </a>
                        </li>
                    }) }
                </ul>
                <p class="meter-text" data-testid="keyinfo-overall">
                    { i18n.fmt(P::KeyInfoOverall, &[("p", percent.as_str()), ("k", all.known.to_string().as_str()), ("t", all.total.to_string().as_str())]) }
                </p>
            </section>
            { for Category::ALL.into_iter().map(|c| {
                let onopen = {
                    let open = open.clone();
                    Callback::from(move |o: Option<Category>| open.set(o))
                };
                html! {
                    <CategoryCard key={code(c)} id={props.id.clone()} prospect={prospect.clone()} category={c}
                        editing={*open == Some(c)} {onopen} />
                }
            }) }
            <Man id={props.id.clone()} prospect={prospect.clone()} />
        </>
    }
}
