//! The screens that load after the first one. The shell, sign-in and Today are in the main
//! wasm module; every other screen's code is split off into a chunk file (release builds;
//! `scripts/split-wasm.mjs`, docs/size.md), fetched the first time one of its screens opens,
//! or earlier in the background once the first screen is up, and precached by the service
//! worker like every other file, so the installed app opens every screen offline.
//!
//! Each `split_point!` function is a split point: the code reachable only from it (the
//! screen's components, their hooks and helpers) moves to its chunk; code that the main
//! module also uses stays there. The function hands back a plain function pointer that renders
//! the screen for a route, so the main module never names a split-off component.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

use yew::prelude::*;

use crate::hooks::{use_lazy, Lazy};
use crate::i18n::{use_i18n, Key};
use crate::route::{Route, Section};

/// Renders a split-off screen for its route.
pub type Render = fn(&Route) -> Html;

/// The chunks, one per screen (or group of screens opened together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chunk {
    Capture,
    Prospects,
    Prospect,
    Pipeline,
    /// More, and the sync screen it links to.
    More,
    Playbooks,
    Quiz,
}

impl Chunk {
    /// Every chunk, in the order the background prefetch fetches them (most needed offline
    /// first: capturing a visit).
    pub const ALL: [Chunk; 7] = [
        Chunk::Capture,
        Chunk::Prospects,
        Chunk::Prospect,
        Chunk::Pipeline,
        Chunk::More,
        Chunk::Playbooks,
        Chunk::Quiz,
    ];

    /// The chunk holding a route's screen; `None` for the screens in the main module.
    pub fn of(route: &Route) -> Option<Chunk> {
        Some(match route {
            Route::Today | Route::NotFound => return None,
            Route::Prospects => Chunk::Prospects,
            Route::Prospect { .. } | Route::ProspectSection { .. } => Chunk::Prospect,
            Route::Capture | Route::CaptureNew | Route::CaptureFor { .. } => Chunk::Capture,
            Route::Pipeline => Chunk::Pipeline,
            Route::More | Route::Sync => Chunk::More,
            Route::Playbooks | Route::Playbook { .. } => Chunk::Playbooks,
            Route::Quiz => Chunk::Quiz,
        })
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The chunk's renderer when it is already loaded.
    fn loaded(self) -> Option<Render> {
        LOADED.with(|loaded| loaded[self.index()].get())
    }

    /// Loads the chunk (once; later calls return at once) and remembers its renderer.
    pub async fn load(self) -> Option<Render> {
        if let Some(render) = self.loaded() {
            return Some(render);
        }
        let loaded = match self {
            Chunk::Prospects => prospects().await,
            Chunk::Prospect => prospect().await,
            Chunk::Capture => capture().await,
            Chunk::Pipeline => pipeline().await,
            Chunk::More => more().await,
            Chunk::Playbooks => playbooks().await,
            Chunk::Quiz => quiz().await,
        };
        let render = loaded.ok()?;
        // Their style sheets too, so that no screen shows unstyled.
        crate::services::styles::screens_ready().await;
        LOADED.with(|loaded| loaded[self.index()].set(Some(render)));
        Some(render)
    }

    /// What [`use_lazy`] calls to load the chunk.
    fn fetch(self) -> crate::hooks::Fetch<Render> {
        fn boxed(chunk: Chunk) -> Pin<Box<dyn Future<Output = Option<Render>>>> {
            Box::pin(chunk.load())
        }
        match self {
            Chunk::Prospects => || boxed(Chunk::Prospects),
            Chunk::Prospect => || boxed(Chunk::Prospect),
            Chunk::Capture => || boxed(Chunk::Capture),
            Chunk::Pipeline => || boxed(Chunk::Pipeline),
            Chunk::More => || boxed(Chunk::More),
            Chunk::Playbooks => || boxed(Chunk::Playbooks),
            Chunk::Quiz => || boxed(Chunk::Quiz),
        }
    }
}

thread_local! {
    static LOADED: [Cell<Option<Render>>; Chunk::ALL.len()] = Default::default();
}

/// Loads every chunk, one after the other, so that each screen opens at once later (and the
/// browser's and the service worker's caches hold them). Failures are left for the screen
/// to report when it is opened.
pub fn prefetch_all() -> Pin<Box<dyn Future<Output = ()>>> {
    Box::pin(async {
        for chunk in Chunk::ALL {
            let _ = chunk.load().await;
        }
    })
}

// The split points. Each returns the renderer of its screens; the load error (offline and not
// cached) comes back as `Err` instead of aborting. They share two chunks: `field` (the
// prospects, a prospect, capture: the big screens, used together) and `office` (pipeline, more,
// sync, playbooks, quiz). One chunk per screen made ~50 files (the splitter gives code shared
// by any set of split points a file of its own), whose download slowed the service worker's
// first install by a third.

split_point!(
    field,
    fn prospects() -> Render {
        Ok(|_| html! { <super::prospects::Prospects /> })
    }
);

split_point!(
    field,
    fn prospect() -> Render {
        Ok(|route| match route {
            Route::Prospect { id } => {
                html! { <super::prospect::ProspectPage id={id.clone()} section={Section::Overview} /> }
            }
            Route::ProspectSection { id, section } => {
                html! { <super::prospect::ProspectPage id={id.clone()} section={*section} /> }
            }
            _ => Html::default(),
        })
    }
);

split_point!(
    field,
    fn capture() -> Render {
        Ok(|route| match route {
            Route::CaptureNew => html! { <super::capture::Capture new=true /> },
            Route::CaptureFor { prospect } => {
                html! { <super::capture::Capture prospect={Some(prospect.clone())} /> }
            }
            _ => html! { <super::capture::Capture /> },
        })
    }
);

split_point!(
    office,
    fn pipeline() -> Render {
        Ok(|_| html! { <super::pipeline::Pipeline /> })
    }
);

split_point!(
    office,
    fn more() -> Render {
        Ok(|route| match route {
            Route::Sync => html! { <super::sync::SyncPage /> },
            _ => html! { <super::more::More /> },
        })
    }
);

split_point!(
    office,
    fn playbooks() -> Render {
        Ok(|route| match route {
            Route::Playbook { topic } => {
                html! { <super::playbooks::PlaybookPage topic={topic.clone()} /> }
            }
            _ => html! { <super::playbooks::Playbooks /> },
        })
    }
);

split_point!(
    office,
    fn quiz() -> Render {
        Ok(|_| html! { <super::quiz::Quiz /> })
    }
);

#[derive(Properties, PartialEq)]
pub struct LazyScreenProps {
    pub chunk: Chunk,
    pub route: Route,
}

/// A split-off screen: a loading line while its code arrives, the screen once it is there,
/// and, when it cannot be fetched, what happened and what to do (with a retry button; the
/// hook also retries when the phone comes back online).
#[component]
pub fn LazyScreen(props: &LazyScreenProps) -> Html {
    let i18n = use_i18n();
    let (state, retry) = use_lazy(props.chunk.loaded(), props.chunk.fetch());
    match state {
        Lazy::Ready(render) => render(&props.route),
        Lazy::Loading => html! {
            <section class="screen" aria-busy="true">
                <p class="hint" role="status" data-testid="screen-loading">{ i18n.t(Key::ScreenLoading) }</p>
            </section>
        },
        Lazy::Failed => html! {
            <section class="screen">
                <p class="error" role="alert" data-testid="screen-unavailable">{ i18n.t(Key::ScreenUnavailable) }</p>
                <button class="primary" onclick={move |_| retry.emit(())}>{ i18n.t(Key::ScreenRetry) }</button>
            </section>
        },
    }
}
