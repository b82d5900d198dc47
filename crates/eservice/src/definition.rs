//! The e-service definition format: the types a definition document is
//! made of.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::localized::Localized;
use crate::pattern::TextPattern;

/// Default `max_length` of a `short_text` field.
pub const DEFAULT_SHORT_TEXT_MAX_LENGTH: u32 = 200;
/// Default `max_length` of a `long_text` field.
pub const DEFAULT_LONG_TEXT_MAX_LENGTH: u32 = 5000;

/// A complete, checked e-service definition.
///
/// The only ways to get one are [`from_json`](Self::from_json),
/// [`from_value`](Self::from_value) and deserialisation (which calls
/// `from_value`), so holding an `EServiceDefinition` means that every
/// structural and semantic rule in the crate documentation holds: field ids
/// are unique, conditions refer to earlier fields, prefill bindings fit
/// their field types, and so on. Serialising it gives a document that loads
/// again to an equal definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Value")]
pub struct EServiceDefinition {
    pub(crate) slug: String,
    pub(crate) version: u32,
    pub(crate) title: Localized,
    pub(crate) description: Localized,
    pub(crate) settings: Settings,
    pub(crate) steps: Vec<Step>,
}

impl EServiceDefinition {
    /// The URL-safe identifier, e.g. `felanmalan-gata-park`: lowercase
    /// `a-z`, digits and single hyphens, 3–64 characters.
    #[must_use]
    pub fn slug(&self) -> &str {
        &self.slug
    }

    /// The version of the definition, 1 or more. A case records the version
    /// it was filled in with.
    #[must_use]
    pub const fn version(&self) -> u32 {
        self.version
    }

    /// The name of the e-service.
    #[must_use]
    pub const fn title(&self) -> &Localized {
        &self.title
    }

    /// A short introduction shown before the first step.
    #[must_use]
    pub const fn description(&self) -> &Localized {
        &self.description
    }

    /// Login, signing, retention and publishing settings.
    #[must_use]
    pub const fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The steps (pages) of the form, in order.
    #[must_use]
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The step with this id.
    #[must_use]
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|step| step.id == id)
    }

    /// Every field of every step, in form order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.steps.iter().flat_map(|step| step.fields.iter())
    }

    /// The field with this id (field ids are unique across all steps).
    #[must_use]
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().find(|field| field.id == id)
    }
}

/// How an e-service is run: login, signing, co-signers, retention and
/// publishing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The citizen must log in with BankID before filling in the form.
    pub login_required: bool,
    /// The applicant signs with BankID sign on submit. Requires
    /// `login_required`.
    pub signature_required: bool,
    /// Further people who must sign before the case is submitted (for
    /// example the other guardian). Requires `signature_required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cosigners: Option<CosignerSettings>,
    /// Days an untouched draft is kept before it is deleted, 1–365.
    pub draft_retention_days: u32,
    /// Expected handling time in days, shown to the citizen (1–365).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_handling_days: Option<u32>,
    /// Days after closing that the applicant may still write to the officer (0–365; 30 when
    /// not given). While the case is open, writing is always possible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_window_days: Option<u32>,
    /// The officer group whose queue receives the cases: lowercase `a-z`,
    /// digits, `-` and `_`, 1–64 characters.
    pub officer_group: String,
    /// Whether citizens can see and start the e-service.
    pub published: bool,
}

impl Settings {
    /// The reply window when the definition does not set one.
    pub const DEFAULT_REPLY_WINDOW_DAYS: u32 = 30;

    /// Days after closing that the applicant may still write.
    #[must_use]
    pub fn reply_window_days(&self) -> u32 {
        self.reply_window_days
            .unwrap_or(Self::DEFAULT_REPLY_WINDOW_DAYS)
    }
}

/// Co-signers who must sign a case before it counts as submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CosignerSettings {
    /// How many co-signers, 1–3.
    pub count: u8,
    /// What a co-signer is called, e.g. "Vårdnadshavare 2" / "Guardian 2".
    pub role_label: Localized,
}

