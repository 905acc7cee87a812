//! Request-body and query parsing with clear 4xx errors: bodies over the limit (413), invalid
//! UTF-8, malformed form data and malformed JSON (400) are refused with a message that says
//! what is wrong, in the JSON error format.

use std::collections::HashMap;

use axum::body::{Body, Bytes};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Reads a whole body, refusing more than `limit` bytes.
///
/// # Errors
/// 413 when the body is too large, 400 when it cannot be read.
pub async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        // axum reports an over-limit body as an error whose chain mentions the length limit.
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        let mut too_large = false;
        while let Some(x) = cur {
            too_large |= x.to_string().contains("length limit");
            cur = x.source();
        }
        if too_large {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                format!("The request body is larger than {limit} bytes."),
            )
        } else {
            ApiError::bad_request("unreadable_body", "The request body could not be read.")
        }
    })
}

/// The error for text holding a NUL character, which no field may contain.
pub fn nul_error() -> ApiError {
    ApiError::bad_request("invalid_text", "Text must not contain NUL characters.")
}

/// Parses a JSON body into `T`.
///
/// # Errors
/// 400 for invalid UTF-8 or malformed JSON, naming the problem.
pub fn json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if std::str::from_utf8(bytes).is_err() {
        return Err(ApiError::bad_request(
            "invalid_utf8",
            "The request body is not valid UTF-8.",
        ));
    }
    if bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000")) {
        return Err(nul_error());
    }
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request(
            "invalid_json",
            format!("The request body is not valid JSON for this call: {e}"),
        )
    })
}

/// Parses `application/x-www-form-urlencoded` data (a body or a query string). Repeated keys
/// are kept in order.
///
/// # Errors
/// 400 when the data or a decoded value is not valid UTF-8, or a `%` escape is malformed.
pub fn form(bytes: &[u8]) -> Result<Form, ApiError> {
    let invalid = || ApiError::bad_request("invalid_utf8", "The form data is not valid UTF-8.");
    let text = std::str::from_utf8(bytes).map_err(|_| invalid())?;
    let mut pairs = Vec::new();
    for part in text.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let (k, v) = (
            decode(k).map_err(|_| invalid())?,
            decode(v).map_err(|_| invalid())?,
        );
        if k.contains('\0') || v.contains('\0') {
            return Err(nul_error());
        }
        pairs.push((k, v));
    }
    Ok(Form { pairs })
}

fn decode(s: &str) -> Result<String, ()> {
    let plus = s.replace('+', " ");
    let bytes = plus.as_bytes();
    // A '%' must be followed by two hex digits.
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'%' {
            let ok = bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
            if !ok {
                return Err(());
            }
        }
    }
    percent_encoding::percent_decode(bytes)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| ())
}

/// Decoded form data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Form {
    pairs: Vec<(String, String)>,
}

impl Form {
    /// The last value of `key`, or empty.
    pub fn get(&self, key: &str) -> String {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value of `key`, in order.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The value of `key` parsed as a positive id; `Ok(None)` when absent or empty.
    ///
    /// # Errors
    /// 400 when the value is not a number.
    pub fn id(&self, key: &'static str) -> Result<Option<i64>, ApiError> {
        let v = self.get(key);
        if v.trim().is_empty() {
            return Ok(None);
        }
        v.trim().parse::<i64>().map(Some).map_err(|_| {
            let mut e = ApiError::bad_request("invalid_field", format!("{key} must be a number"));
            e.fields = vec![retort_domain::FieldError {
                field: key,
                message: "must be a number".into(),
            }];
            e
        })
    }

    /// As a map of last values (for re-rendering a form).
    pub fn to_map(&self) -> HashMap<String, String> {
        self.pairs.iter().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decodes_plus_and_percent() {
        let f = form(b"author=Ada+L&text=caf%C3%A9%21&x=1&x=2").expect("valid");
        assert_eq!(f.get("author"), "Ada L");
        assert_eq!(f.get("text"), "café!");
        assert_eq!(f.all("x"), vec!["1", "2"]);
        assert_eq!(f.get("missing"), "");
    }

    #[test]
    fn form_refuses_invalid_utf8_and_bad_escapes() {
        assert_eq!(
            form(b"text=%FF%FE").map_err(|e| e.code),
            Err("invalid_utf8")
        );
        assert_eq!(form(b"text=\xff").map_err(|e| e.code), Err("invalid_utf8"));
        assert!(form(b"text=%G1").is_err());
        assert!(form(b"text=%4").is_err());
        assert_eq!(form(b"text=a%00b").map_err(|e| e.code), Err("invalid_text"));
    }

    #[test]
    fn json_errors_name_the_problem() {
        #[derive(serde::Deserialize, Debug)]
        struct T {
            #[allow(dead_code)]
            a: i64,
        }
        assert_eq!(
            json::<T>(b"{\"a\": }").map_err(|e| e.code).unwrap_err(),
            "invalid_json"
        );
        assert_eq!(
            json::<T>(b"\xff").map_err(|e| e.code).unwrap_err(),
            "invalid_utf8"
        );
        assert_eq!(json::<T>(b"{\"a\": 1}").map(|t| t.a).ok(), Some(1));
    }
}
