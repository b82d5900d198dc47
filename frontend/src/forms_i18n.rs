//! Swedish and English texts of the e-service pages: the catalogue, the form, the review and
//! receipt pages, a case's page, the case lists and the profile. The questions themselves come
//! from the e-service definitions (their `sv`/`en` texts).
//!
//! As in [`crate::i18n`], each group of texts is a struct with one `const` per language, so a
//! text cannot exist in only one of them.

use crate::i18n::Lang;
use api_types::CaseStatus;

/// Texts of the e-service catalogue and an e-service's start page.
#[derive(Debug)]
pub struct CatalogueTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub loading: &'static str,
    /// `{count}` is replaced.
    pub count_many: &'static str,
    pub count_one: &'static str,
    /// `{query}` is replaced.
    pub none_found: &'static str,
    pub none_published: &'static str,
    pub load_error: &'static str,
    pub signature_tag: &'static str,
    /// `{days}` is replaced.
    pub handling_days: &'static str,
    pub start: &'static str,
    pub start_login: &'static str,
    pub start_login_hint: &'static str,
    pub starting: &'static str,
    pub start_error: &'static str,
    pub how_heading: &'static str,
    pub how_steps_intro: &'static str,
    pub how_review: &'static str,
    /// `{days}` is replaced.
    pub how_drafts: &'static str,
    pub how_signature: &'static str,
    pub how_cosigners: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_to_catalogue: &'static str,
}

const CATALOGUE_SV: CatalogueTexts = CatalogueTexts {
    title: "E-tjänster",
    intro: "Här hittar du kommunens e-tjänster. Du loggar in med BankID, och det du fyller i sparas som ett utkast så att du kan fortsätta senare.",
    search_label: "Sök e-tjänst",
    search_button: "Sök",
    loading: "Hämtar e-tjänster …",
    count_many: "{count} e-tjänster",
    count_one: "1 e-tjänst",
    none_found: "Ingen e-tjänst matchar ”{query}”. Försök med ett annat ord.",
    none_published: "Det finns inga e-tjänster just nu.",
    load_error: "E-tjänsterna kunde inte hämtas. Försök igen om en stund.",
    signature_tag: "Underskrift med BankID",
    handling_days: "Handläggningstid: cirka {days} dagar",
    start: "Starta e-tjänsten",
    start_login: "Logga in och starta e-tjänsten",
    start_login_hint: "Du behöver logga in med BankID för att använda e-tjänsten.",
    starting: "Startar e-tjänsten …",
    start_error: "E-tjänsten kunde inte startas. Försök igen om en stund.",
    how_heading: "Så går det till",
    how_steps_intro: "E-tjänsten har de här stegen:",
    how_review: "Granska och skicka in",
    how_drafts: "Det du fyller i sparas automatiskt som ett utkast. Du kan fortsätta senare från Mina sidor, även på en annan enhet. Ett utkast som du inte ändrar tas bort efter {days} dagar.",
    how_signature: "Du skriver under med BankID när du skickar in.",
    how_cosigners: "Ansökan ska skrivas under av fler än du.",
    not_found_title: "E-tjänsten finns inte",
    not_found_body: "Vi hittar inte e-tjänsten. Den kan ha tagits bort, eller så är adressen felstavad.",
    back_to_catalogue: "Till alla e-tjänster",
};

