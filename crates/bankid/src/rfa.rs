//! What to tell the user while an order runs: BankID's "RFA" message codes, with our own Swedish
//! and English texts written in the spirit of BankID's recommended messages.
//!
//! [`Rfa::for_collect`] maps a collect result (status, hint code) and how the order was started
//! ([`Flow`]: autostart on this device and/or the animated QR code; computer or mobile) to a
//! message; [`Rfa::for_error`] maps an API error code. Anything unknown gives [`Rfa::Rfa22`].
//!
//! | situation | message |
//! |---|---|
//! | `outstandingTransaction` with QR, `noClient` | RFA1 |
//! | `outstandingTransaction` after autostart (no QR) | RFA13 |
//! | `started` | RFA15A (computer) / RFA15B (mobile) |
//! | `userSign` | RFA9 |
//! | `userMrtd` | RFA23 |
//! | other pending (`userCallConfirm`, unknown) | RFA21 |
//! | `expiredTransaction` | RFA8 |
//! | `certificateErr` | RFA16 |
//! | `userCancel`, `userDeclinedCall` | RFA6 |
//! | `cancelled` | RFA3 |
//! | `startFailed` | RFA17B with QR, RFA17A without |
//! | other failed (`notSupportedByUserApp`, `transactionRiskBlocked`, unknown) | RFA22 |
//! | error `alreadyInProgress` | RFA4 |
//! | error `requestTimeout`, `internalError`, `maintenance`, transport failures | RFA5 |
//! | any other error (they are the RP's own faults) or unknown code | RFA22 |

use crate::wire::{CollectResponse, CollectStatus, ErrorCode, HintCode};

/// The language of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Swedish.
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// From a language tag such as `sv`, `sv-SE`, `en`, `en-GB`; Swedish for anything else.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Sv
        }
    }
}

/// How the order was started, which decides between some messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flow {
    /// The app was started on this device with the autostart token.
    pub autostart: bool,
    /// The animated QR code is shown.
    pub qr: bool,
    /// The user is on a phone or tablet (the "B" variants) rather than a computer ("A").
    pub mobile: bool,
}

/// A recommended user message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rfa {
    /// Start the BankID app.
    Rfa1,
    /// Cancelled (a newer order replaced it); try again.
    Rfa3,
    /// An identification or signing is already in progress for this user.
    Rfa4,
    /// Something went wrong (BankID or the connection to it); try again.
    Rfa5,
    /// The user cancelled.
    Rfa6,
    /// The app did not answer in time.
    Rfa8,
    /// Enter the security code and choose Identify or Sign.
    Rfa9,
    /// Trying to start the app on this device.
    Rfa13,
    /// Searching for a BankID on this computer.
    Rfa15A,
    /// Searching for a BankID on this device.
    Rfa15B,
    /// The BankID is blocked or too old.
    Rfa16,
    /// The app was not found on this device.
    Rfa17A,
    /// The QR code scan failed.
    Rfa17B,
    /// Identification or signing in progress.
    Rfa21,
    /// Unknown error.
    Rfa22,
    /// Scan your ID document in the app.
    Rfa23,
}

impl Rfa {
    /// Every message.
    pub const ALL: [Rfa; 16] = [
        Rfa::Rfa1,
        Rfa::Rfa3,
        Rfa::Rfa4,
        Rfa::Rfa5,
        Rfa::Rfa6,
        Rfa::Rfa8,
        Rfa::Rfa9,
        Rfa::Rfa13,
        Rfa::Rfa15A,
        Rfa::Rfa15B,
        Rfa::Rfa16,
        Rfa::Rfa17A,
        Rfa::Rfa17B,
        Rfa::Rfa21,
        Rfa::Rfa22,
        Rfa::Rfa23,
    ];

