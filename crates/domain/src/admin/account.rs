//! Staff accounts and their sessions.
//!
//! Passwords are hashed with argon2id (PHC string format, random salt). A session is a random
//! token handed to the browser once; the store keeps only its SHA-256. The CSRF token of a
//! session is derived from the session token, so it is bound to it and needs no storage.

use std::sync::Arc;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use serde::Serialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::site::Site;
use crate::store::Store;
use crate::token;
use crate::{Error, Result};

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Manages everything: every site's comments and settings.
    Admin,
    /// Moderates the comments of the listed sites only.
    Moderator,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Moderator => "moderator",
        }
    }

    /// Parses a stored or typed name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "admin" => Some(Role::Admin),
            "moderator" => Some(Role::Moderator),
            _ => None,
        }
    }
}

/// A stored staff account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Store id.
    pub id: i64,
    /// Login name.
    pub name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Role.
    pub role: Role,
    /// Names of the sites a moderator acts on (ignored for admins).
    pub sites: Vec<String>,
    /// Where to send notices of comments waiting for moderation (empty: none).
    pub email: String,
    /// Creation time, Unix milliseconds.
    pub created_at: i64,
}

impl User {
    /// Whether this user may see and moderate `site`'s comments.
    pub fn may_moderate(&self, site: &Site) -> bool {
        self.may_moderate_named(&site.name)
    }

    /// Whether this user may see and moderate the site with this name.
    pub fn may_moderate_named(&self, site_name: &str) -> bool {
        self.role == Role::Admin || self.sites.iter().any(|s| s == site_name)
    }

    /// Whether this user may change site settings and API keys.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// An account to create or update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// Login name.
    pub name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Role.
    pub role: Role,
    /// Site names (moderators).
    pub sites: Vec<String>,
    /// Address for moderation notices (empty: none).
    pub email: String,
    /// Creation time, Unix milliseconds.
    pub created_at: i64,
}

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Hashes a password with argon2id and a random salt.
///
/// # Errors
/// When the random source fails.
pub fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| crate::store::Error::Backend(Box::new(e)))?;
    let salt = SaltString::encode_b64(&salt)
        .map_err(|e| crate::store::Error::Backend(e.to_string().into()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| crate::store::Error::Backend(e.to_string().into()).into())
}

/// Whether `password` matches the stored argon2 hash (constant time; false for a malformed hash).
pub fn verify_password(stored_hash: &str, password: &str) -> bool {
    PasswordHash::new(stored_hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash no password matches, verified against for unknown accounts so that a wrong name
/// costs as much time as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_password("not a password: unknown account").unwrap_or_else(|_| {
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$\
             q4gUuGm8W6Fgey5JImDfXnAl0ZkLzeIc7nbcL0sPVsM"
                .into()
        })
    })
}

/// Validates a login name: 1 to 64 letters, digits, `.`, `-`, `_` or `@`.
///
/// # Errors
/// [`Error::Invalid`] for `name`.
pub fn parse_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty()
        || n.chars().count() > 64
        || !n.chars().all(|c| c.is_alphanumeric() || ".-_@".contains(c))
    {
        return Err(Error::field(
            "name",
            "must be 1 to 64 letters, digits, '.', '-', '_' or '@'",
        ));
    }
    Ok(n.to_owned())
}

/// The CSRF token of a session: derived from the session token, so it is bound to the
/// session and changes with it.
pub fn csrf_token(session_token: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"retort admin csrf\0");
    h.update(session_token.as_bytes());
    hex::encode(&h.finalize()[..20])
}

/// Whether `submitted` is the CSRF token of `session_token` (constant time).
pub fn csrf_matches(session_token: &str, submitted: &str) -> bool {
    let expected = csrf_token(session_token);
    expected.len() == submitted.len() && bool::from(expected.as_bytes().ct_eq(submitted.as_bytes()))
}

/// Accounts and sessions over a store.
#[derive(Clone)]
pub struct Accounts {
    store: Arc<dyn Store>,
    session_ms: i64,
}

