//! The simulated signature: an XML document shaped like BankID's XML-DSig signature. Its signed
//! part (`bankIdSignedData`) holds the order's base64 `userVisibleData` and `userNonVisibleData`,
//! so it binds what was signed; `KeyInfo` names the person instead of carrying a certificate.
//! The "signature value" is an HMAC with a fixed, public key: it proves nothing.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::{Order, OrderKind, Person};

/// The HMAC key of the simulated signature value (public: nothing is really signed).
const SIMULATOR_KEY: &[u8] = b"mina-sidor-bankid-simulator";

pub(super) fn base64(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

pub(super) fn decode_base64(text: &str) -> Option<Vec<u8>> {
    BASE64.decode(text.as_bytes()).ok()
}

pub(super) fn base64_sha256(bytes: &[u8]) -> String {
    base64(&Sha256::digest(bytes))
}

fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The signed data element.
fn signed_data(order: &Order, person: &Person) -> String {
    let mut xml = String::from(
        "<bankIdSignedData xmlns=\"http://www.bankid.com/signature/v1.0.0/types\" \
         Id=\"bidSignedData\">",
    );
    if let Some(visible) = &order.user_visible_data {
        xml.push_str(&format!(
            "<usrVisibleData charset=\"UTF-8\" visible=\"wysiwys\">{visible}</usrVisibleData>"
        ));
    }
    if let Some(non_visible) = &order.user_non_visible_data {
        xml.push_str(&format!(
            "<usrNonVisibleData>{non_visible}</usrNonVisibleData>"
        ));
    }
    let func = match order.kind {
        OrderKind::Auth => "Identification",
        OrderKind::Sign => "Signing",
    };
    xml.push_str(&format!(
        "<srvInfo><name>{name}</name><nonce>{nonce}</nonce><displayName>{display}</displayName>\
         </srvInfo><clientInfo><funcId>{func}</funcId><version>{version}</version><env><ai>\
         <type>{kind}</type><deviceInfo>{device}</deviceInfo><uhi>{uhi}</uhi></ai></env>\
         </clientInfo></bankIdSignedData>",
        name = base64(b"Mina sidor BankID simulator"),
        nonce = base64_sha256(order.order_ref.as_bytes()),
        display = base64(b"Mina sidor"),
        version = base64(b"Simulator 1.0"),
        kind = base64(b"SIMULATOR"),
        device = base64(order.end_user_ip.as_bytes()),
        uhi = base64_sha256(format!("uhi:{}", person.personal_number).as_bytes()),
    ));
    xml
}

/// The whole signature document.
pub(super) fn signature_xml(order: &Order, person: &Person) -> String {
    let signed = signed_data(order, person);
    let signed_info = format!(
        "<SignedInfo xmlns=\"http://www.w3.org/2000/09/xmldsig#\">\
         <CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>\
         <SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#hmac-sha256\"/>\
         <Reference Type=\"http://www.bankid.com/signature/v1.0.0/types\" URI=\"#bidSignedData\">\
         <Transforms><Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></Transforms>\
         <DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\
         <DigestValue>{digest}</DigestValue></Reference></SignedInfo>",
        digest = base64_sha256(signed.as_bytes()),
    );
    let value = match Hmac::<Sha256>::new_from_slice(SIMULATOR_KEY) {
        Ok(mut mac) => {
            mac.update(signed_info.as_bytes());
            base64(&mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\
         <Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">\
         <!-- Made by the Mina sidor BankID simulator: not a real BankID signature. -->\
         {signed_info}<SignatureValue>{value}</SignatureValue>\
         <KeyInfo><KeyName>{pno} {name}</KeyName></KeyInfo>\
         <Object>{signed}</Object></Signature>",
        pno = escape_xml(&person.personal_number),
        name = escape_xml(&person.name()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_special_characters_are_escaped() {
        assert_eq!(escape_xml("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }
}