const CATALOGUE_EN: CatalogueTexts = CatalogueTexts {
    title: "E-services",
    intro: "Here you find the municipality's e-services. You log in with BankID, and what you fill in is saved as a draft so that you can continue later.",
    search_label: "Search e-services",
    search_button: "Search",
    loading: "Loading e-services …",
    count_many: "{count} e-services",
    count_one: "1 e-service",
    none_found: "No e-service matches “{query}”. Try another word.",
    none_published: "There are no e-services at the moment.",
    load_error: "The e-services could not be loaded. Please try again in a while.",
    signature_tag: "Signed with BankID",
    handling_days: "Handling time: about {days} days",
    start: "Start the e-service",
    start_login: "Log in and start the e-service",
    start_login_hint: "You need to log in with BankID to use the e-service.",
    starting: "Starting the e-service …",
    start_error: "The e-service could not be started. Please try again in a while.",
    how_heading: "How it works",
    how_steps_intro: "The e-service has these steps:",
    how_review: "Review and submit",
    how_drafts: "What you fill in is saved automatically as a draft. You can continue later from My pages, on another device too. A draft that you do not change is deleted after {days} days.",
    how_signature: "You sign with BankID when you submit.",
    how_cosigners: "The application must be signed by more people than you.",
    not_found_title: "The e-service does not exist",
    not_found_body: "We cannot find the e-service. It may have been removed, or the address may be misspelled.",
    back_to_catalogue: "To all e-services",
};

impl CatalogueTexts {
    /// The texts in the given language.
    pub fn get(lang: Lang) -> &'static CatalogueTexts {
        lang.pick(&CATALOGUE_SV, &CATALOGUE_EN)
    }
}

/// Texts of the form, the review page, the receipt and a case's page.
#[derive(Debug)]
pub struct FormTexts {
    pub loading: &'static str,
    pub load_error: &'static str,
    pub case_not_found_title: &'static str,
    pub case_not_found_body: &'static str,
    /// `{n}` and `{total}` are replaced.
    pub step_of: &'static str,
    pub progress_label: &'static str,
    pub step_done: &'static str,
    pub required_note: &'static str,
    pub next: &'static str,
    pub to_review: &'static str,
    pub back: &'static str,
    pub save_later: &'static str,
    pub delete_draft: &'static str,
    pub delete_confirm: &'static str,
    pub delete_yes: &'static str,
    pub delete_no: &'static str,
    pub delete_error: &'static str,
    /// `{time}` is replaced.
    pub saved_at: &'static str,
    pub save_failed: &'static str,
    pub conflict: &'static str,
    pub conflict_reload: &'static str,
    pub not_editable: &'static str,
    pub to_case: &'static str,
    /// `{date}` is replaced.
    pub kept_until: &'static str,
    pub error_summary_heading: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub choose: &'static str,
    pub street: &'static str,
    pub postal_code: &'static str,
    pub city: &'static str,
    pub uploaded_files: &'static str,
    /// `{name}` is replaced.
    pub remove_file: &'static str,
    /// `{name}` is replaced.
    pub uploading: &'static str,
    /// `{name}` is replaced.
    pub uploaded: &'static str,
    /// `{name}` is replaced.
    pub removed: &'static str,
    /// `{name}` and `{max}` are replaced.
    pub file_too_large: &'static str,
    /// `{name}` and `{types}` are replaced.
    pub file_wrong_type: &'static str,
    /// `{max}` is replaced.
    pub too_many_files: &'static str,
    /// `{name}` is replaced.
    pub upload_failed: &'static str,
    pub remove_failed: &'static str,
    pub review_title: &'static str,
    pub review_intro: &'static str,
    pub change: &'static str,
    pub no_answer: &'static str,
    pub profile_heading: &'static str,
    pub profile_intro: &'static str,
    pub profile_update: &'static str,
    pub profile_update_failed: &'static str,
    pub binding_email: &'static str,
    pub binding_phone: &'static str,
    pub binding_address: &'static str,
    pub binding_name: &'static str,
    pub submit_heading: &'static str,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub submit_errors: &'static str,
    pub sign_intro: &'static str,
    pub sign_this_device: &'static str,
    pub sign_other_device: &'static str,
    pub sign_qr_heading: &'static str,
    pub sign_qr_alt: &'static str,
    pub sign_app_heading: &'static str,
    pub sign_open_app: &'static str,
    pub sign_what: &'static str,
    pub sign_cancel: &'static str,
    pub sign_failed_heading: &'static str,
    pub cosigning_unavailable: &'static str,
    pub signature_required: &'static str,
    pub network_error: &'static str,
    pub unexpected_error: &'static str,
    /// `{seconds}` is replaced.
    pub rate_limited: &'static str,
    pub receipt_title: &'static str,
    pub receipt_number: &'static str,
    /// `{date}` is replaced.
    pub receipt_submitted: &'static str,
    /// `{days}` is replaced.
    pub receipt_handling: &'static str,
    pub receipt_follow: &'static str,
    pub receipt_case_link: &'static str,
    pub receipt_my_pages: &'static str,
    pub case_number: &'static str,
    pub case_status: &'static str,
    pub case_submitted: &'static str,
    pub case_answers: &'static str,
    pub case_history: &'static str,
    pub case_files: &'static str,
    pub back_to_my_pages: &'static str,
    pub continue_draft: &'static str,
}

