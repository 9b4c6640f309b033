//! Messages of the Prospects list: search, filters, sorting.

catalog! {
    /// A message of the Prospects list: search, filters, sorting.
    pub enum ListKey {
    }
}
