//! The team directory: the colleagues the signed-in user may see by name (`GET
//! /api/v1/team`), cached on the phone so that an approval can say who asked and a prospect
//! who owns it, offline.

use std::collections::BTreeMap;

use crate::protocol::UserInfo;

/// The users of the last `GET /api/v1/team` answer, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Team {
    users: BTreeMap<String, UserInfo>,
}

impl Team {
    /// The directory of `users`.
    pub fn new(users: impl IntoIterator<Item = UserInfo>) -> Self {
        Team {
            users: users.into_iter().map(|u| (u.id.clone(), u)).collect(),
        }
    }

    /// The user `id`, if the phone knows them.
    pub fn get(&self, id: &str) -> Option<&UserInfo> {
        self.users.get(id)
    }

    /// The name to show for user `id`: their display name (their username if that is
    /// blank); `None` for a user the phone does not know.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        let user = self.get(id)?;
        let name = user.display_name.trim();
        Some(if name.is_empty() {
            &user.username
        } else {
            name
        })
    }

    /// Every known user, by id.
    pub fn users(&self) -> impl Iterator<Item = &UserInfo> {
        self.users.values()
    }

    /// Whether no user is known (never fetched).
    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, username: &str, display_name: &str) -> UserInfo {
        UserInfo {
            id: id.into(),
            username: username.into(),
            display_name: display_name.into(),
            role: "rep".into(),
            manager_id: None,
            territory: None,
        }
    }

    #[test]
    fn names_are_display_names_else_usernames_and_unknown_ids_have_none() {
        let team = Team::new([user("1", "rep1", "王小明"), user("2", "rep2", " ")]);
        assert_eq!(team.name_of("1"), Some("王小明"));
        assert_eq!(team.name_of("2"), Some("rep2"));
        assert_eq!(team.name_of("3"), None);
        assert!(!team.is_empty());
        assert!(Team::default().is_empty());
    }
}
