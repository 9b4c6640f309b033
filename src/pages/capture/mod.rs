//! Visit capture: a note in two taps from anywhere (the Capture tab, or with the prospect
//! already chosen from a prospect), on an existing prospect or a new one created on the spot,
//! with stage-aware templates (first-visit checklist, exchange agenda with timers, demo
//! checklist), photos and corrections. Saved on the phone first (durable before "saved"
//! shows) and synced later; the draft survives reloads until it is saved.

mod agenda;
mod draft;
mod photos;
mod picker;
mod template;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use tuoke_core::activity::{NoteAddArgs, NoteKind};
use tuoke_core::contract::Entity;
use tuoke_core::types::Stage;
use tuoke_sync::protocol::Mutation;
use tuoke_sync::view::{field, text};
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::photos::Photos;
use crate::hooks::{use_prospect, use_prospect_list, use_sync};
use crate::i18n::{use_i18n, CaptureKey, I18n, Key, LabelKey};
use crate::pages::code_of;
use crate::services::ids;
use crate::services::tel;
use crate::services::time::{self, now, today, Style};
use crate::sync::SyncHandle;
use agenda::TimerAction;
use draft::{store, Correction, Draft, Target, Template};

/// A chosen prospect is kept as the Capture tab's default this long after the last note
/// (the same visit); later the tab opens on the picker, unless a draft waits.
const KEEP_TARGET_HOURS: i64 = 3;

#[derive(Properties, PartialEq)]
pub struct CaptureProps {
    /// The prospect to capture for (from a quick action or the prospect screen).
    #[prop_or_default]
    pub prospect: Option<String>,
}

fn initial_target(user: &str, prospect: Option<&str>) -> Option<Target> {
    if let Some(id) = prospect {
        return Some(Target::Prospect(id.to_owned()));
    }
    let (target, at) = store::last(user)?;
    let recent = now() - at < chrono::TimeDelta::hours(KEEP_TARGET_HOURS);
    (recent || store::load(user, &target).has_content()).then_some(target)
}

fn now_ms() -> i64 {
    now().timestamp_millis()
}

/// The draft of the current target, loaded from `localStorage` when the target changes.
type DraftCell = Rc<RefCell<(Option<Target>, Draft)>>;