const FORM_SV: FormTexts = FormTexts {
    loading: "Hämtar ärendet …",
    load_error: "Ärendet kunde inte hämtas. Försök igen om en stund.",
    case_not_found_title: "Ärendet finns inte",
    case_not_found_body: "Vi hittar inte ärendet. Ett utkast som inte har ändrats på länge tas bort automatiskt.",
    step_of: "Steg {n} av {total}",
    progress_label: "Steg i e-tjänsten",
    step_done: "klart",
    required_note: "Alla frågor måste besvaras om inget annat anges.",
    next: "Nästa",
    to_review: "Granska",
    back: "Tillbaka",
    save_later: "Spara och fortsätt senare",
    delete_draft: "Ta bort utkastet",
    delete_confirm: "Vill du ta bort utkastet? Det du har fyllt i och bifogat tas bort och går inte att få tillbaka.",
    delete_yes: "Ja, ta bort utkastet",
    delete_no: "Nej, behåll det",
    delete_error: "Utkastet kunde inte tas bort. Försök igen.",
    saved_at: "Utkast sparat kl. {time}",
    save_failed: "Utkastet kunde inte sparas just nu. Det du har skrivit finns kvar, och vi försöker igen när du fortsätter.",
    conflict: "Utkastet har ändrats i ett annat fönster eller på en annan enhet. Hämta den senaste versionen för att fortsätta.",
    conflict_reload: "Hämta den senaste versionen",
    not_editable: "Ärendet är redan inskickat och kan inte längre ändras.",
    to_case: "Gå till ärendet",
    kept_until: "Utkastet sparas till {date}.",
    error_summary_heading: "Rätta följande för att gå vidare:",
    yes: "Ja",
    no: "Nej",
    choose: "Välj",
    street: "Gatuadress",
    postal_code: "Postnummer",
    city: "Postort",
    uploaded_files: "Bifogade filer",
    remove_file: "Ta bort {name}",
    uploading: "Laddar upp {name} …",
    uploaded: "{name} är bifogad.",
    removed: "{name} är borttagen.",
    file_too_large: "Filen ”{name}” är för stor. Den får vara högst {max}.",
    file_wrong_type: "Filen ”{name}” har ett format som inte går att ta emot. Tillåtna format: {types}.",
    too_many_files: "Du kan bifoga högst {max} filer här. Ta bort en fil först om du vill byta.",
    upload_failed: "Filen ”{name}” kunde inte laddas upp. Försök igen.",
    remove_failed: "Filen kunde inte tas bort. Försök igen.",
    review_title: "Granska och skicka in",
    review_intro: "Kontrollera dina svar innan du skickar in. Du kan ändra ett svar genom att välja ”Ändra”.",
    change: "Ändra",
    no_answer: "Inget svar",
    profile_heading: "Dina kontaktuppgifter",
    profile_intro: "Några av dina svar skiljer sig från uppgifterna i din profil:",
    profile_update: "Spara de nya uppgifterna i min profil",
    profile_update_failed: "Din profil kunde inte uppdateras. Ärendet skickades inte. Kontrollera uppgifterna eller avmarkera rutan och försök igen.",
    binding_email: "E-postadress",
    binding_phone: "Telefonnummer",
    binding_address: "Adress",
    binding_name: "Namn",
    submit_heading: "Skicka in",
    submit: "Skicka in",
    submitting: "Skickar in …",
    submit_errors: "Ärendet kunde inte skickas in. Rätta svaren nedan och försök igen.",
    sign_intro: "Du skriver under ärendet med BankID när du skickar in det. I BankID-appen ser du en sammanfattning av det du skriver under.",
    sign_this_device: "Skriv under med BankID på den här enheten",
    sign_other_device: "Skriv under med BankID på en annan enhet",
    sign_qr_heading: "Skanna QR-koden med BankID-appen",
    sign_qr_alt: "QR-kod för underskrift med BankID. Skanna med BankID-appen.",
    sign_app_heading: "Skriv under i BankID-appen",
    sign_open_app: "Öppna BankID-appen",
    sign_what: "Det här skriver du under",
    sign_cancel: "Avbryt underskriften",
    sign_failed_heading: "Ärendet är inte underskrivet",
    cosigning_unavailable: "Den här e-tjänsten ska skrivas under av fler än du, och det går inte att göra här ännu. Ditt utkast finns kvar. Kontakta kommunen om du behöver skicka in ansökan nu.",
    signature_required: "Ärendet behöver skrivas under med BankID innan det kan skickas in.",
    network_error: "Det gick inte att få kontakt med Mina sidor. Kontrollera din internetanslutning och försök igen.",
    unexpected_error: "Något gick fel. Försök igen.",
    rate_limited: "Du har försökt många gånger på kort tid. Vänta {seconds} sekunder och försök igen.",
    receipt_title: "Ditt ärende är inskickat",
    receipt_number: "Ärendenummer",
    receipt_submitted: "Inskickat {date}.",
    receipt_handling: "Vi handlägger vanligtvis ärendet inom {days} dagar.",
    receipt_follow: "Du kan följa ärendet på Mina sidor. Ange ärendenumret om du kontaktar kommunen.",
    receipt_case_link: "Se ärendet på Mina sidor",
    receipt_my_pages: "Till Mina sidor",
    case_number: "Ärendenummer",
    case_status: "Status",
    case_submitted: "Inskickat",
    case_answers: "Dina svar",
    case_history: "Händelser",
    case_files: "Bifogade filer",
    back_to_my_pages: "Tillbaka till Mina sidor",
    continue_draft: "Fortsätt fylla i",
};