    /// BankID's code, e.g. `"RFA1"`, `"RFA15A"`.
    pub fn code(self) -> &'static str {
        match self {
            Rfa::Rfa1 => "RFA1",
            Rfa::Rfa3 => "RFA3",
            Rfa::Rfa4 => "RFA4",
            Rfa::Rfa5 => "RFA5",
            Rfa::Rfa6 => "RFA6",
            Rfa::Rfa8 => "RFA8",
            Rfa::Rfa9 => "RFA9",
            Rfa::Rfa13 => "RFA13",
            Rfa::Rfa15A => "RFA15A",
            Rfa::Rfa15B => "RFA15B",
            Rfa::Rfa16 => "RFA16",
            Rfa::Rfa17A => "RFA17A",
            Rfa::Rfa17B => "RFA17B",
            Rfa::Rfa21 => "RFA21",
            Rfa::Rfa22 => "RFA22",
            Rfa::Rfa23 => "RFA23",
        }
    }

    /// The message in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => self.swedish(),
            Lang::En => self.english(),
        }
    }

    fn swedish(self) -> &'static str {
        match self {
            Rfa::Rfa1 => "Starta BankID-appen.",
            Rfa::Rfa3 => "Åtgärden avbröts. Försök igen.",
            Rfa::Rfa4 => {
                "Det pågår redan en identifiering eller underskrift för dig. Försök igen om en \
                 liten stund."
            }
            Rfa::Rfa5 => "Något gick fel. Försök igen.",
            Rfa::Rfa6 => "Åtgärden avbröts.",
            Rfa::Rfa8 => {
                "BankID-appen svarade inte i tid. Kontrollera att appen är igång och att du är \
                 ansluten till internet, och försök sedan igen."
            }
            Rfa::Rfa9 => {
                "Ange din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under."
            }
            Rfa::Rfa13 => "Försöker starta BankID-appen.",
            Rfa::Rfa15A => {
                "Söker efter BankID, det kan ta en liten stund. Hittas inget efter några \
                 sekunder finns det troligen inget BankID på den här datorn som kan användas \
                 här. Har du BankID på en annan enhet kan du använda det i stället."
            }
            Rfa::Rfa15B => {
                "Söker efter BankID, det kan ta en liten stund. Hittas inget efter några \
                 sekunder finns det troligen inget BankID på den här enheten som kan användas \
                 här. Har du BankID på en annan enhet kan du använda det i stället."
            }
            Rfa::Rfa16 => {
                "Ditt BankID är spärrat eller för gammalt för den här tjänsten. Använd ett annat \
                 BankID eller skaffa ett nytt hos din bank."
            }
            Rfa::Rfa17A => {
                "BankID-appen verkar inte finnas på den här enheten. Installera appen och skaffa \
                 ett BankID hos din bank, eller använd BankID på en annan enhet."
            }
            Rfa::Rfa17B => {
                "QR-koden kunde inte läsas. Kontrollera att BankID-appen är uppdaterad och \
                 försök igen. Saknar du appen behöver du installera den och skaffa ett BankID \
                 hos din bank."
            }
            Rfa::Rfa21 => "Identifiering eller underskrift pågår.",
            Rfa::Rfa22 => "Okänt fel. Försök igen.",
            Rfa::Rfa23 => "Skanna din id-handling med BankID-appen.",
        }
    }

    fn english(self) -> &'static str {
        match self {
            Rfa::Rfa1 => "Start the BankID app.",
            Rfa::Rfa3 => "The action was cancelled. Please try again.",
            Rfa::Rfa4 => {
                "An identification or signing is already in progress for you. Please try again \
                 in a moment."
            }
            Rfa::Rfa5 => "Something went wrong. Please try again.",
            Rfa::Rfa6 => "The action was cancelled.",
            Rfa::Rfa8 => {
                "The BankID app did not respond in time. Check that the app is running and that \
                 you are connected to the internet, then try again."
            }
            Rfa::Rfa9 => "Enter your security code in the BankID app and choose Identify or Sign.",
            Rfa::Rfa13 => "Trying to start the BankID app.",
            Rfa::Rfa15A => {
                "Searching for BankID, this may take a moment. If nothing is found within a few \
                 seconds, this computer probably has no BankID that can be used here. If you \
                 have BankID on another device, you can use that instead."
            }
            Rfa::Rfa15B => {
                "Searching for BankID, this may take a moment. If nothing is found within a few \
                 seconds, this device probably has no BankID that can be used here. If you have \
                 BankID on another device, you can use that instead."
            }
            Rfa::Rfa16 => {
                "Your BankID is blocked or too old for this service. Use another BankID or get a \
                 new one from your bank."
            }
            Rfa::Rfa17A => {
                "The BankID app does not seem to be installed on this device. Install the app and \
                 get a BankID from your bank, or use BankID on another device."
            }
            Rfa::Rfa17B => {
                "The QR code could not be read. Make sure the BankID app is up to date and try \
                 again. If you do not have the app, install it and get a BankID from your bank."
            }
            Rfa::Rfa21 => "Identification or signing in progress.",
            Rfa::Rfa22 => "Unknown error. Please try again.",
            Rfa::Rfa23 => "Scan your ID document with the BankID app.",
        }
    }

    /// The message for a collect result; `None` for `complete` (nothing to tell).
    pub fn for_collect(status: &CollectStatus, hint: Option<&HintCode>, flow: Flow) -> Option<Rfa> {
        match status {
            CollectStatus::Complete => None,
            CollectStatus::Pending => Some(Self::for_pending(hint, flow)),
            CollectStatus::Failed => Some(Self::for_failed(hint, flow)),
            CollectStatus::Unknown(_) => Some(Rfa::Rfa22),
        }
    }

    /// [`Rfa::for_collect`] of a whole collect response.
    pub fn for_collect_response(response: &CollectResponse, flow: Flow) -> Option<Rfa> {
        Self::for_collect(&response.status, response.hint_code.as_ref(), flow)
    }

    fn for_pending(hint: Option<&HintCode>, flow: Flow) -> Rfa {
        match hint {
            Some(HintCode::OutstandingTransaction) if flow.autostart && !flow.qr => Rfa::Rfa13,
            Some(HintCode::OutstandingTransaction | HintCode::NoClient) => Rfa::Rfa1,
            Some(HintCode::Started) if flow.mobile => Rfa::Rfa15B,
            Some(HintCode::Started) => Rfa::Rfa15A,
            Some(HintCode::UserSign) => Rfa::Rfa9,
            Some(HintCode::UserMrtd) => Rfa::Rfa23,
            _ => Rfa::Rfa21,
        }
    }

    fn for_failed(hint: Option<&HintCode>, flow: Flow) -> Rfa {
        match hint {
            Some(HintCode::ExpiredTransaction) => Rfa::Rfa8,
            Some(HintCode::CertificateErr) => Rfa::Rfa16,
            Some(HintCode::UserCancel | HintCode::UserDeclinedCall) => Rfa::Rfa6,
            Some(HintCode::Cancelled) => Rfa::Rfa3,
            Some(HintCode::StartFailed) if flow.qr => Rfa::Rfa17B,
            Some(HintCode::StartFailed) => Rfa::Rfa17A,
            _ => Rfa::Rfa22,
        }
    }

    /// The message for an error response's code.
    pub fn for_error(code: &ErrorCode) -> Rfa {
        match code {
            ErrorCode::AlreadyInProgress => Rfa::Rfa4,
            ErrorCode::RequestTimeout | ErrorCode::InternalError | ErrorCode::Maintenance => {
                Rfa::Rfa5
            }
            _ => Rfa::Rfa22,
        }
    }
}

