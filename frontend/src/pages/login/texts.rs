//! The login page's texts, in Swedish and English.

use crate::i18n::Lang;
use crate::session::EndReason;

pub(super) struct Texts {
    pub(super) title: &'static str,
    pub(super) intro: &'static str,
    pub(super) choice_heading: &'static str,
    pub(super) this_device: &'static str,
    pub(super) this_device_hint: &'static str,
    pub(super) other_device: &'static str,
    pub(super) other_device_hint: &'static str,
    pub(super) starting: &'static str,
    pub(super) qr_heading: &'static str,
    pub(super) qr_steps: [&'static str; 4],
    pub(super) qr_alt: &'static str,
    pub(super) app_heading: &'static str,
    pub(super) app_body: &'static str,
    pub(super) open_app: &'static str,
    pub(super) app_help: &'static str,
    pub(super) resumed_heading: &'static str,
    pub(super) cancel: &'static str,
    pub(super) failed_heading: &'static str,
    pub(super) try_again: &'static str,
    pub(super) other_way: &'static str,
    pub(super) network_error: &'static str,
    pub(super) unexpected_error: &'static str,
    /// `{seconds}` is replaced by the number of seconds.
    pub(super) rate_limited_seconds: &'static str,
    pub(super) rate_limited: &'static str,
    pub(super) already_heading: &'static str,
    /// `{name}` is replaced by the user's name.
    pub(super) already_body: &'static str,
    pub(super) already_link: &'static str,
    pub(super) reason_logged_out: &'static str,
    pub(super) reason_inactive: &'static str,
    pub(super) reason_expired: &'static str,
    pub(super) reason_ended: &'static str,
    pub(super) reason_login_required: &'static str,
    pub(super) need_heading: &'static str,
    pub(super) need_body: &'static str,
    pub(super) get_bankid: &'static str,
    pub(super) safety_heading: &'static str,
    pub(super) safety_body: &'static str,
}

pub(super) const SV: Texts = Texts {
    title: "Logga in",
    intro: "Du loggar in på Mina sidor med BankID.",
    choice_heading: "Var har du ditt BankID?",
    this_device: "BankID på den här enheten",
    this_device_hint: "BankID-appen öppnas på den dator, mobil eller surfplatta som du använder nu.",
    other_device: "BankID på en annan enhet",
    other_device_hint: "Till exempel Mobilt BankID i din telefon. Du skannar en QR-kod med BankID-appen.",
    starting: "Startar BankID …",
    qr_heading: "Skanna QR-koden med BankID-appen",
    qr_steps: [
        "Öppna BankID-appen i din mobil eller surfplatta.",
        "Tryck på QR-symbolen i appen.",
        "Rikta kameran mot QR-koden på den här sidan.",
        "Legitimera dig i appen.",
    ],
    qr_alt: "QR-kod för BankID. Skanna med BankID-appen.",
    app_heading: "Öppna BankID-appen",
    app_body: "Öppna BankID-appen på den här enheten och legitimera dig. Kom sedan tillbaka hit, så loggas du in.",
    open_app: "Öppna BankID-appen",
    app_help: "Öppnas inte appen? Kontrollera att BankID-appen finns på enheten. Du kan också avbryta och välja BankID på en annan enhet.",
    resumed_heading: "Kontrollerar inloggningen med BankID",
    cancel: "Avbryt",
    failed_heading: "Du är inte inloggad",
    try_again: "Försök igen",
    other_way: "Välj ett annat sätt",
    network_error: "Det gick inte att få kontakt med Mina sidor. Kontrollera din internetanslutning och försök igen.",
    unexpected_error: "Något gick fel. Försök igen.",
    rate_limited_seconds: "Du har försökt logga in många gånger på kort tid. Vänta {seconds} sekunder och försök igen.",
    rate_limited: "Du har försökt logga in många gånger på kort tid. Vänta en stund och försök igen.",
    already_heading: "Du är redan inloggad",
    already_body: "Du är inloggad som {name}.",
    already_link: "Gå till Mina sidor",
    reason_logged_out: "Du är utloggad.",
    reason_inactive: "Du har loggats ut eftersom du varit inaktiv i 30 minuter.",
    reason_expired: "Du har loggats ut eftersom du har varit inloggad så länge som det är tillåtet. Logga in igen för att fortsätta.",
    reason_ended: "Din inloggning har avslutats. Logga in igen för att fortsätta.",
    reason_login_required: "Du behöver logga in för att se den sidan.",
    need_heading: "Det här behöver du",
    need_body: "Du behöver ett BankID på din mobil, surfplatta eller dator. BankID skaffar du via din bank.",
    get_bankid: "Läs om hur du skaffar BankID på bankid.com",
    safety_heading: "Tänk på säkerheten",
    safety_body: "Använd bara BankID när du själv har börjat logga in på Mina sidor. Om någon ringer dig och ber dig att öppna BankID ska du aldrig göra det. Kommunen ber dig aldrig om din säkerhetskod.",
};

pub(super) const EN: Texts = Texts {
    title: "Log in",
    intro: "You log in to Mina sidor with BankID.",
    choice_heading: "Where is your BankID?",
    this_device: "BankID on this device",
    this_device_hint: "The BankID app opens on the computer, phone or tablet that you are using now.",
    other_device: "BankID on another device",
    other_device_hint: "For example Mobile BankID on your phone. You scan a QR code with the BankID app.",
    starting: "Starting BankID …",
    qr_heading: "Scan the QR code with the BankID app",
    qr_steps: [
        "Open the BankID app on your phone or tablet.",
        "Tap the QR symbol in the app.",
        "Point the camera at the QR code on this page.",
        "Identify yourself in the app.",
    ],
    qr_alt: "QR code for BankID. Scan it with the BankID app.",
    app_heading: "Open the BankID app",
    app_body: "Open the BankID app on this device and identify yourself. Then come back here and you will be logged in.",
    open_app: "Open the BankID app",
    app_help: "Does the app not open? Check that the BankID app is installed on this device. You can also cancel and choose BankID on another device.",
    resumed_heading: "Checking your login with BankID",
    cancel: "Cancel",
    failed_heading: "You are not logged in",
    try_again: "Try again",
    other_way: "Choose another way",
    network_error: "Mina sidor could not be reached. Check your internet connection and try again.",
    unexpected_error: "Something went wrong. Please try again.",
    rate_limited_seconds: "You have tried to log in many times in a short while. Wait {seconds} seconds and try again.",
    rate_limited: "You have tried to log in many times in a short while. Wait a moment and try again.",
    already_heading: "You are already logged in",
    already_body: "You are logged in as {name}.",
    already_link: "Go to Mina sidor",
    reason_logged_out: "You are logged out.",
    reason_inactive: "You have been logged out because you were inactive for 30 minutes.",
    reason_expired: "You have been logged out because you were logged in for as long as is allowed. Log in again to continue.",
    reason_ended: "Your login has ended. Log in again to continue.",
    reason_login_required: "You need to log in to see that page.",
    need_heading: "What you need",
    need_body: "You need BankID on your phone, tablet or computer. You get BankID from your bank.",
    get_bankid: "Read how to get BankID at bankid.com",
    safety_heading: "Stay safe",
    safety_body: "Only use BankID when you yourself have started to log in to Mina sidor. If someone calls you and asks you to open BankID, never do it. The municipality never asks for your security code.",
};

pub(super) fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&SV, &EN)
}

impl Texts {
    pub(super) fn reason(&self, reason: EndReason) -> &'static str {
        match reason {
            EndReason::LoggedOut => self.reason_logged_out,
            EndReason::Inactive => self.reason_inactive,
            EndReason::Expired => self.reason_expired,
            EndReason::Ended => self.reason_ended,
            EndReason::LoginRequired => self.reason_login_required,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_logout_reason_has_a_text_in_both_languages() {
        for reason in EndReason::ALL {
            assert!(!SV.reason(reason).is_empty());
            assert!(!EN.reason(reason).is_empty());
            assert_ne!(SV.reason(reason), EN.reason(reason));
        }
    }
}