#[component]
pub fn Capture(props: &CaptureProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let user = sync.state.user_id().unwrap_or_default();
    let list = use_prospect_list();
    let target = {
        let user = user.clone();
        let prospect = props.prospect.clone();
        use_state_eq(move || initial_target(&user, prospect.as_deref()))
    };
    {
        // Coming from a prospect (the route) chooses it.
        let target = target.clone();
        use_effect_with(props.prospect.clone(), move |p| {
            if let Some(id) = p {
                target.set(Some(Target::Prospect(id.clone())));
            }
        });
    }
    let cell: DraftCell = use_mut_ref(|| (None, Draft::default()));
    let redraw = use_force_update();
    let message = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    let confirm_discard = use_state(|| false);
    let draft_kept = use_state(|| true);
    let clock = use_state(now_ms);
    let focus_note = use_mut_ref(|| false);
    let refs = Refs {
        company: use_node_ref(),
        contact: use_node_ref(),
        phone: use_node_ref(),
        body: use_node_ref(),
    };

    // Load the target's draft (synchronously: localStorage), making a new prospect's id once
    // (kept by the effect below: rendering writes nothing).
    {
        let mut c = cell.borrow_mut();
        if c.0 != *target {
            let mut d = target
                .as_ref()
                .map(|t| store::load(&user, t))
                .unwrap_or_default();
            if *target == Some(Target::New) && d.new_id.is_none() {
                d.new_id = Some(ids::new_id(now()));
            }
            *c = ((*target).clone(), d);
        }
    }
    {
        // Text fields are uncontrolled: fill them from the draft when the target changes.
        let (cell, refs, focus_note) = (cell.clone(), refs.clone(), focus_note.clone());
        let user = user.clone();
        use_effect_with((*target).clone(), move |target| {
            // A new prospect's id is kept from the start (its photos are filed under it).
            if let Some(new @ Target::New) = target {
                store::save(&user, new, &cell.borrow().1);
            }
            refs.fill(&cell.borrow().1);
            if std::mem::take(&mut *focus_note.borrow_mut()) {
                if let Some(body) = refs.body.cast::<HtmlElement>() {
                    let _ = body.focus();
                }
            }
        });
    }

    let running = cell.borrow().1.agenda.running();
    {
        // The clock: every second while an agenda item is timed, else twice a minute (the
        // "taken at" time).
        let clock = clock.clone();
        use_effect_with(running, move |running| {
            clock.set(now_ms());
            let period = if *running { 1_000 } else { 30_000 };
            let interval = Interval::new(period, move || clock.set(now_ms()));
            move || drop(interval)
        });
    }

    // Every change to the draft goes through here: applied, kept, and shown.
    let update = {
        let (cell, user, redraw, draft_kept) = (
            cell.clone(),
            user.clone(),
            redraw.clone(),
            draft_kept.clone(),
        );
        Rc::new(move |change: &dyn Fn(&mut Draft), rerender: bool| {
            let mut c = cell.borrow_mut();
            change(&mut c.1);
            if let Some(t) = &c.0 {
                let kept = store::save(&user, t, &c.1);
                if kept != *draft_kept {
                    draft_kept.set(kept);
                }
            }
            drop(c);
            if rerender {
                redraw.force_update();
            }
        })
    };

    let summary = match (&*target, list.as_ref()) {
        (Some(Target::Prospect(id)), Some(list)) => list.get(id).cloned(),
        _ => None,
    };
    let stage = match &*target {
        Some(Target::Prospect(_)) => summary.as_ref().map_or(Stage::Lead, |s| s.stage),
        _ => Stage::Lead,
    };
    let suggested = Template::for_stage(stage);
    // Until the prospect's stage is known the default template is not either: showing a
    // guess first would make the form jump.
    let template_ready = !matches!(&*target, Some(Target::Prospect(_))) || list.is_some();
    let draft = cell.borrow().1.clone();
    let template = draft.template.unwrap_or(suggested);
    let kind = draft.kind.unwrap_or(template.kind());

    let choose = {
        let (target, user, focus_note, message) = (
            target.clone(),
            user.clone(),
            focus_note.clone(),
            message.clone(),
        );
        Callback::from(move |next: Option<Target>| {
            match &next {
                Some(t) => {
                    store::set_last(&user, t, now());
                    *focus_note.borrow_mut() = true;
                }
                // Choosing again: the tab reopens on the picker.
                None => store::forget_last(&user),
            }
            message.set(None);
            target.set(next);
        })
    };

    let onsubmit = {
        let ctx = SaveContext {
            i18n: i18n.clone(),
            handle: sync.handle.clone(),
            user: user.clone(),
            cell: cell.clone(),
            refs: refs.clone(),
            target: target.clone(),
            message: message.clone(),
            busy: busy.clone(),
            template,
            kind,
        };
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            ctx.save();
        })
    };

    let text_input = |field: fn(&mut Draft) -> &mut String, node: NodeRef| {
        let (update, message) = (update.clone(), message.clone());
        Callback::from(move |_: InputEvent| {
            // The last save's message is about the last note, not this one.
            if message.is_some() {
                message.set(None);
            }
            let value = node
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| node.cast::<HtmlTextAreaElement>().map(|t| t.value()))
                .unwrap_or_default();
            update(&|d: &mut Draft| *field(d) = value.clone(), false);
        })
    };

    let on_kind = |k: NoteKind| {
        let update = update.clone();
        Callback::from(move |_: Event| update(&|d: &mut Draft| d.kind = Some(k), true))
    };
    let on_template = {
        let update = update.clone();
        Callback::from(move |t: Template| update(&|d: &mut Draft| d.template = Some(t), true))
    };
    let on_tick = {
        let update = update.clone();
        Callback::from(move |(id, on): (String, bool)| {
            update(
                &|d: &mut Draft| {
                    if on {
                        d.ticks.insert(id.clone());
                    } else {
                        d.ticks.remove(&id);
                    }
                },
                true,
            )
        })
    };
    let on_timer = {
        let (update, clock) = (update.clone(), clock.clone());
        Callback::from(move |a: TimerAction| {
            let at = now_ms();
            update(
                &|d: &mut Draft| match a {
                    TimerAction::Start => d.agenda.start(at),
                    TimerAction::Pause => d.agenda.pause(at),
                    TimerAction::Next => d.agenda.next(at),
                    TimerAction::Select(i) => d.agenda.select(i, at),
                },
                true,
            );
            clock.set(at);
        })
    };
    let on_photo_added = {
        let update = update.clone();
        Callback::from(move |id: Uuid| update(&|d: &mut Draft| d.photos.push(id), true))
    };
    let on_photo_removed = {
        let update = update.clone();
        Callback::from(move |id: Uuid| update(&|d: &mut Draft| d.photos.retain(|p| *p != id), true))
    };
    let on_correct = {
        let (update, body) = (update.clone(), refs.body.clone());
        Callback::from(
            move |(note_id, taken_at, text): (String, chrono::DateTime<chrono::Utc>, String)| {
                let field = body.cast::<HtmlTextAreaElement>();
                // Start from the original text, unless the rep has already written something:
                // that is never overwritten.
                let typed = field.as_ref().map(|t| t.value()).unwrap_or_default();
                let start = if typed.trim().is_empty() {
                    text.clone()
                } else {
                    typed
                };
                update(
                    &|d: &mut Draft| {
                        d.corrects = Some(Correction {
                            note_id: note_id.clone(),
                            taken_at,
                        });
                        d.body = start.clone();
                    },
                    true,
                );
                if let Some(t) = field {
                    t.set_value(&start);
                    let _ = t.focus();
                }
            },
        )
    };
    let cancel_correction = {
        let update = update.clone();
        Callback::from(move |_: MouseEvent| update(&|d: &mut Draft| d.corrects = None, true))
    };
    let discard = {
        let (confirm, update, refs, handle, message) = (
            confirm_discard.clone(),
            update.clone(),
            refs.clone(),
            sync.handle.clone(),
            message.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if !*confirm {
                confirm.set(true);
                return;
            }
            confirm.set(false);
            let photos = RefCell::new(Vec::new());
            update(
                &|d: &mut Draft| {
                    let new_id = d.new_id;
                    photos.borrow_mut().extend(d.photos.iter().copied());
                    *d = Draft {
                        new_id,
                        ..Draft::default()
                    };
                },
                true,
            );
            let photos = photos.into_inner();
            refs.fill(&Draft::default());
            message.set(None);
            let handle = handle.clone();
            spawn_local(async move {
                for id in photos {
                    let _ = handle.delete_attachment(id).await;
                }
            });
        })
    };
    let cancel_discard = {
        let confirm = confirm_discard.clone();
        Callback::from(move |_: MouseEvent| confirm.set(false))
    };

    let prospect_block = match &*target {
        None => html! {
            <picker::Picker list={list.clone()} recent={store::recent(&user)} today={today()}
                on_pick={choose.reform(|id| Some(Target::Prospect(id)))}
                on_new={choose.reform(|_| Some(Target::New))} />
        },
        Some(Target::New) => html! {
            <div class="card form new-prospect" data-testid="capture-new">
                <div class="chosen-head">
                    <h2>{ i18n.t(CaptureKey::NewProspectTitle) }</h2>
                    <button type="button" class="link-button" onclick={choose.reform(|_| None)} data-testid="capture-change">
                        { i18n.t(CaptureKey::ChooseExisting) }
                    </button>
                </div>
                <label class="field-label" for="capture-company">{ i18n.t(Key::Company) }<span class="required" aria-hidden="true">{ " *" }</span></label>
                <input id="capture-company" ref={refs.company.clone()} autocomplete="organization" required=true
                       oninput={text_input(|d| &mut d.company, refs.company.clone())} data-testid="capture-company" />
                <label class="field-label" for="capture-contact">{ i18n.t(Key::ContactName) }</label>
                <input id="capture-contact" ref={refs.contact.clone()} autocomplete="name"
                       oninput={text_input(|d| &mut d.contact, refs.contact.clone())} data-testid="capture-contact" />
                <label class="field-label" for="capture-phone">{ i18n.t(Key::Phone) }</label>
                <input id="capture-phone" ref={refs.phone.clone()} type="tel" autocomplete="tel" inputmode="tel"
                       oninput={text_input(|d| &mut d.phone, refs.phone.clone())} data-testid="capture-phone" />
            </div>
        },
        Some(Target::Prospect(id)) => html! {
            <div class="card chosen" data-testid="capture-chosen" data-id={id.clone()}>
                <div class="chosen-head">
                    <div>
                        <p class="chosen-company" data-testid="capture-company-name">
                            { summary.as_ref().map_or_else(|| i18n.t(Key::Loading).to_owned(), |s| s.company.clone()) }
                        </p>
                        if let Some(s) = &summary {
                            <p class="hint">
                                if let Some(g) = s.grade { <span class="grade-chip">{ g.code() }</span>{ " " } }
                                { s.contacts.first().map(|(n, _)| n.clone()).unwrap_or_default() }
                                if let Some(phone) = s.phone() {
                                    { " " }<a href={tel::href(phone)}>{ phone.to_owned() }</a>
                                }
                            </p>
                        }
                    </div>
                    <button type="button" class="link-button" onclick={choose.reform(|_| None)} data-testid="capture-change">
                        { i18n.t(CaptureKey::ChangeProspect) }
                    </button>
                </div>
            </div>
        },
    };

    let form = target.as_ref().map(|t| {
        let photo_prospect = match t {
            Target::Prospect(id) => id.clone(),
            Target::New => draft.new_id.map(|u| u.to_string()).unwrap_or_default(),
        };
        let taken = chrono::DateTime::from_timestamp_millis(*clock)
            .map(|at| time::local(at, Style::Clock))
            .unwrap_or_default();
        html! {
            <form class="card form note-form" onsubmit={onsubmit.clone()} novalidate=true data-testid="capture-form">
                <fieldset class="kinds">
                    <legend class="field-label">{ i18n.t(CaptureKey::NoteKind) }</legend>
                    <div class="segmented">
                        for k in [NoteKind::Visit, NoteKind::Call, NoteKind::Meeting, NoteKind::Other] {
                            <label class={classes!("segment", (k == kind).then_some("on"))}>
                                <input type="radio" name="capture-kind" class="visually-hidden" checked={k == kind}
                                       onchange={on_kind(k)} data-testid={format!("kind-{}", code_of(k))} />
                                { i18n.t(LabelKey::note_kind(k)) }
                            </label>
                        }
                    </div>
                </fieldset>
                if let Some(c) = &draft.corrects {
                    <p class="notice warn" data-testid="capture-correcting">
                        { i18n.fmt(CaptureKey::Correcting, &[("t", time::local(c.taken_at, Style::DayTime).as_str())]) }
                        { " " }
                        <button type="button" class="link-button" onclick={cancel_correction.clone()}>{ i18n.t(CaptureKey::CancelCorrection) }</button>
                    </p>
                }
                <div class="note-head">
                    <label class="field-label" for="capture-note">{ i18n.t(Key::NoteBody) }</label>
                    <span class="hint" data-testid="capture-taken-at">{ i18n.fmt(CaptureKey::TakenAt, &[("t", taken.as_str())]) }</span>
                </div>
                <textarea id="capture-note" ref={refs.body.clone()} rows="5" placeholder={i18n.t(Key::NoteBodyHint)}
                          oninput={text_input(|d| &mut d.body, refs.body.clone())} data-testid="capture-note" />
                <fieldset class="photos-field">
                    <legend class="field-label">{ i18n.t(CaptureKey::Photos) }</legend>
                    <photos::PhotoInput photos={draft.photos.clone()} prospect_id={photo_prospect}
                        on_added={on_photo_added.clone()} on_removed={on_photo_removed.clone()} />
                </fieldset>
                if template_ready {
                    <template::TemplatePanel {template} {suggested} ticks={draft.ticks.clone()} timer={draft.agenda.clone()}
                        now={*clock} on_template={on_template.clone()} on_tick={on_tick.clone()} on_timer={on_timer.clone()} />
                }
                <div class="capture-actions">
                    if let Some((ok, text)) = (*message).clone() {
                        <p class={if ok { "notice ok" } else { "notice error" }} role={if ok { "status" } else { "alert" }} data-testid="capture-message">{ text }</p>
                    }
                    if !*draft_kept {
                        <p class="notice warn" role="alert">{ i18n.t(CaptureKey::DraftNotKept) }</p>
                    }
                    if *confirm_discard {
                        <p class="notice warn" role="alert" data-testid="capture-discard-confirm">{ i18n.t(CaptureKey::DiscardConfirm) }</p>
                    }
                    <div class="actions">
                        if *confirm_discard {
                            <button type="button" class="secondary" onclick={cancel_discard.clone()}>{ i18n.t(Key::Cancel) }</button>
                            <button type="button" class="danger" onclick={discard.clone()} data-testid="capture-discard-yes">{ i18n.t(CaptureKey::DiscardYes) }</button>
                        } else {
                            if draft.has_content() {
                                <button type="button" class="secondary" onclick={discard.clone()} data-testid="capture-discard">{ i18n.t(CaptureKey::Discard) }</button>
                            }
                            <button type="submit" class="primary" disabled={*busy} data-testid="capture-save">{ i18n.t(Key::SaveNote) }</button>
                        }
                    </div>
                </div>
            </form>
        }
    });

    let context = match &*target {
        Some(Target::Prospect(id)) => html! { <ProspectNotes id={id.clone()} {on_correct} /> },
        _ => html! {},
    };

    html! {
        <section class="screen capture" aria-labelledby="capture-title">
            <h1 id="capture-title">{ i18n.t(Key::TabCapture) }</h1>
            if target.is_none() {
                <p class="intro">{ i18n.t(Key::CaptureIntro) }</p>
            }
            { prospect_block }
            { for form }
            { context }
        </section>
    }
}

