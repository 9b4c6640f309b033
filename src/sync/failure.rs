//! Why a request to the team's server failed, as a code (never the browser's or server's
//! own words), and whether the server was reached at all. The UI translates each code into
//! what happened and what to do next ([`crate::i18n`]).

use serde::{Deserialize, Serialize};
use tuoke_sync::engine::{SyncError, TransportError};

/// [`TransportError::Network`]'s detail when nothing answered (offline, DNS, refused, reset).
pub const UNREACHABLE: &str = "unreachable";
/// [`TransportError::Network`]'s detail when the request was given up for taking too long.
pub const TIMEOUT: &str = "timeout";
/// The engine's own detail when a request got no answer before its deadline.
const ENGINE_TIMEOUT: &str = "request timed out";
/// The error code the transport gives an answer that is not the API's (not JSON, wrong shape).
pub const INVALID_RESPONSE: &str = "invalid_response";

/// Why a request failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// Nothing answered: no network, the server is down or the address is wrong.
    Unreachable,
    /// No answer in time (a very weak signal, or the server hangs).
    Timeout,
    /// The server is overloaded or in maintenance (429, 503): try later.
    Busy,
    /// The server failed with this 5xx status.
    Server(u16),
    /// The server does not accept this sign-in any more (401, 403).
    Unauthorized,
    /// The server refused the request with this 4xx status (the app may be out of date).
    Refused(u16),
    /// Something answered, but not as the team's server does: a Wi-Fi sign-in page, a proxy.
    BadResponse,
}

impl Failure {
    /// The code of a transport error.
    pub fn of(error: &TransportError) -> Failure {
        match error {
            TransportError::Network(detail) => Failure::of_network(detail),
            TransportError::Status { status, error } => {
                let code = error.as_ref().map(|e| e.code.as_str());
                Failure::of_status(*status, code)
            }
        }
    }

    /// The code of the engine's last error; `None` for errors that are not the transport's
    /// (storage, an answer that does not match the request).
    pub fn of_sync(error: &SyncError) -> Option<Failure> {
        match error {
            SyncError::Network { message } => Some(Failure::of_network(message)),
            SyncError::Server { status, code, .. } => {
                Some(Failure::of_status(*status, code.as_deref()))
            }
            SyncError::AuthRequired => Some(Failure::Unauthorized),
            SyncError::Storage { .. } | SyncError::Protocol { .. } => None,
        }
    }

    fn of_network(detail: &str) -> Failure {
        if detail == TIMEOUT || detail == ENGINE_TIMEOUT {
            Failure::Timeout
        } else {
            Failure::Unreachable
        }
    }

    fn of_status(status: u16, code: Option<&str>) -> Failure {
        match status {
            _ if code == Some(INVALID_RESPONSE) => Failure::BadResponse,
            // "Network authentication required": a Wi-Fi sign-in page in between.
            511 => Failure::BadResponse,
            429 | 503 => Failure::Busy,
            401 | 403 => Failure::Unauthorized,
            500..=599 => Failure::Server(status),
            400..=499 => Failure::Refused(status),
            // A success or redirect where an error was expected is not the API speaking.
            _ => Failure::BadResponse,
        }
    }

    /// Whether the team's server itself answered (it refused the request, but it is there).
    pub fn reached_server(self) -> bool {
        matches!(self, Failure::Unauthorized | Failure::Refused(_))
    }
}

/// The outcome of the last request to the team's server, as the connection pill shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// No request has been made yet.
    #[default]
    Unknown,
    /// The server answered.
    Reached,
    /// Nothing (or not the server) answered.
    NotReached(Failure),
}

impl Reach {
    /// The reachability a request's outcome shows.
    pub fn of<T>(result: &Result<T, TransportError>) -> Reach {
        match result {
            Ok(_) => Reach::Reached,
            Err(e) => match Failure::of(e) {
                f if f.reached_server() => Reach::Reached,
                f => Reach::NotReached(f),
            },
        }
    }
}

/// What the connection pill says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    /// The browser knows it has no network.
    Offline,
    /// The browser has a network, but the last request did not get through to the server.
    Unreachable,
    /// Nothing tried yet.
    Connecting,
    /// The last request reached the server.
    Online,
}

