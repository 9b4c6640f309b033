//! Messages of the prospect screen: profile, contacts, target fit, key information, MAN, grading.

catalog! {
    /// A message of the prospect screen: profile, contacts, target fit, key information, MAN, grading.
    pub enum ProfileKey {
    }
}
