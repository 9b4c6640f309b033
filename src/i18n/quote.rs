//! Messages of the deal room's formal quote: the builder, versions, approval and print page.

catalog! {
    /// A message of the formal quote.
    pub enum QuoteKey {
        Title => ["正式报价", "正式報價", "Formal quote"],
    }
}