/// The text fields of the form (uncontrolled inputs).
#[derive(Clone, PartialEq)]
struct Refs {
    company: NodeRef,
    contact: NodeRef,
    phone: NodeRef,
    body: NodeRef,
}

impl Refs {
    fn input(r: &NodeRef) -> String {
        r.cast::<HtmlInputElement>()
            .map(|i| i.value())
            .unwrap_or_default()
    }

    /// Reads the fields into the draft (a value may have been set without an input event).
    fn read(&self, d: &mut Draft) {
        if let Some(t) = self.body.cast::<HtmlTextAreaElement>() {
            d.body = t.value();
        }
        if self.company.get().is_some() {
            d.company = Self::input(&self.company);
            d.contact = Self::input(&self.contact);
            d.phone = Self::input(&self.phone);
        }
    }

    /// Shows the draft's text.
    fn fill(&self, d: &Draft) {
        for (r, v) in [
            (&self.company, &d.company),
            (&self.contact, &d.contact),
            (&self.phone, &d.phone),
        ] {
            if let Some(i) = r.cast::<HtmlInputElement>() {
                i.set_value(v);
            }
        }
        if let Some(t) = self.body.cast::<HtmlTextAreaElement>() {
            t.set_value(&d.body);
        }
    }
}

/// Everything saving needs.
struct SaveContext {
    i18n: I18n,
    handle: SyncHandle,
    user: String,
    cell: DraftCell,
    refs: Refs,
    target: UseStateHandle<Option<Target>>,
    message: UseStateHandle<Option<(bool, String)>>,
    busy: UseStateHandle<bool>,
    template: Template,
    kind: NoteKind,
}