const FORM_EN: FormTexts = FormTexts {
    loading: "Loading the case …",
    load_error: "The case could not be loaded. Please try again in a while.",
    case_not_found_title: "The case does not exist",
    case_not_found_body: "We cannot find the case. A draft that has not been changed for a long time is deleted automatically.",
    step_of: "Step {n} of {total}",
    progress_label: "Steps of the e-service",
    step_done: "done",
    required_note: "All questions must be answered unless stated otherwise.",
    next: "Next",
    to_review: "Review",
    back: "Back",
    save_later: "Save and continue later",
    delete_draft: "Delete the draft",
    delete_confirm: "Do you want to delete the draft? What you have filled in and attached is deleted and cannot be recovered.",
    delete_yes: "Yes, delete the draft",
    delete_no: "No, keep it",
    delete_error: "The draft could not be deleted. Please try again.",
    saved_at: "Draft saved at {time}",
    save_failed: "The draft could not be saved just now. What you have written is still here, and we will try again when you continue.",
    conflict: "The draft has been changed in another window or on another device. Load the latest version to continue.",
    conflict_reload: "Load the latest version",
    not_editable: "The case has already been submitted and can no longer be changed.",
    to_case: "Go to the case",
    kept_until: "The draft is kept until {date}.",
    error_summary_heading: "Correct the following to continue:",
    yes: "Yes",
    no: "No",
    choose: "Choose",
    street: "Street address",
    postal_code: "Postal code",
    city: "City",
    uploaded_files: "Attached files",
    remove_file: "Remove {name}",
    uploading: "Uploading {name} …",
    uploaded: "{name} is attached.",
    removed: "{name} has been removed.",
    file_too_large: "The file “{name}” is too large. It may be at most {max}.",
    file_wrong_type: "The file “{name}” has a format that cannot be accepted. Accepted formats: {types}.",
    too_many_files: "You can attach at most {max} files here. Remove a file first if you want to replace it.",
    upload_failed: "The file “{name}” could not be uploaded. Please try again.",
    remove_failed: "The file could not be removed. Please try again.",
    review_title: "Review and submit",
    review_intro: "Check your answers before you submit. You can change an answer by choosing “Change”.",
    change: "Change",
    no_answer: "No answer",
    profile_heading: "Your contact details",
    profile_intro: "Some of your answers differ from the details in your profile:",
    profile_update: "Save the new details in my profile",
    profile_update_failed: "Your profile could not be updated. The case was not submitted. Check the details or untick the box and try again.",
    binding_email: "E-mail address",
    binding_phone: "Phone number",
    binding_address: "Address",
    binding_name: "Name",
    submit_heading: "Submit",
    submit: "Submit",
    submitting: "Submitting …",
    submit_errors: "The case could not be submitted. Correct the answers below and try again.",
    sign_intro: "You sign the case with BankID when you submit it. The BankID app shows a summary of what you sign.",
    sign_this_device: "Sign with BankID on this device",
    sign_other_device: "Sign with BankID on another device",
    sign_qr_heading: "Scan the QR code with the BankID app",
    sign_qr_alt: "QR code for signing with BankID. Scan it with the BankID app.",
    sign_app_heading: "Sign in the BankID app",
    sign_open_app: "Open the BankID app",
    sign_what: "This is what you sign",
    sign_cancel: "Cancel signing",
    sign_failed_heading: "The case is not signed",
    cosigning_unavailable: "This e-service must be signed by more people than you, and that cannot be done here yet. Your draft is kept. Contact the municipality if you need to submit the application now.",
    signature_required: "The case needs to be signed with BankID before it can be submitted.",
    network_error: "Mina sidor could not be reached. Check your internet connection and try again.",
    unexpected_error: "Something went wrong. Please try again.",
    rate_limited: "You have tried many times in a short while. Wait {seconds} seconds and try again.",
    receipt_title: "Your case has been submitted",
    receipt_number: "Case number",
    receipt_submitted: "Submitted {date}.",
    receipt_handling: "We usually handle the case within {days} days.",
    receipt_follow: "You can follow the case on My pages. Give the case number if you contact the municipality.",
    receipt_case_link: "See the case on My pages",
    receipt_my_pages: "To My pages",
    case_number: "Case number",
    case_status: "Status",
    case_submitted: "Submitted",
    case_answers: "Your answers",
    case_history: "Events",
    case_files: "Attached files",
    back_to_my_pages: "Back to My pages",
    continue_draft: "Continue filling in",
};