/// One page of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Identifier, unique among the steps: lowercase `a-z`, digits and `_`,
    /// starting with a letter, at most 64 characters.
    pub id: String,
    /// The heading of the page.
    pub title: Localized,
    /// The fields, in order; at least one.
    pub fields: Vec<Field>,
}

/// One question (or information block) in a step.
///
/// In the JSON document the common properties and the type-specific ones
/// sit in the same object, with `type` naming the field type:
///
/// ```json
/// { "id": "location", "type": "short_text", "max_length": 200,
///   "label": { "sv": "Var finns felet?", "en": "Where is the fault?" },
///   "required": true }
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
pub struct Field {
    /// Identifier, unique across all steps; the key of the answer. Lowercase
    /// `a-z`, digits and `_`, starting with a letter, at most 64 characters.
    pub id: String,
    /// The field type and its type-specific settings.
    pub kind: FieldKind,
    /// The question or heading shown to the citizen.
    pub label: Localized,
    /// Help text shown under the label.
    pub help: Option<Localized>,
    /// Whether an answer is needed to go on (only while the field is visible).
    pub required: bool,
    /// Show the field only when this condition on an earlier answer holds.
    pub visible_if: Option<Condition>,
    /// Fill the field in from the citizen's profile.
    pub prefill: Option<ProfileBinding>,
}

/// What a phone field's number is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhonePurpose {
    /// For calling: landlines and mobiles ("Telefonnummer").
    #[default]
    Call,
    /// For text messages: mobiles only ("Mobilnummer").
    Sms,
}

impl PhonePurpose {
    /// The default, left out when serialising.
    #[must_use]
    pub const fn is_call(&self) -> bool {
        matches!(self, Self::Call)
    }
}

/// The keys of a field object that are not type-specific.
const COMMON_FIELD_KEYS: [&str; 6] = ["id", "label", "help", "required", "visible_if", "prefill"];

/// The common part of a field object.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldCommon {
    id: String,
    label: Localized,
    #[serde(default)]
    help: Option<Localized>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    visible_if: Option<Condition>,
    #[serde(default)]
    prefill: Option<ProfileBinding>,
}

impl TryFrom<Map<String, Value>> for Field {
    type Error = String;

    fn try_from(mut object: Map<String, Value>) -> Result<Self, Self::Error> {
        let mut common = Map::new();
        for key in COMMON_FIELD_KEYS {
            if let Some(value) = object.remove(key) {
                common.insert(key.to_owned(), value);
            }
        }
        let common: FieldCommon =
            serde_json::from_value(Value::Object(common)).map_err(|e| e.to_string())?;
        let kind: FieldKind =
            serde_json::from_value(Value::Object(object)).map_err(|e| e.to_string())?;
        Ok(Self {
            id: common.id,
            kind,
            label: common.label,
            help: common.help,
            required: common.required,
            visible_if: common.visible_if,
            prefill: common.prefill,
        })
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Repr<'a> {
            id: &'a str,
            #[serde(flatten)]
            kind: &'a FieldKind,
            label: &'a Localized,
            #[serde(skip_serializing_if = "Option::is_none")]
            help: Option<&'a Localized>,
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            required: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            visible_if: Option<&'a Condition>,
            #[serde(skip_serializing_if = "Option::is_none")]
            prefill: Option<ProfileBinding>,
        }
        Repr {
            id: &self.id,
            kind: &self.kind,
            label: &self.label,
            help: self.help.as_ref(),
            required: self.required,
            visible_if: self.visible_if.as_ref(),
            prefill: self.prefill,
        }
        .serialize(serializer)
    }
}

