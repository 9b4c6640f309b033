//! Messages of the Today screen: contacts due, approvals, quick actions, the monthly plan.

catalog! {
    /// A message of the Today screen: contacts due, approvals, quick actions, the monthly plan.
    pub enum TodayKey {
    }
}