impl SaveContext {
    fn fail(&self, key: Key) {
        self.message.set(Some((false, self.i18n.t(key).to_owned())));
    }

    fn save(&self) {
        if *self.busy {
            return;
        }
        let Some(target) = (*self.target).clone() else {
            return;
        };
        let draft = {
            let mut c = self.cell.borrow_mut();
            self.refs.read(&mut c.1);
            store::save(&self.user, &target, &c.1);
            c.1.clone()
        };
        let at = now();
        let mut mutations = Vec::new();
        let prospect_id = match &target {
            Target::Prospect(id) => match id.parse::<Uuid>() {
                Ok(id) => id,
                Err(_) => return self.fail(Key::NotFoundBody),
            },
            Target::New => {
                let (name, person, tel) = (
                    draft.company.trim(),
                    draft.contact.trim(),
                    draft.phone.trim(),
                );
                if name.is_empty() {
                    if let Some(i) = self.refs.company.cast::<HtmlElement>() {
                        let _ = i.focus();
                    }
                    return self.fail(Key::CompanyRequired);
                }
                if person.is_empty() && !tel.is_empty() {
                    return self.fail(Key::ContactNeedsName);
                }
                let id = draft.new_id.unwrap_or_else(|| ids::new_id(at));
                let mut patch = serde_json::json!({"company": name});
                if !person.is_empty() {
                    let mut c = serde_json::json!({"name": person});
                    if !tel.is_empty() {
                        c["phone"] = serde_json::json!(tel);
                    }
                    patch["contacts"] = serde_json::json!([c]);
                }
                mutations.push(Mutation::new(
                    ids::new_id(at),
                    tuoke_core::contract::MutationKind::ProspectPut,
                    serde_json::json!({"id": id, "patch": patch}),
                    at,
                ));
                id
            }
        };
        let mut body = draft.note_body(self.template, self.i18n.lang, at.timestamp_millis());
        if body.is_empty() && !draft.photos.is_empty() {
            body = self.i18n.t(CaptureKey::PhotosOnlyBody).to_owned();
        }
        if body.is_empty() && mutations.is_empty() {
            if let Some(t) = self.refs.body.cast::<HtmlElement>() {
                let _ = t.focus();
            }
            return self.fail(Key::NoteRequired);
        }
        let note_id = ids::new_id(at);
        if !body.is_empty() {
            let args = NoteAddArgs {
                id: note_id,
                prospect_id,
                body,
                kind: self.kind,
                taken_at: at,
                attachment_ids: draft.photos.clone(),
            };
            mutations.push(Mutation::note_add(ids::new_id(at), &args, at));
        }
        self.busy.set(true);
        self.message.set(None);
        let (handle, i18n, user) = (self.handle.clone(), self.i18n.clone(), self.user.clone());
        let (message, busy, target_state, refs) = (
            self.message.clone(),
            self.busy.clone(),
            self.target.clone(),
            self.refs.clone(),
        );
        let cell = self.cell.clone();
        spawn_local(async move {
            let pid = prospect_id.to_string();
            // The photos are linked to the note before it exists, so the syncing tab never
            // pushes a note whose photos it does not know to upload.
            let linked = link_photos(&handle, &draft.photos, &pid, Some(note_id)).await;
            let result = match linked {
                Ok(()) => handle.save(mutations).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    store::clear(&user, &target);
                    let next = Target::Prospect(pid.clone());
                    store::set_last(&user, &next, now());
                    store::push_recent(&user, &pid);
                    *cell.borrow_mut() = (Some(next.clone()), Draft::default());
                    refs.fill(&Draft::default());
                    // Further notes go to the same prospect.
                    target_state.set(Some(next));
                    message.set(Some((true, i18n.t(Key::Saved).to_owned())));
                }
                Err(e) => {
                    let _ = link_photos(&handle, &draft.photos, &pid, None).await;
                    message.set(Some((false, crate::pages::save_error_text(&i18n, &e))));
                }
            }
            busy.set(false);
        });
    }
}