/// The type of a field and its type-specific settings (`"type"` in JSON).
///
/// The answer each type expects is documented on the variant; the
/// validation rules are in [`validate`](crate::validate).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum FieldKind {
    /// One line of text. Answer: a string.
    ShortText {
        /// Fewest characters (after trimming).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_length: Option<u32>,
        /// Most characters (after trimming), default 200, at most 1000.
        #[serde(default = "default_short_max")]
        max_length: u32,
        /// A named input pattern; see [`TextPattern`].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pattern: Option<TextPattern>,
    },
    /// Several lines of text. Answer: a string.
    LongText {
        /// Fewest characters (after trimming).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_length: Option<u32>,
        /// Most characters (after trimming), default 5000, at most 20000.
        #[serde(default = "default_long_max")]
        max_length: u32,
    },
    /// A number. Answer: a JSON number, or a string such as `"3,5"` (a
    /// decimal comma or point, spaces as thousands separators).
    Number {
        /// Smallest allowed value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// Largest allowed value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
        /// Only whole numbers.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        integer: bool,
    },
    /// A calendar date. Answer: a string `YYYY-MM-DD`.
    Date {
        /// Earliest allowed date.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<NaiveDate>,
        /// Latest allowed date.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<NaiveDate>,
        /// The date may not be after `today`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        not_in_future: bool,
        /// The date may not be before `today`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        not_in_past: bool,
    },
    /// Exactly one of a list of options. Answer: the option's `value`.
    SingleChoice {
        /// The options, at least one, with unique values.
        options: Vec<ChoiceOption>,
        /// Radio buttons (default) or a drop-down list.
        #[serde(default)]
        display: ChoiceDisplay,
    },
    /// Any number of a list of options. Answer: an array of option values.
    MultipleChoice {
        /// The options, at least one, with unique values.
        options: Vec<ChoiceOption>,
        /// Fewest options to select when answered.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_selected: Option<u32>,
        /// Most options to select.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_selected: Option<u32>,
    },
    /// Yes or no. Answer: `true` or `false`.
    YesNo {
        /// Only "yes" is accepted (for confirmations such as "the
        /// information is correct"); the field must then be required.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        require_yes: bool,
    },
    /// An e-mail address. Answer: a string, checked with [`domain::Email`].
    Email {},
    /// A phone number. Answer: a string, checked with [`domain::PhoneNumber`]: for calling any
    /// Swedish number (landlines too) or one with a country code; for SMS a mobile number.
    Phone {
        /// What the number is for; `call` when left out.
        #[serde(default, skip_serializing_if = "PhonePurpose::is_call")]
        purpose: PhonePurpose,
    },
    /// A Swedish personal identity number. Answer: a string, checked with
    /// [`domain::Personnummer::parse_at`].
    Personnummer {},
    /// A Swedish postal address. Answer: an object
    /// `{"street", "postal_code", "city"}`; see [`PostalAddress`].
    PostalAddress {},
    /// Attachments. Answer: an array of attachment ids (strings). The server
    /// checks types and sizes when each file is uploaded; validation here
    /// checks the count.
    FileUpload {
        /// Accepted MIME types, e.g. `image/jpeg`.
        accept: Vec<String>,
        /// Largest size of one file in bytes, at most 50 MiB.
        max_size_bytes: u64,
        /// Most files, 1–20.
        max_count: u32,
    },
    /// A block of information. Takes no answer and cannot be required.
    Info {
        /// The text to show.
        text: Localized,
    },
}

const fn default_short_max() -> u32 {
    DEFAULT_SHORT_TEXT_MAX_LENGTH
}

const fn default_long_max() -> u32 {
    DEFAULT_LONG_TEXT_MAX_LENGTH
}

impl FieldKind {
    /// Every type name, as written in `"type"`.
    pub const TYPE_NAMES: [&'static str; 13] = [
        "short_text",
        "long_text",
        "number",
        "date",
        "single_choice",
        "multiple_choice",
        "yes_no",
        "email",
        "phone",
        "personnummer",
        "postal_address",
        "file_upload",
        "info",
    ];