impl Connection {
    /// The pill for the browser's `navigator.onLine` and the last request's outcome.
    pub fn of(browser_online: bool, reach: Reach) -> Connection {
        match reach {
            _ if !browser_online => Connection::Offline,
            Reach::Unknown => Connection::Connecting,
            Reach::Reached => Connection::Online,
            Reach::NotReached(_) => Connection::Unreachable,
        }
    }

    /// A stable name (the pill's `data-state`).
    pub fn name(self) -> &'static str {
        match self {
            Connection::Offline => "offline",
            Connection::Unreachable => "unreachable",
            Connection::Connecting => "connecting",
            Connection::Online => "online",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tuoke_sync::protocol::ApiError;

    fn status(status: u16, code: Option<&str>) -> TransportError {
        TransportError::Status {
            status,
            error: code.map(|c| ApiError {
                code: c.into(),
                message: "English detail".into(),
            }),
        }
    }

    #[test]
    fn every_transport_failure_becomes_a_code() {
        let network = |d: &str| TransportError::Network(d.into());
        assert_eq!(Failure::of(&network(UNREACHABLE)), Failure::Unreachable);
        assert_eq!(
            Failure::of(&network("TypeError: Failed to fetch")),
            Failure::Unreachable
        );
        assert_eq!(Failure::of(&network(TIMEOUT)), Failure::Timeout);
        assert_eq!(Failure::of(&status(503, None)), Failure::Busy);
        assert_eq!(Failure::of(&status(429, None)), Failure::Busy);
        assert_eq!(Failure::of(&status(500, None)), Failure::Server(500));
        assert_eq!(Failure::of(&status(502, None)), Failure::Server(502));
        assert_eq!(Failure::of(&status(401, None)), Failure::Unauthorized);
        assert_eq!(Failure::of(&status(400, Some("x"))), Failure::Refused(400));
        assert_eq!(Failure::of(&status(511, None)), Failure::BadResponse);
        assert_eq!(
            Failure::of(&status(200, Some(INVALID_RESPONSE))),
            Failure::BadResponse,
            "a Wi-Fi sign-in page answering 200 with HTML"
        );
    }

    #[test]
    fn the_engines_timeout_and_errors_map_to_the_same_codes() {
        let timeout = SyncError::Network {
            message: ENGINE_TIMEOUT.into(),
        };
        assert_eq!(Failure::of_sync(&timeout), Some(Failure::Timeout));
        let server = SyncError::Server {
            status: 504,
            code: None,
            message: None,
        };
        assert_eq!(Failure::of_sync(&server), Some(Failure::Server(504)));
        assert_eq!(
            Failure::of_sync(&SyncError::AuthRequired),
            Some(Failure::Unauthorized)
        );
        let storage = SyncError::Storage {
            message: "quota_exceeded".into(),
        };
        assert_eq!(Failure::of_sync(&storage), None);
    }

    #[test]
    fn a_refusal_by_the_server_still_counts_as_reaching_it() {
        assert_eq!(Reach::of::<()>(&Ok(())), Reach::Reached);
        assert_eq!(Reach::of::<()>(&Err(status(401, None))), Reach::Reached);
        assert_eq!(
            Reach::of::<()>(&Err(TransportError::Network(UNREACHABLE.into()))),
            Reach::NotReached(Failure::Unreachable)
        );
        assert_eq!(
            Reach::of::<()>(&Err(status(200, Some(INVALID_RESPONSE)))),
            Reach::NotReached(Failure::BadResponse)
        );
    }

    #[test]
    fn the_pill_says_online_only_when_the_last_request_reached_the_server() {
        let lost = Reach::NotReached(Failure::Unreachable);
        assert_eq!(Connection::of(true, lost), Connection::Unreachable);
        assert_eq!(Connection::of(false, lost), Connection::Offline);
        assert_eq!(Connection::of(false, Reach::Reached), Connection::Offline);
        assert_eq!(Connection::of(true, Reach::Unknown), Connection::Connecting);
        assert_eq!(Connection::of(true, Reach::Reached), Connection::Online);
    }
}