/// Files the draft's photos under the prospect and the note (or back under no note).
async fn link_photos(
    handle: &SyncHandle,
    photos: &[Uuid],
    prospect_id: &str,
    note_id: Option<Uuid>,
) -> Result<(), crate::sync::SaveError> {
    for id in photos {
        let Ok(Some(mut a)) = handle.attachment(*id).await else {
            continue;
        };
        a.prospect_id = prospect_id.to_owned();
        a.note_id = note_id.map(|n| n.to_string());
        handle.save_attachment(&a).await?;
    }
    Ok(())
}

#[derive(Properties, PartialEq)]
struct ProspectNotesProps {
    id: String,
    on_correct: Callback<(String, chrono::DateTime<chrono::Utc>, String)>,
}

/// The prospect's latest notes (each can be corrected by a new note) and its photos.
#[component]
fn ProspectNotes(props: &ProspectNotesProps) -> Html {
    let i18n = use_i18n();
    let deal = use_prospect(props.id.clone());
    let Some(deal) = deal else {
        return html! {};
    };
    let mut notes: Vec<_> = deal.of_prospect(Entity::Note, &props.id).collect();
    notes.sort_by_key(|n| std::cmp::Reverse(text(&n.data, "taken_at")));
    html! {
        <section class="card recent-notes" aria-labelledby="recent-notes-title" data-testid="capture-recent">
            <h2 id="recent-notes-title">{ i18n.t(CaptureKey::RecentNotes) }</h2>
            if notes.is_empty() {
                <p class="hint">{ i18n.t(Key::NoNotes) }</p>
            }
            <ul class="notes">
                { for notes.iter().take(3).map(|n| {
                    let body = text(&n.data, "body");
                    let taken: Option<chrono::DateTime<chrono::Utc>> = text(&n.data, "taken_at").parse().ok();
                    let kind = field::<NoteKind>(&n.data, "kind").map(LabelKey::note_kind);
                    let correct = taken.map(|at| {
                        let (on, id, body) = (props.on_correct.clone(), n.id.clone(), body.clone());
                        Callback::from(move |_: MouseEvent| on.emit((id.clone(), at, body.clone())))
                    });
                    html! {
                        <li key={n.id.clone()} data-testid="capture-recent-note">
                            <p class="note-meta hint">
                                { taken.map(|at| time::local(at, Style::DayTime)).unwrap_or_default() }
                                if let Some(k) = kind { { " · " }{ i18n.t(k) } }
                                if n.pending { { " " }<span class="badge pending">{ i18n.t(Key::PendingBadge) }</span> }
                            </p>
                            <p class="note-body">{ body }</p>
                            if let Some(correct) = correct {
                                <button type="button" class="link-button" onclick={correct} data-testid="capture-correct">{ i18n.t(CaptureKey::Correct) }</button>
                            }
                        </li>
                    }
                }) }
            </ul>
            <h2>{ i18n.t(CaptureKey::ProspectPhotos) }</h2>
            <Photos prospect_id={props.id.clone()} />
        </section>
    }
}
