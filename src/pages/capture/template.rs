//! The template part of the capture form: the switcher (the prospect's stage picks the
//! default) and the chosen template's checklist or agenda.

use std::collections::BTreeSet;

use yew::prelude::*;

use super::agenda::{Agenda, AgendaTimer, TimerAction};
use super::checklist::{checklist, Template};
use crate::i18n::{use_i18n, CaptureKey};

#[derive(Properties, PartialEq)]
pub struct TemplatePanelProps {
    pub template: Template,
    /// The template the prospect's stage suggests.
    pub suggested: Template,
    pub ticks: BTreeSet<String>,
    pub timer: AgendaTimer,
    pub now: i64,
    pub on_template: Callback<Template>,
    pub on_tick: Callback<(String, bool)>,
    pub on_timer: Callback<TimerAction>,
}

#[component]
pub fn TemplatePanel(props: &TemplatePanelProps) -> Html {
    let i18n = use_i18n();
    let groups = checklist(props.template);
    html! {
        <fieldset class="template" data-testid="capture-template">
            <legend class="field-label">{ i18n.t(CaptureKey::Template) }</legend>
            <div class="segmented">
                { for Template::ALL.iter().map(|t| {
                    let on = props.on_template.clone();
                    let t = *t;
                    let onchange = Callback::from(move |_: Event| on.emit(t));
                    html! {
                        <label class={classes!("segment", (t == props.template).then_some("on"))}>
                            <input type="radio" name="capture-template" class="visually-hidden"
                                   checked={t == props.template} {onchange}
                                   data-testid={format!("template-{}", code(t))} />
                            { i18n.t(t.label()) }
                            if t == props.suggested && t != Template::Plain {
                                <span class="suggested" aria-label={i18n.t(CaptureKey::SuggestedByStage)}>{ "•" }</span>
                            }
                        </label>
                    }
                }) }
            </div>
            if props.suggested != Template::Plain {
                <p class="hint">{ i18n.fmt(CaptureKey::TemplateHint, &[("t", i18n.t(props.suggested.label()))]) }</p>
            }
            { for groups.iter().map(|group| html! {
                <div class="checklist" key={group.title as usize}>
                    <p class="checklist-title">{ i18n.t(group.title) }</p>
                    <ul>
                        { for group.items.iter().map(|item| {
                            let checked = props.ticks.contains(item.id);
                            let on = props.on_tick.clone();
                            let id = item.id.to_owned();
                            let onchange = Callback::from(move |_: Event| on.emit((id.clone(), !checked)));
                            html! {
                                <li key={item.id}>
                                    <label class="check">
                                        <input type="checkbox" {checked} {onchange} data-testid="checklist-item" data-id={item.id} />
                                        <span>{ item.text.get(i18n.lang) }</span>
                                    </label>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }) }
            if props.template == Template::Exchange {
                <Agenda timer={props.timer.clone()} now={props.now} on_action={props.on_timer.clone()} />
            }
        </fieldset>
    }
}

fn code(t: Template) -> &'static str {
    match t {
        Template::Plain => "plain",
        Template::FirstVisit => "first_visit",
        Template::Exchange => "exchange",
        Template::Demo => "demo",
    }
}