impl Accounts {
    /// Sessions last `session_ms` milliseconds from login.
    pub fn new(store: Arc<dyn Store>, session_ms: i64) -> Self {
        Accounts { store, session_ms }
    }

    /// How long a session lasts, in milliseconds.
    pub fn session_ms(&self) -> i64 {
        self.session_ms
    }

    /// Creates an account, or replaces the password, role and sites of the account with that
    /// name. Returns it and whether it is new.
    ///
    /// # Errors
    /// [`Error::Invalid`] for a bad name, a short password or an unknown site;
    /// [`Error::Store`] when the store fails.
    pub async fn save_user(
        &self,
        name: &str,
        password: &str,
        role: Role,
        sites: &[String],
        email: &str,
        now: i64,
    ) -> Result<(User, bool)> {
        let name = parse_name(name)?;
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(Error::field(
                "password",
                format!("must be at least {MIN_PASSWORD_CHARS} characters"),
            ));
        }
        for s in sites {
            if self.store.site_by_name(s).await?.is_none() {
                return Err(Error::field("site", format!("there is no site '{s}'")));
            }
        }
        let email = email.trim();
        if !email.is_empty() {
            crate::comment::Email::parse(email, &crate::comment::Limits::default())
                .map_err(|e| Error::Invalid(vec![e]))?;
        }
        let existed = self.store.admin_user_by_name(&name).await?.is_some();
        let new = NewUser {
            name,
            password_hash: hash_password(password)?,
            role,
            sites: sites.to_vec(),
            email: email.to_owned(),
            created_at: now,
        };
        let user = self.store.save_admin_user(&new).await?;
        Ok((user, !existed))
    }

    /// The account with this login name.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn user_by_name(&self, name: &str) -> Result<Option<User>> {
        Ok(self.store.admin_user_by_name(name.trim()).await?)
    }

    /// Opens a session for `user`; returns its token (shown once, to be set as a cookie).
    ///
    /// # Errors
    /// When the random source or the store fails.
    pub async fn start_session(&self, user: &User, now: i64) -> Result<String> {
        let token = token::random_hex(32).map_err(|e| crate::store::Error::Backend(Box::new(e)))?;
        self.store.purge_admin_sessions(now).await?;
        self.store
            .create_admin_session(
                &token::hash_token(&token),
                user.id,
                now,
                now + self.session_ms,
            )
            .await?;
        Ok(token)
    }

    /// The user of a live session.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn session(&self, session_token: &str, now: i64) -> Result<Option<User>> {
        if session_token.is_empty() || session_token.len() > 128 {
            return Ok(None);
        }
        Ok(self
            .store
            .admin_session(&token::hash_token(session_token), now)
            .await?)
    }

    /// Ends a session.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn end_session(&self, session_token: &str) -> Result<()> {
        Ok(self
            .store
            .delete_admin_session(&token::hash_token(session_token))
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse battery").expect("hash");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password(&h, "correct horse battery"));
        assert!(!verify_password(&h, "wrong horse battery"));
        assert!(!verify_password("garbage", "x"));
        assert_ne!(
            h,
            hash_password("correct horse battery").expect("hash"),
            "salted"
        );
        assert!(!verify_password(dummy_hash(), ""));
    }

    #[test]
    fn csrf_tokens_are_bound_to_the_session() {
        let a = csrf_token("session-a");
        assert!(csrf_matches("session-a", &a));
        assert!(!csrf_matches("session-b", &a));
        assert!(!csrf_matches("session-a", ""));
        assert!(!csrf_matches("session-a", &a[..10]));
    }

    #[test]
    fn names_are_validated() {
        assert!(parse_name("ada").is_ok());
        assert!(parse_name("ada.l@example.org").is_ok());
        assert!(parse_name("").is_err());
        assert!(parse_name("a b").is_err());
        assert!(parse_name("<x>").is_err());
    }
}