    /// The name of this type as written in `"type"`, e.g. `short_text`.
    #[must_use]
    pub const fn type_name(&self) -> &'static str {
        match self {
            Self::ShortText { .. } => "short_text",
            Self::LongText { .. } => "long_text",
            Self::Number { .. } => "number",
            Self::Date { .. } => "date",
            Self::SingleChoice { .. } => "single_choice",
            Self::MultipleChoice { .. } => "multiple_choice",
            Self::YesNo { .. } => "yes_no",
            Self::Email {} => "email",
            Self::Phone { .. } => "phone",
            Self::Personnummer {} => "personnummer",
            Self::PostalAddress {} => "postal_address",
            Self::FileUpload { .. } => "file_upload",
            Self::Info { .. } => "info",
        }
    }

    /// Whether the field takes an answer (everything but `info`).
    #[must_use]
    pub const fn takes_answer(&self) -> bool {
        !matches!(self, Self::Info { .. })
    }

    /// The options of a choice field.
    #[must_use]
    pub fn options(&self) -> Option<&[ChoiceOption]> {
        match self {
            Self::SingleChoice { options, .. } | Self::MultipleChoice { options, .. } => {
                Some(options)
            }
            _ => None,
        }
    }
}

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// The stored answer: lowercase `a-z`, digits, `-` and `_`, 1–64
    /// characters, unique within the field.
    pub value: String,
    /// What the citizen sees.
    pub label: Localized,
}

/// How a single choice is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceDisplay {
    /// Radio buttons, all options visible (best for up to about six).
    #[default]
    Radio,
    /// A drop-down list.
    Select,
}

/// A condition on an earlier answer that decides whether a field is shown.
///
/// Exactly one of `equals` and `any_of` is given. The condition holds when
/// the referenced field is itself visible and its answer equals the value
/// (`equals`) or one of the values (`any_of`); for a `multiple_choice`
/// field it holds when any selected option matches. Conditions may refer to
/// `yes_no`, `single_choice` and `multiple_choice` fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The id of an earlier field.
    pub field: String,
    /// The answer that shows this field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<Value>,
    /// Answers any of which shows this field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<Value>>,
}

impl Condition {
    /// Whether `answer` (the referenced field's answer) satisfies the
    /// condition. Visibility of the referenced field is checked by the
    /// caller.
    #[must_use]
    pub fn matches(&self, answer: Option<&Value>) -> bool {
        let Some(answer) = answer else {
            return false;
        };
        let hit = |candidate: &Value| match (&self.equals, &self.any_of) {
            (Some(expected), _) => candidate == expected,
            (None, Some(any_of)) => any_of.contains(candidate),
            (None, None) => false,
        };
        match answer {
            Value::Array(selected) => selected.iter().any(hit),
            single => hit(single),
        }
    }

    /// The values this condition compares with.
    pub(crate) fn values(&self) -> Vec<&Value> {
        match (&self.equals, &self.any_of) {
            (Some(value), _) => vec![value],
            (None, Some(values)) => values.iter().collect(),
            (None, None) => Vec::new(),
        }
    }
}

/// A profile value a field can be filled in from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileBinding {
    /// The profile e-mail address; for `email` fields.
    Email,
    /// The profile phone number; for `phone` fields.
    Phone,
    /// The profile postal address; for `postal_address` fields.
    PostalAddress,
    /// The given name; for `short_text` fields.
    GivenName,
    /// The surname; for `short_text` fields.
    Surname,
    /// Given name and surname; for `short_text` fields.
    FullName,
}

impl ProfileBinding {
    /// The name as written in definitions, e.g. `postal_address`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone",
            Self::PostalAddress => "postal_address",
            Self::GivenName => "given_name",
            Self::Surname => "surname",
            Self::FullName => "full_name",
        }
    }

    /// The field type a field bound to this value must have.
    #[must_use]
    pub const fn field_type(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone",
            Self::PostalAddress => "postal_address",
            Self::GivenName | Self::Surname | Self::FullName => "short_text",
        }
    }
}

/// The answer to a `postal_address` field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostalAddress {
    /// Street and number, e.g. "Storgatan 12 B" (at most 200 characters).
    pub street: String,
    /// Five digits, optionally with a space after the third (`733 30`).
    pub postal_code: String,
    /// Postal town, e.g. "Sala" (at most 100 characters).
    pub city: String,
}