impl FormTexts {
    /// The texts in the given language.
    pub fn get(lang: Lang) -> &'static FormTexts {
        lang.pick(&FORM_SV, &FORM_EN)
    }
}

/// A case's status as the citizen reads it.
pub fn status_label(lang: Lang, status: CaseStatus) -> &'static str {
    match status {
        CaseStatus::Draft => lang.pick("Utkast", "Draft"),
        CaseStatus::AwaitingCosignature => lang.pick("Väntar på underskrift", "Awaiting signature"),
        CaseStatus::Submitted => lang.pick("Inskickat", "Submitted"),
        CaseStatus::InProgress => lang.pick("Handläggs", "Being handled"),
        CaseStatus::Closed => lang.pick("Avslutat", "Closed"),
    }
}

/// The history as a citizen reads it: a run of the same event (many autosaves, several files)
/// is one line at the time of its last one; events with a text (a status note, a decision, a
/// reason) are never collapsed. Returns (kind, time, text).
pub fn history_lines(
    events: &[api_types::CaseEventResponse],
) -> Vec<(String, String, Option<String>)> {
    let mut lines: Vec<(String, String, Option<String>)> = Vec::new();
    for event in events {
        match lines.last_mut() {
            Some((kind, at, None)) if *kind == event.kind && event.text.is_none() => {
                at.clone_from(&event.at);
            }
            _ => lines.push((event.kind.clone(), event.at.clone(), event.text.clone())),
        }
    }
    lines
}

