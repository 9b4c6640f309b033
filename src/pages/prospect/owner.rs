//! Who owns the prospect, under its name in the header: a manager sees which rep's customer
//! it is; the rep sees "我" on their own.

use yew::prelude::*;

use crate::hooks::{use_sync, use_team};
use crate::i18n::{use_i18n, ProfileKey};
use crate::pages::shared::colleague_name;

#[derive(Properties, PartialEq)]
pub struct OwnerLineProps {
    /// The prospect's `owner_id` (`None`: an unassigned lead, which shows nothing).
    pub owner_id: Option<AttrValue>,
}

#[component]
pub fn OwnerLine(props: &OwnerLineProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let team = use_team();
    let Some(owner) = props.owner_id.as_deref().filter(|o| !o.is_empty()) else {
        return html! {};
    };
    let me = sync.state.user_id().unwrap_or_default();
    let who = colleague_name(&i18n, &team, &me, owner);
    html! {
        <p class="owner-line hint" data-testid="prospect-owner" data-owner={owner.to_owned()}>
            { i18n.fmt(ProfileKey::OwnerLine, &[("who", &who)]) }
        </p>
    }
}
