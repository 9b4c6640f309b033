use crate::i18n::{use_i18n, Key};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlaceholderProps {
    pub title: Key,
    pub intro: Key,
    pub planned: Key,
    #[prop_or_default]
    pub children: Html,
}

/// A screen whose feature is still to come: says plainly what it will hold.
#[component]
pub fn Placeholder(props: &PlaceholderProps) -> Html {
    let i18n = use_i18n();
    html! {
        <section class="screen">
            <h1>{ i18n.t(props.title) }</h1>
            <p class="intro">{ i18n.t(props.intro) }</p>
            <div class="card planned">
                <span class="badge">{ i18n.t(Key::ComingSoon) }</span>
                <p>{ i18n.t(props.planned) }</p>
            </div>
            { props.children.clone() }
        </section>
    }
}