/// An event in a case's history.
pub fn event_label(lang: Lang, kind: &str) -> &'static str {
    match kind {
        "draft_created" => lang.pick("Utkastet skapades", "The draft was created"),
        "answers_saved" => lang.pick("Svaren sparades", "The answers were saved"),
        "attachment_added" => lang.pick("En fil bifogades", "A file was attached"),
        "attachment_removed" => lang.pick("En fil togs bort", "A file was removed"),
        "draft_signed" => lang.pick(
            "Ärendet skrevs under med BankID",
            "The case was signed with BankID",
        ),
        "case_submitted" => lang.pick("Ärendet skickades in", "The case was submitted"),
        "cosignature_requested" => lang.pick(
            "Medsökande ombads skriva under",
            "Co-signers were asked to sign",
        ),
        "case_cosigned" => lang.pick("En medsökande skrev under", "A co-signer signed"),
        "cosignature_declined" => lang.pick(
            "En medsökande avböjde att skriva under",
            "A co-signer declined to sign",
        ),
        "cosignature_expired" => {
            lang.pick("Tiden för underskrift gick ut", "The time to sign ran out")
        }
        "cosignature_withdrawn" => lang.pick(
            "Begäran om underskrift drogs tillbaka",
            "The request to sign was withdrawn",
        ),
        "handling_started" => lang.pick("Handläggningen påbörjades", "Handling started"),
        "case_closed" => lang.pick("Ärendet avslutades", "The case was closed"),
        "case_reopened" => lang.pick("Ärendet öppnades igen", "The case was reopened"),
        "case_assigned" => lang.pick("Ärendet fick en handläggare", "A case officer was assigned"),
        "status_note_published" => {
            lang.pick("Besked från kommunen", "Update from the municipality")
        }
        "message_posted" => lang.pick("Ett meddelande skickades", "A message was sent"),
        _ => lang.pick("Händelse i ärendet", "Event in the case"),
    }
}

const MONTHS_SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in words, e.g. "12 januari 2027" / "12 January 2027". `month` is 1–12.
pub fn format_date(lang: Lang, year: i32, month: u32, day: u32) -> String {
    let index = month.clamp(1, 12) as usize - 1;
    let name = lang.pick(MONTHS_SV, MONTHS_EN)[index];
    format!("{day} {name} {year}")
}

/// A date and time in words, e.g. "12 januari 2027 kl. 14.05" / "12 January 2027 at 14:05".
pub fn format_date_time(
    lang: Lang,
    (year, month, day): (i32, u32, u32),
    (hour, minute): (u32, u32),
) -> String {
    let date = format_date(lang, year, month, day);
    match lang {
        Lang::Sv => format!("{date} kl. {hour:02}.{minute:02}"),
        Lang::En => format!("{date} at {hour:02}:{minute:02}"),
    }
}

/// A file size for people: "850 kB", "10 MB".
pub fn format_size(lang: Lang, bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = (bytes * 10).div_ceil(MB);
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            let decimal = lang.pick(',', '.');
            format!("{}{decimal}{} MB", tenths / 10, tenths % 10)
        }
    } else {
        format!("{} kB", bytes.div_ceil(1024).max(1))
    }
}

