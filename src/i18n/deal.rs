//! Messages of the deal room outside the quote: objections, negotiation, signing.

catalog! {
    /// A message of the deal room (objections, negotiation, signing).
    pub enum DealKey {
        Objections => ["客户疑虑", "客戶疑慮", "Objections"],
        Negotiation => ["商务谈判", "商務談判", "Negotiation"],
    }
}