impl std::fmt::Display for Rfa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const QR: Flow = Flow {
        autostart: false,
        qr: true,
        mobile: false,
    };
    const AUTOSTART: Flow = Flow {
        autostart: true,
        qr: false,
        mobile: true,
    };

    fn pending(hint: &str, flow: Flow) -> Option<Rfa> {
        Rfa::for_collect(&CollectStatus::Pending, Some(&HintCode::parse(hint)), flow)
    }

    fn failed(hint: &str, flow: Flow) -> Option<Rfa> {
        Rfa::for_collect(&CollectStatus::Failed, Some(&HintCode::parse(hint)), flow)
    }

    #[test]
    fn every_message_has_a_distinct_code_and_both_languages() {
        let mut codes = std::collections::HashSet::new();
        for rfa in Rfa::ALL {
            assert!(codes.insert(rfa.code()), "{rfa} twice");
            assert!(rfa.code().starts_with("RFA"));
            let sv = rfa.text(Lang::Sv);
            let en = rfa.text(Lang::En);
            assert!(!sv.is_empty() && !en.is_empty(), "{rfa}");
            assert_ne!(sv, en, "{rfa} is not translated");
            assert!(
                !sv.contains("  ") && !en.contains("  "),
                "{rfa} has a double space"
            );
            assert!(sv.ends_with('.') && en.ends_with('.'), "{rfa}");
        }
    }

    #[test]
    fn an_outstanding_transaction_asks_to_start_the_app_or_says_it_is_starting() {
        assert_eq!(pending("outstandingTransaction", QR), Some(Rfa::Rfa1));
        assert_eq!(
            pending("outstandingTransaction", AUTOSTART),
            Some(Rfa::Rfa13)
        );
        assert_eq!(pending("noClient", AUTOSTART), Some(Rfa::Rfa1));
    }

    #[test]
    fn pending_hints_map_to_their_messages() {
        assert_eq!(pending("started", QR), Some(Rfa::Rfa15A));
        assert_eq!(pending("started", AUTOSTART), Some(Rfa::Rfa15B));
        assert_eq!(pending("userSign", QR), Some(Rfa::Rfa9));
        assert_eq!(pending("userMrtd", QR), Some(Rfa::Rfa23));
        assert_eq!(pending("userCallConfirm", QR), Some(Rfa::Rfa21));
        assert_eq!(pending("somethingNew", QR), Some(Rfa::Rfa21));
        assert_eq!(
            Rfa::for_collect(&CollectStatus::Pending, None, QR),
            Some(Rfa::Rfa21)
        );
    }

    #[test]
    fn failed_hints_map_to_their_messages() {
        assert_eq!(failed("expiredTransaction", QR), Some(Rfa::Rfa8));
        assert_eq!(failed("certificateErr", QR), Some(Rfa::Rfa16));
        assert_eq!(failed("userCancel", QR), Some(Rfa::Rfa6));
        assert_eq!(failed("userDeclinedCall", QR), Some(Rfa::Rfa6));
        assert_eq!(failed("cancelled", QR), Some(Rfa::Rfa3));
        assert_eq!(failed("startFailed", QR), Some(Rfa::Rfa17B));
        assert_eq!(failed("startFailed", AUTOSTART), Some(Rfa::Rfa17A));
        assert_eq!(failed("transactionRiskBlocked", QR), Some(Rfa::Rfa22));
        assert_eq!(failed("brandNewFailure", QR), Some(Rfa::Rfa22));
    }

    #[test]
    fn a_complete_order_has_no_message_and_an_unknown_status_the_generic_one() {
        assert_eq!(Rfa::for_collect(&CollectStatus::Complete, None, QR), None);
        assert_eq!(
            Rfa::for_collect(&CollectStatus::Unknown("paused".into()), None, QR),
            Some(Rfa::Rfa22)
        );
    }

    #[test]
    fn error_codes_map_to_their_messages_and_unknown_ones_to_rfa22() {
        assert_eq!(Rfa::for_error(&ErrorCode::AlreadyInProgress), Rfa::Rfa4);
        assert_eq!(Rfa::for_error(&ErrorCode::RequestTimeout), Rfa::Rfa5);
        assert_eq!(Rfa::for_error(&ErrorCode::InternalError), Rfa::Rfa5);
        assert_eq!(Rfa::for_error(&ErrorCode::Maintenance), Rfa::Rfa5);
        assert_eq!(Rfa::for_error(&ErrorCode::InvalidParameters), Rfa::Rfa22);
        assert_eq!(
            Rfa::for_error(&ErrorCode::Unknown("tooManyRequests".into())),
            Rfa::Rfa22
        );
    }

    #[test]
    fn language_tags_choose_english_only_for_english() {
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("sv-SE"), Lang::Sv);
        assert_eq!(Lang::from_tag("fi"), Lang::Sv);
        assert_eq!(Rfa::Rfa1.text(Lang::Sv), "Starta BankID-appen.");
    }
}
