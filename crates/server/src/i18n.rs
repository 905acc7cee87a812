//! Translations of the data-processing and self-service pages. Each language is one
//! [`Strings`] table; a site's `lang` picks it, with English as the fallback. Placeholders in
//! braces (`{n}`, `{m}`, `{site}`) are filled in by the page.

/// The strings of one language.
#[derive(Debug)]
pub struct Strings {
    /// Language tag.
    pub lang: &'static str,
    /// Page title.
    pub title: &'static str,
    /// Introduction; `{site}`.
    pub intro: &'static str,
    /// Heading of the field table.
    pub stored_heading: &'static str,
    /// Column headings: data, why, published, kept for.
    pub columns: [&'static str; 4],
    /// Yes / never.
    pub yes_no: [&'static str; 2],
    /// Field names and purposes by key.
    pub fields: &'static [(&'static str, &'static str, &'static str)],
    /// Kept: with the comment.
    pub kept_with_comment: &'static str,
    /// Kept: IP; `{n}` truncation days, `{m}` removal days.
    pub kept_ip: &'static str,
    /// Kept: user agent and referrer; `{n}` days.
    pub kept_agent: &'static str,
    /// Kept: mail until sent.
    pub kept_until_sent: &'static str,
    /// Kept: link.
    pub kept_link: &'static str,
    /// Kept: audit.
    pub kept_audit: &'static str,
    /// Kept: reply subscription.
    pub kept_subscription: &'static str,
    /// How long a rate-limit entry lasts.
    pub kept_rate_limit: &'static str,
    /// Deleted comments.
    pub deleted_text: &'static str,
    /// Spam filtering heading and text.
    pub filtering: [&'static str; 2],
    /// Third parties: none.
    pub no_third_parties: &'static str,
    /// Third parties: the SMTP relay; `{relay}`.
    pub smtp_relay: &'static str,
    /// Cookies heading and text.
    pub cookies: [&'static str; 2],
    /// Rights heading and text; `{policy}`.
    pub rights: [&'static str; 2],
    /// What erasure means: anonymise, delete.
    pub policies: [&'static str; 2],
    /// Request form: label, button.
    pub request_form: [&'static str; 2],
    /// Without mail.
    pub no_mail: &'static str,
    /// Contact; `{contact}`.
    pub contact: &'static str,
    /// Storage; `{backend}`.
    pub storage: &'static str,
}

static EN: Strings = Strings {
    lang: "en",
    title: "How your comment data is processed",
    intro: "This page describes what {site} stores when you comment, why, and for how long. It is generated from the running configuration of this Retort server, so it changes when the configuration does.",
    stored_heading: "What is stored, and why",
    columns: ["Data", "Why", "Published?", "Kept for"],
    yes_no: ["Yes", "Never"],
    fields: &[
        ("name", "Your name", "To show who wrote the comment"),
        (
            "email",
            "Your email address",
            "So the site owner can reach you about your comment, to send you the mail you ask for, to recognise returning commenters for the spam filter, and to draw your avatar (from a keyed hash, never the address)",
        ),
        ("website", "Your website (optional)", "To link your name"),
        ("text", "Your comment", "To publish it"),
        ("ip", "Your IP address", "To fight spam and abuse"),
        (
            "user_agent",
            "Your browser's user agent",
            "To fight spam and abuse",
        ),
        (
            "referrer",
            "The page you came from",
            "To fight spam and abuse",
        ),
        (
            "spam",
            "The spam filter's score and reasons",
            "So moderators can review its decisions",
        ),
        (
            "edit_token",
            "A hash of your comment's edit key",
            "So that you, and only you, can edit or delete it for a while",
        ),
        (
            "bookkeeping",
            "The comment's number, thread, reply-to and status",
            "To show the thread in order",
        ),
        ("dates", "When you posted and edited", "To show it"),
        (
            "mail",
            "Messages waiting to be sent to you",
            "To deliver mail you asked for, even if the mail server is down for a while",
        ),
        (
            "link",
            "Self-service links (your address and a hash of the link)",
            "To let you export or erase your data",
        ),
        (
            "audit",
            "A record of exports and erasures (with a keyed hash of your address, not the address)",
            "To account for what was done with your data",
        ),
        (
            "subscription",
            "Your request to be told of replies, and when you confirmed it",
            "To mail you replies to your comment, only after you confirmed the address",
        ),
        (
            "notices",
            "Which replies were already announced",
            "So that each reply is mailed once",
        ),
        (
            "rate_limit",
            "How much of your allowance of posts and link requests is used (under a keyed hash of your network address, not the address)",
            "To stop floods of comments and mail, on every server of this site",
        ),
    ],
    kept_with_comment: "As long as the comment exists, or until you ask for erasure",
    kept_ip: "Cut to its network (the last part removed) after {n} days, removed after {m} days",
    kept_agent: "Removed after {n} days",
    kept_until_sent: "Until sent, then deleted",
    kept_link: "24 hours, or until used for an erasure",
    kept_audit: "Kept as a record",
    kept_subscription: "Until you unsubscribe (a link in every mail) or ask for erasure",
    kept_rate_limit: "Until the allowance is full again (minutes), then deleted at the next clean-up",
    deleted_text: "When a comment is deleted, its text is removed at once (by its author) or within {h} hour(s) (by a moderator).",
    filtering: [
        "Spam filtering",
        "Every comment is checked by a spam filter that runs on this server. Nothing about you or your comment is sent to any other service for that. When another site asks this server to check a comment through its Akismet-compatible API, the comment is classified in memory and not stored.",
    ],
    no_third_parties: "No data are sent to third parties: no analytics, no avatars from other services, no tracking. This server sends no mail.",
    smtp_relay: "Mail to you (only what you ask for) is handed to the mail server {relay} for delivery. Nothing else is sent to third parties: no analytics, no avatars from other services, no tracking.",
    cookies: [
        "Cookies",
        "Posting needs no cookie. If you tick \"Save my name, email and website in this browser\", a cookie holding those three is set for one year so the form is filled in next time; untick it to remove it. When your comment is held for moderation, one cookie lets you, and only you, see your waiting comment; it expires after at most {hours} hour(s).",
    ],
    rights: [
        "Your rights: export and erasure",
        "Enter the address you commented with and you will get a link, valid for 24 hours, to download everything stored about you or to erase it. On this site, erasure means that {policy}. Whether or not the address has comments here, the answer is the same.",
    ],
    policies: [
        "your comments stay, under the name \"Anonymous\", without your email address, website, IP address or browser details",
        "your comments are deleted, with your name, email address, website, IP address and browser details",
    ],
    request_form: ["Your email address", "Send me a link"],
    no_mail: "This server cannot send mail, so please ask the site owner for an export or erasure.",
    contact: "Contact for data questions: {contact}.",
    storage: "The data are kept in a {backend} database run by the site owner.",
};

static DE: Strings = Strings {
    lang: "de",
    title: "Wie deine Kommentardaten verarbeitet werden",
    intro: "Diese Seite beschreibt, was {site} speichert, wenn du kommentierst, wozu und wie lange. Sie wird aus der laufenden Konfiguration dieses Retort-Servers erzeugt und ändert sich mit ihr.",
    stored_heading: "Was gespeichert wird, und warum",
    columns: ["Daten", "Zweck", "Öffentlich?", "Aufbewahrung"],
    yes_no: ["Ja", "Nie"],
    fields: &[
        (
            "name",
            "Dein Name",
            "Um zu zeigen, wer den Kommentar geschrieben hat",
        ),
        (
            "email",
            "Deine E-Mail-Adresse",
            "Damit dich die Betreiber zu deinem Kommentar erreichen, um dir angeforderte E-Mails zu senden, um wiederkehrende Kommentierende für den Spamfilter zu erkennen und um dein Avatarbild zu erzeugen (aus einem geheimen Hash, nie aus der Adresse)",
        ),
        (
            "website",
            "Deine Website (freiwillig)",
            "Um deinen Namen zu verlinken",
        ),
        ("text", "Dein Kommentar", "Um ihn zu veröffentlichen"),
        ("ip", "Deine IP-Adresse", "Gegen Spam und Missbrauch"),
        (
            "user_agent",
            "Die Kennung deines Browsers",
            "Gegen Spam und Missbrauch",
        ),
        (
            "referrer",
            "Die Seite, von der du kamst",
            "Gegen Spam und Missbrauch",
        ),
        (
            "spam",
            "Bewertung und Gründe des Spamfilters",
            "Damit Moderierende seine Entscheidungen prüfen können",
        ),
        (
            "edit_token",
            "Ein Hash des Bearbeitungsschlüssels",
            "Damit nur du deinen Kommentar eine Zeit lang bearbeiten oder löschen kannst",
        ),
        (
            "bookkeeping",
            "Nummer, Thema, Antwortbezug und Status",
            "Um die Diskussion geordnet zu zeigen",
        ),
        (
            "dates",
            "Zeitpunkt des Schreibens und Bearbeitens",
            "Um ihn anzuzeigen",
        ),
        (
            "mail",
            "Noch nicht versandte E-Mails an dich",
            "Um angeforderte E-Mails auch nach einem Ausfall des Mailservers zuzustellen",
        ),
        (
            "link",
            "Selbstbedienungs-Links (deine Adresse und ein Hash des Links)",
            "Damit du deine Daten exportieren oder löschen kannst",
        ),
        (
            "audit",
            "Ein Protokoll von Exporten und Löschungen (mit einem geheimen Hash deiner Adresse, nicht der Adresse)",
            "Um Rechenschaft über den Umgang mit deinen Daten abzulegen",
        ),
        (
            "subscription",
            "Dein Wunsch, über Antworten informiert zu werden, und wann du ihn bestätigt hast",
            "Um dir Antworten auf deinen Kommentar zu senden, erst nach Bestätigung der Adresse",
        ),
        (
            "notices",
            "Welche Antworten bereits gemeldet wurden",
            "Damit jede Antwort nur einmal gemeldet wird",
        ),
        (
            "rate_limit",
            "Wie viel deines Kontingents an Beiträgen und Link-Anfragen verbraucht ist (unter einem geheimen Hash deiner Netzadresse, nicht der Adresse)",
            "Um Fluten von Kommentaren und E-Mails zu verhindern, auf jedem Server dieser Seite",
        ),
    ],
    kept_with_comment: "Solange der Kommentar besteht oder bis du die Löschung verlangst",
    kept_ip: "Nach {n} Tagen auf ihr Netz gekürzt (letzter Teil entfernt), nach {m} Tagen gelöscht",
    kept_agent: "Nach {n} Tagen gelöscht",
    kept_until_sent: "Bis zum Versand, dann gelöscht",
    kept_link: "24 Stunden oder bis zur Nutzung für eine Löschung",
    kept_audit: "Als Nachweis aufbewahrt",
    kept_subscription: "Bis du dich abmeldest (Link in jeder E-Mail) oder die Löschung verlangst",
    kept_rate_limit: "Bis das Kontingent wieder voll ist (Minuten), dann bei der nächsten Bereinigung gelöscht",
    deleted_text: "Wird ein Kommentar gelöscht, wird sein Text sofort (durch dich) oder innerhalb von {h} Stunde(n) (durch Moderierende) entfernt.",
    filtering: [
        "Spamfilter",
        "Jeder Kommentar wird von einem Spamfilter auf diesem Server geprüft. Dafür wird nichts über dich oder deinen Kommentar an einen anderen Dienst gesendet. Wenn eine andere Website über die Akismet-kompatible Schnittstelle einen Kommentar prüfen lässt, wird er nur im Speicher bewertet und nicht gespeichert.",
    ],
    no_third_parties: "Es werden keine Daten an Dritte übermittelt: keine Statistikdienste, keine fremden Avatarbilder, kein Tracking. Dieser Server versendet keine E-Mails.",
    smtp_relay: "E-Mails an dich (nur angeforderte) werden zur Zustellung an den Mailserver {relay} übergeben. Sonst wird nichts an Dritte übermittelt: keine Statistikdienste, keine fremden Avatarbilder, kein Tracking.",
    cookies: [
        "Cookies",
        "Zum Kommentieren ist kein Cookie nötig. Wenn du „Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser speichern“ ankreuzt, wird ein Cookie mit diesen drei Angaben für ein Jahr gesetzt, damit das Formular beim nächsten Mal ausgefüllt ist; ohne Häkchen wird es entfernt. Wartet dein Kommentar auf Freigabe, erlaubt ein Cookie nur dir, ihn zu sehen; es läuft nach höchstens {hours} Stunde(n) ab.",
    ],
    rights: [
        "Deine Rechte: Auskunft und Löschung",
        "Gib die Adresse ein, mit der du kommentiert hast, und du erhältst einen 24 Stunden gültigen Link, um alle über dich gespeicherten Daten herunterzuladen oder zu löschen. Auf dieser Website bedeutet Löschung: {policy}. Die Antwort ist dieselbe, ob die Adresse hier Kommentare hat oder nicht.",
    ],
    policies: [
        "deine Kommentare bleiben unter dem Namen „Anonymous“ stehen, ohne E-Mail-Adresse, Website, IP-Adresse und Browserangaben",
        "deine Kommentare werden mit Name, E-Mail-Adresse, Website, IP-Adresse und Browserangaben gelöscht",
    ],
    request_form: ["Deine E-Mail-Adresse", "Link senden"],
    no_mail: "Dieser Server kann keine E-Mails senden; bitte wende dich für Auskunft oder Löschung an die Betreiber.",
    contact: "Kontakt für Datenschutzfragen: {contact}.",
    storage: "Die Daten liegen in einer {backend}-Datenbank der Betreiber.",
};

/// The strings for a language tag (`de`, `de-AT`, …); English when there is no translation.
pub fn strings(lang: &str) -> &'static Strings {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "de" => &DE,
        _ => &EN,
    }
}

impl Strings {
    /// The name and purpose of a field key.
    pub fn field(&self, key: &str) -> (&'static str, &'static str) {
        self.fields
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, n, p)| (*n, *p))
            .unwrap_or(("", ""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_names_every_field_key() {
        for s in [&EN, &DE] {
            for f in retort_domain::privacy::STORED_FIELDS {
                assert!(!s.field(f.key).0.is_empty(), "{} lacks {}", s.lang, f.key);
            }
        }
        assert_eq!(strings("de-AT").lang, "de");
        assert_eq!(strings("fr").lang, "en");
    }
}
