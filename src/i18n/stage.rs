//! Messages of the stage bar, playbooks, the activity log and the notes timeline of a prospect.

catalog! {
    /// A message of the stage bar, playbooks, the activity log and the notes timeline of a prospect.
    pub enum StageKey {
    }
}
