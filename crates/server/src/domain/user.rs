use std::fmt;
use std::str::FromStr;

/// What a user may do. Stored in the database as the lowercase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Rep,
    Manager,
    Assistant,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Rep, Role::Manager, Role::Assistant, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Rep => "rep",
            Role::Manager => "manager",
            Role::Assistant => "assistant",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (expected rep, manager, assistant or admin)")]
pub struct RoleParseError(String);

impl FromStr for Role {
    type Err = RoleParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| RoleParseError(s.to_owned()))
    }
}

/// A login name: 2–32 characters of `a-z`, `0-9`, `.`, `_`, `-`, starting with a letter or digit.
///
/// Input is lowercased first, so `Rep1` and `rep1` are the same account; a plain `UNIQUE`
/// constraint then suffices on both database backends.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    #[error("username must be 2 to 32 characters long")]
    Length,
    #[error(
        "username may only contain a-z, 0-9, '.', '_' and '-', starting with a letter or digit"
    )]
    Characters,
}

impl Username {
    pub const MIN_LEN: usize = 2;
    pub const MAX_LEN: usize = 32;

    pub fn parse(input: &str) -> Result<Self, UsernameError> {
        let name = input.trim().to_ascii_lowercase();
        if !(Self::MIN_LEN..=Self::MAX_LEN).contains(&name.chars().count()) {
            return Err(UsernameError::Length);
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
        let first_ok = name.starts_with(|c: char| c.is_ascii_alphanumeric());
        if !first_ok || !name.chars().all(allowed) {
            return Err(UsernameError::Characters);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Username {
    type Err = UsernameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("boss".parse::<Role>().is_err());
        assert!("Rep".parse::<Role>().is_err());
    }

    #[test]
    fn username_is_trimmed_and_lowercased() {
        assert_eq!(Username::parse(" Rep1 ").unwrap().as_str(), "rep1");
        assert_eq!(
            Username::parse("li.wei_2-x").unwrap().as_str(),
            "li.wei_2-x"
        );
    }

    #[test]
    fn username_rejects_bad_input() {
        assert_eq!(Username::parse("a"), Err(UsernameError::Length));
        assert_eq!(Username::parse(&"a".repeat(33)), Err(UsernameError::Length));
        assert_eq!(Username::parse("two words"), Err(UsernameError::Characters));
        assert_eq!(Username::parse("_hidden"), Err(UsernameError::Characters));
        assert_eq!(Username::parse("王伟"), Err(UsernameError::Characters));
    }
}
