//! Messages of the prospect screen: profile, contacts, target fit, key information, MAN, grading.

catalog! {
    /// A message of the prospect screen: profile, contacts, target fit, key information, MAN, grading.
    pub enum ProfileKey {
        Sections => ["客户资料分区", "客戶資料分區", "Prospect sections"],
        SectionOverview => ["概况", "概況", "Profile"],
        SectionKeyInfo => ["关键信息", "關鍵信息", "Key info"],
        SectionGrade => ["分级", "分級", "Grade"],
        SectionStage => ["阶段", "階段", "Stage"],
        SectionActivity => ["动态", "動態", "Activity"],
        NotOnThisPhone => ["本机上没有这个客户（可能尚未同步或已转给别人）。", "本機上沒有這個客戶（可能尚未同步或已轉給別人）。", "This prospect is not on this phone (not synced yet, or transferred to someone else)."],
    }
}
