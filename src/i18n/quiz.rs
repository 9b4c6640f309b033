//! Messages of the training quiz.

catalog! {
    /// A message of the training quiz.
    pub enum QuizKey {
    }
}
