//! Messages of visit capture: templates, timers, photos, corrections.

catalog! {
    /// A message of visit capture: templates, timers, photos, corrections.
    pub enum CaptureKey {
    }
}
