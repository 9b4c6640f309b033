use crate::components::icons;
use crate::i18n::{use_i18n, Key};
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// The bottom tab bar: the five sections of the app, reachable with one thumb.
#[component]
pub fn TabBar() -> Html {
    let i18n = use_i18n();
    let current = use_route::<Route>();
    let tabs: [(Route, Key, Html); 5] = [
        (Route::Today, Key::TabToday, icons::today()),
        (Route::Prospects, Key::TabProspects, icons::prospects()),
        (Route::Capture, Key::TabCapture, icons::capture()),
        (Route::Pipeline, Key::TabPipeline, icons::pipeline()),
        (Route::More, Key::TabMore, icons::more()),
    ];
    html! {
        <nav class="tab-bar" aria-label={i18n.t(Key::MainNavigation)}>
            for (route, key, icon) in tabs {
                <TabLink active={current.as_ref().map(Route::tab) == Some(route.clone())} {route} label={i18n.t(key)} {icon} />
            }
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct TabLinkProps {
    route: Route,
    label: &'static str,
    icon: Html,
    active: bool,
}

#[component]
fn TabLink(props: &TabLinkProps) -> Html {
    let navigator = use_navigator();
    let onclick = {
        let route = props.route.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if let Some(nav) = &navigator {
                nav.push(&route);
            }
        })
    };
    html! {
        <a class={classes!("tab", props.active.then_some("active"))}
           href={props.route.to_path()}
           aria-current={props.active.then_some("page")}
           {onclick}>
            { props.icon.clone() }
            <span class="tab-label">{ props.label }</span>
        </a>
    }
}