/// "1 fil bifogad. Högst 3 filer." with the singular and plural of both languages.
pub fn file_count(lang: Lang, count: usize, max: u32) -> String {
    match lang {
        Lang::Sv => {
            let attached = if count == 1 {
                "1 fil bifogad".to_owned()
            } else {
                format!("{count} filer bifogade")
            };
            let limit = if max == 1 { "fil" } else { "filer" };
            format!("{attached}. Högst {max} {limit}.")
        }
        Lang::En => {
            let attached = if count == 1 {
                "1 file attached".to_owned()
            } else {
                format!("{count} files attached")
            };
            let limit = if max == 1 { "file" } else { "files" };
            format!("{attached}. At most {max} {limit}.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_the_same_event_is_one_line_at_its_last_time_but_notes_stay_apart() {
        let event = |kind: &str, at: &str, text: Option<&str>| api_types::CaseEventResponse {
            text: text.map(str::to_owned),
            kind: kind.into(),
            at: at.into(),
        };
        let lines = history_lines(&[
            event("draft_created", "t1", None),
            event("answers_saved", "t2", None),
            event("answers_saved", "t3", None),
            event("attachment_added", "t4", None),
            event("answers_saved", "t5", None),
            event("case_submitted", "t6", None),
            event("status_note_published", "t7", Some("Beställt")),
            event("status_note_published", "t8", Some("Lagat")),
            event("case_closed", "t9", Some("Beslut")),
        ]);
        let kinds: Vec<(&str, &str, Option<&str>)> = lines
            .iter()
            .map(|(kind, at, text)| (kind.as_str(), at.as_str(), text.as_deref()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("draft_created", "t1", None),
                ("answers_saved", "t3", None),
                ("attachment_added", "t4", None),
                ("answers_saved", "t5", None),
                ("case_submitted", "t6", None),
                ("status_note_published", "t7", Some("Beställt")),
                ("status_note_published", "t8", Some("Lagat")),
                ("case_closed", "t9", Some("Beslut")),
            ]
        );
        for (kind, _, _) in &lines {
            assert_ne!(event_label(Lang::Sv, kind), "Händelse i ärendet", "{kind}");
        }
        for kind in ["case_assigned", "message_posted"] {
            assert_ne!(event_label(Lang::Sv, kind), "Händelse i ärendet", "{kind}");
        }
    }

    #[test]
    fn dates_are_written_in_words() {
        assert_eq!(format_date(Lang::Sv, 2027, 1, 12), "12 januari 2027");
        assert_eq!(format_date(Lang::En, 2026, 12, 1), "1 December 2026");
        assert_eq!(
            format_date_time(Lang::Sv, (2026, 3, 5), (9, 7)),
            "5 mars 2026 kl. 09.07"
        );
        assert_eq!(
            format_date_time(Lang::En, (2026, 3, 5), (14, 30)),
            "5 March 2026 at 14:30"
        );
    }

    #[test]
    fn sizes_are_rounded_for_people() {
        assert_eq!(format_size(Lang::Sv, 10 * 1024 * 1024), "10 MB");
        assert_eq!(format_size(Lang::Sv, 1536 * 1024), "1,5 MB");
        assert_eq!(format_size(Lang::En, 1536 * 1024), "1.5 MB");
        assert_eq!(format_size(Lang::En, 10), "1 kB");
        assert_eq!(format_size(Lang::En, 2048), "2 kB");
    }

    #[test]
    fn singular_and_plural_in_both_languages() {
        assert_eq!(file_count(Lang::Sv, 0, 1), "0 filer bifogade. Högst 1 fil.");
        assert_eq!(file_count(Lang::Sv, 1, 3), "1 fil bifogad. Högst 3 filer.");
        assert_eq!(
            file_count(Lang::En, 1, 1),
            "1 file attached. At most 1 file."
        );
        assert_eq!(
            file_count(Lang::En, 2, 5),
            "2 files attached. At most 5 files."
        );
    }
}
