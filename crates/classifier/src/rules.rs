//! Hand-written rules: fixed log-odds for signals that no training set contains (honeypots,
//! submission speed, author reputation, styled Unicode, tech-support numbers, recovery scams,
//! author fields, markup links, spam-bot templates), and for the readers the training sets
//! mislabel by their surface (warnings about scams, public helpline numbers: negative weights).
//! They are added to the calibrated log-odds after the learned model, as SpamAssassin adds rule
//! scores beside its Bayes score.
//!
//! Must not: fire on surface oddity alone (capitals, anger, money talk, one news link). Every
//! rule names the structure it sees, and has a test here.
//!
//! Entry point: [`apply`].

use crate::signals::Signals;

/// A rule that fired.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleHit {
    /// Stable code, `rule.*`.
    pub code: &'static str,
    /// Moderator words.
    pub text: &'static str,
    /// Log-odds added to the calibrated score.
    pub weight: f32,
}

/// Whether `text` (normalised: lower case, accents folded) holds one of `words`, which must be
/// written in that form too ("policia", not "policía").
fn any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// The writer talking about their own work or where to find it: a reader's prompt with one of
/// these is self-promotion ("I'm a rapper… thumbs up if").
const SELF_WORDS: &[&str] = &[
    "subscrib",
    "my ",
    "i'm a ",
    "im a ",
    "i am a ",
    "i rap",
    "rapper",
    "singer",
    "my music",
    "check out",
    "check it out",
    "type in",
    "search for",
    "getting popular",
    "follow me",
    "channel",
];

/// Words that are almost only ever disguised for one reason.
const DISGUISED: &[&str] = &[
    "casino",
    "viagra",
    "cialis",
    "levitra",
    "pharmacy",
    "pills",
    "prescription",
    "betting",
    "slots",
    "jackpot",
    "bonus",
    "loan",
    "loans",
    "porn",
    "xxx",
    "escort",
    "crypto",
    "bitcoin",
    "forex",
    "invest",
    "investment",
    "profit",
    "earn",
    "income",
    "followers",
    "spins",
    "tramadol",
    "xanax",
    "weight loss",
    "dating",
    "whatsapp",
    "telegram",
];

fn has_keyword(text: &str) -> bool {
    DISGUISED.iter().any(|k| {
        text.match_indices(k).any(|(i, _)| {
            text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// True when one of `words` occurs within 100 bytes of a phone number.
fn near_phone<W: AsRef<str>>(s: &Signals, text: &str, words: &[W]) -> bool {
    s.phone_at.iter().any(|&at| {
        let near = crate::signals::around(text, at, at, 100);
        words.iter().any(|w| near.contains(w.as_ref()))
    })
}

/// The name of the author's website: the first label of its registrable domain
/// ("takipcimarket" for takipcimarket.com.tr).
fn author_site_name(s: &Signals) -> &str {
    s.author_url_domain.split('.').next().unwrap_or("")
}

/// Whether a word of the comment (five letters or more) is part of the author's website name:
/// "obat kuat pria herbal" from herbalkuat-pria.com, "takipçi" from takipcimarket.com.tr.
fn names_author_site(s: &Signals, text: &str) -> bool {
    let name = author_site_name(s);
    name.len() >= 5
        && text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.len() >= 5 && name.contains(w))
}

/// Whether the comment's words, outside its links, spell the name of the author's own website:
/// "…at BreadCraft Supply" from breadcraftsupply.com, "LisbonRide Premium offers…" from
/// lisbonridepremium.com. Readers who share their own blog paste the link; a business names
/// itself as a brand.
fn names_own_site(s: &Signals, text: &str) -> bool {
    let name: String = author_site_name(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    // A page on a platform is the writer's own, but the platform's name is not: "the JustGiving
    // page", "up on Bandcamp now".
    if name.len() < 6 || SELF_HOSTING_PLATFORMS.contains(&name.as_str()) {
        return false;
    }
    let mut squashed = String::with_capacity(text.len());
    let mut last = 0;
    for &(a, b) in &s.link_spans {
        if a >= last && b <= text.len() {
            squashed.extend(text[last..a].chars().filter(|c| c.is_alphanumeric()));
            last = b;
        }
    }
    squashed.extend(text[last..].chars().filter(|c| c.is_alphanumeric()));
    squashed.contains(&name)
}

/// Sites where people keep pages of their own (first label of the domain).
const SELF_HOSTING_PLATFORMS: &[&str] = &[
    "justgiving",
    "gofundme",
    "bandcamp",
    "soundcloud",
    "patreon",
    "blogspot",
    "wordpress",
    "substack",
    "tumblr",
    "wixsite",
    "squarespace",
    "github",
    "gitlab",
    "youtube",
    "flickr",
    "instagram",
    "facebook",
    "linkedin",
    "twitter",
    "tiktok",
    "twitch",
    "spotify",
    "linktree",
    "weebly",
    "deviantart",
    "artstation",
    "behance",
    "goodreads",
    "eventbrite",
    "kickstarter",
];

const SELF_PROMOTION_WEIGHT: f32 = 1.5;

/// A link reported dead, in normalised text.
const BROKEN_LINK: &[&str] = &[
    "broken link",
    "dead link",
    "is broken",
    "are broken",
    "is dead",
    "links are dead",
    "enlace roto",
    "enlaces rotos",
    "link quebrado",
    "links quebrados",
    "lien mort",
    "lien casse",
    "liens morts",
    "defekter link",
    "toter link",
    "link non funzionante",
    "link rotto",
];

/// The writer's own page offered as the replacement (matched with a space before each, so that
/// "our" is not read inside "your" or "four").
const OWN_RESOURCE: &[&str] = &[
    " we have",
    " our ",
    " i wrote",
    " i actually wrote",
    " i put together",
    " i created",
    " i made",
    " my guide",
    " my article",
    " my post",
    " resource here",
    " updated resource",
    " replace it with",
    " swap it",
    " should i send",
    " tenemos",
    " nuestro",
    " nuestra",
    " temos",
    " nosso",
    " nossa",
    " nous avons",
    " notre",
    " wir haben",
    " unser",
    " abbiamo",
    " nostro",
    " nostra",
];

/// An exclamation mark or an emoji or symbol (U+2600–U+27BF, U+1F300–U+1FAFF: "🔥", "♡", "✅").
fn upbeat(s: &Signals, text: &str) -> bool {
    s.exclamations > 0
        || text
            .chars()
            .any(|c| matches!(c, '\u{2600}'..='\u{27BF}' | '\u{1F300}'..='\u{1FAFF}'))
}

/// Phone-support words, in the normalised form the text is matched in (accents folded).
fn support_words() -> &'static [String] {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        SUPPORT_WORDS
            .iter()
            .map(|w| {
                if w.is_ascii() {
                    (*w).to_string()
                } else {
                    crate::normalize::normalize_text(w)
                }
            })
            .collect()
    })
}

/// A phone number next to one of these is offered as customer support.
const SUPPORT_WORDS: &[&str] = &[
    "support",
    "helpline",
    "help line",
    "customer care",
    "customer service",
    "toll free",
    "toll-free",
    "hotline",
    "technical",
    "tech ",
    "antivirus",
    "printer",
    "router",
    "refund",
    "billing",
    "activation",
    "helpdesk",
    "help desk",
    "call center",
    "atención al cliente",
    "servicio al cliente",
    "atendimento ao cliente",
    "central de atendimento",
    "kundenservice",
    "kundendienst",
    "service client",
    "assistenza clienti",
    "servizio clienti",
    "klantenservice",
    "obsługa klienta",
    "müşteri hizmetleri",
    "служба поддержки",
    "горячая линия",
    "客服",
    "カスタマーサポート",
    "고객센터",
    "خدمة العملاء",
    "ग्राहक सेवा",
    "chăm sóc khách hàng",
    "layanan pelanggan",
];

/// Public helplines and fraud-report services: a reader passing on their number is helping, not
/// selling ("Samaritans on 116 123", "forward scam texts to 7726").
const PUBLIC_HELP: &[&str] = &[
    "samaritans",
    "crisis",
    "suicide",
    "lifeline",
    "domestic violence",
    "domestic abuse",
    "non-emergency",
    "non emergency",
    "police",
    "action fraud",
    "report fraud",
    "report it to",
    "report scam",
    "forward it to",
    "forward these to",
    "forward them to",
    "7726",
    "ftc",
    "citizens advice",
    "the irs",
    "consumer protection",
    "ombudsman",
    "nhs",
    "council",
    "fraudehelpdesk",
    "cybercrime",
    "ic3",
    "report it at",
    "report at",
    "polizei",
    "politie",
    "policia",
    "116 123",
    // A reader pointing to the official channel against a scam.
    "official number",
    "official helpline",
    "real number",
    "numero officiel",
    "numero oficial",
    "offizielle nummer",
    "seva kendra",
    // Local authorities and emergency services, whose free numbers readers pass on after a
    // flood or a storm. (Not "the government": grant and debt-relief scams borrow that word.)
    "emergency line",
    "poison control",
    "seelsorge",
    "city hall",
    "civil protection",
    "civil defence",
    "civil defense",
    "emergency management",
    "fire department",
    "fire brigade",
    "red cross",
    "ayuntamiento",
    "proteccion civil",
    "guardia civil",
    "bomberos",
    "alcaldia",
    "protezione civile",
    "comunale",
    "carabinieri",
    "polizia",
    "vigili del fuoco",
    "prefettura",
    "mairie",
    "prefecture",
    "gendarmerie",
    "securite civile",
    "protection civile",
    "pompiers",
    "rathaus",
    "stadtverwaltung",
    "feuerwehr",
    "katastrophenschutz",
    "landratsamt",
    "prefeitura",
    "defesa civil",
    "camara municipal",
    "bombeiros",
    "gemeente",
    "brandweer",
    "policja",
    "straz pozarna",
    "belediye",
    "afad",
    "valilik",
    "bpbd",
    "bnpb",
    "pemkot",
    "pemda",
    "администрац",
    "адміністрац",
    "мэри",
    "мчс",
    "дснс",
    "полиц",
    "поліц",
    "محافظة",
    "بلدية",
    "دفاع المدني",
    "شرطة",
    "غرفة العمليات",
    "市役所",
    "区役所",
    "消防",
    "시청",
    "구청",
    "주민센터",
];

const DISGUISED_LINK_WEIGHT: f32 = 2.0;
const TESTIMONIAL_WEIGHT: f32 = 2.0;

/// What a testimonial says of its "Mr" or "Mrs".
const TESTIMONY: &[&str] = &[
    "changed my life",
    "the real deal",
    "god bless her",
    "god bless him",
    "is legit",
    "she helped",
    "he helped",
    "helped me",
    "helped my",
    "thanks to mrs",
    "thanks to mr",
    "i recommend",
    "highly recommend",
    "is a genius",
    "she is the best",
    "he is the best",
    // The same in other languages.
    "grazie al",
    "grazie alla",
    "persona onesta",
    "persona seria",
    "gracias a la",
    "gracias al",
    "experta verificada",
    "experto verificado",
    "muy honesta",
    "muy honesto",
    "me ayudo",
    "gracas ao",
    "gracas a",
    "me ajudou",
    "hat mir geholfen",
    "dank herrn",
    "dank frau",
    "grace a",
    "m'a aide",
    "благодаря",
    "помогла мне",
    "помог мне",
    "berkat",
    "sangat membantu",
];

/// Money a testimonial credits the "Mr" or "Mrs" with.
const MONEY_WORDS: &[&str] = &[
    "mortgage",
    "debt",
    "invest",
    "trading",
    "trader",
    "profit",
    "bitcoin",
    "crypto",
    "forex",
    "income",
    "earn",
    "loan",
    "bills",
    "portfolio",
    "returns",
    "guadagn",
    "investimento",
    "inversion",
    "criptomoneda",
    "ganancia",
    "lucro",
    "rendite",
    "gewinn",
    "investition",
    "placement",
    "benefice",
    "инвестиц",
    "прибыл",
    "заработ",
    "investasi",
];

/// Words of thanks, in several languages ("terima" and "cam" as in "terima kasih", "cảm ơn").
const THANKS: &[&str] = &[
    "thanks",
    "thank",
    "thx",
    "ty",
    "cheers",
    "gracias",
    "merci",
    "danke",
    "obrigado",
    "obrigada",
    "grazie",
    "dank",
    "bedankt",
    "dziekuje",
    "tesekkurler",
    "terima",
    "спасибо",
    "дякую",
    "ありがとう",
    "ありがとうございます",
    "감사합니다",
    "고맙습니다",
    "谢谢",
    "شكرا",
    "धन्यवाद",
    "cam",
    "ขอบคุณ",
    "ขอบคุณครับ",
    "ขอบคุณค่ะ",
];

/// The few words said around thanks ("thanks a lot", "thank you so much, very helpful").
const AROUND_THANKS: &[&str] = &[
    "you", "so", "much", "very", "a", "lot", "for", "this", "the", "it", "helpful", "again",
    "many", "all", "everyone", "je", "u", "kasih", "on",
];

/// [`THANKS`] in the normalised form the text is matched in (Devanagari and Thai lose their
/// marks).
fn thanks_words() -> &'static std::collections::HashSet<String> {
    static WORDS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        THANKS
            .iter()
            .map(|w| crate::normalize::normalize_text(w))
            .collect()
    })
}

/// Whether the comment says thanks and nothing more.
fn courtesy_only(text: &str) -> bool {
    let mut thanked = false;
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if thanks_words().contains(w) {
            thanked = true;
        } else if !AROUND_THANKS.contains(&w) {
            return false;
        }
    }
    thanked
}

/// Evaluates every rule on the signals of a comment and its normalised text.
pub fn apply(s: &Signals, text: &str, out: &mut Vec<RuleHit>) {
    let mut hit = |code, text, weight| out.push(RuleHit { code, text, weight });
    if s.honeypot {
        hit(
            "rule.honeypot",
            "filled the hidden honeypot field (a bot)",
            12.0,
        );
    }
    if s.fast_submit {
        hit("rule.fast_submit", "form submitted in under 3 seconds", 2.0);
    }
    if s.bot_user_agent {
        hit(
            "rule.bot_user_agent",
            "sent by a script, not a browser",
            1.0,
        );
    }
    if s.recent_duplicates > 0 {
        let w = 0.8 * s.recent_duplicates.min(4) as f32;
        hit("rule.duplicate", "same text posted recently", w);
    }
    match s.author_approved {
        0 => {}
        1..=2 => hit(
            "rule.reputation",
            "author has approved comments on this site",
            -1.5,
        ),
        3..=9 => hit(
            "rule.reputation",
            "author has several approved comments on this site",
            -2.5,
        ),
        _ => hit(
            "rule.reputation",
            "author is a regular with many approved comments",
            -3.5,
        ),
    }
    if s.norm.styled >= 4 {
        hit(
            "rule.styled_letters",
            "text styled with look-alike letters (𝐒𝐏𝐀𝐌)",
            1.5,
        );
        if s.norm.styled >= 12 && s.norm.styled * 2 >= s.letters {
            hit(
                "rule.styled_text",
                "most of the text is in look-alike letters",
                1.0,
            );
        }
    }
    let obfuscated = s.norm.styled >= 4
        || s.norm.mixed_script_words > 0
        || s.norm.invisible > 0
        || s.spaced_runs > 0;
    // Digits for letters count only when the disguised word is itself the keyword ("v1agra"),
    // not when a keyword appears elsewhere in a text that also has "im17" or "covid19".
    let leet_keyword = s.leet_words > 0
        && text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
            .any(|w| {
                let folded = crate::features::fold_token(w);
                folded != w && DISGUISED.iter().any(|k| folded.contains(k))
            });
    let despaced = || {
        let joined: String = text.split(' ').collect();
        DISGUISED.iter().any(|k| joined.contains(k))
    };
    if leet_keyword || (obfuscated && (has_keyword(text) || (s.spaced_runs > 0 && despaced()))) {
        hit(
            "rule.obfuscated_keyword",
            "disguised casino, pharmacy, loan or similar keyword",
            2.0,
        );
    }
    if s.norm.mixed_script_words > 0 {
        let w = if s.norm.mixed_script_words >= 3 {
            2.0
        } else {
            1.0
        };
        hit(
            "rule.mixed_script",
            "words mixing Latin with Cyrillic or Greek look-alike letters",
            w,
        );
    }
    if s.norm.invisible >= 2 {
        hit(
            "rule.invisible",
            "invisible characters hidden inside words",
            1.0,
        );
    }
    let contact = s.phones + s.emails + s.handles + s.messengers > 0;
    // Nothing of the writer's own to sell or to be reached at (phones aside).
    // A messenger named in a warning, with no account after it, is the scam's channel ("don't
    // answer anyone who writes on WhatsApp").
    let warned_messengers = if s.warnings > 0 && s.handles == 0 {
        s.messengers
    } else {
        0
    };
    // The website field is the writer's, not the number's: a gardener with a blog who passes on
    // a poison helpline advertises nothing with it.
    let advertises = s.adverts() - u32::from(s.author_url) > s.phones + warned_messengers;
    // A public service, not the writer's own ("call our recovery hotline").
    let public_help = s.phones + s.short_codes > 0
        && (s.public_links > 0 || any(text, PUBLIC_HELP))
        && !any(
            text,
            &[
                "call our",
                "our hotline",
                "our helpline",
                "our support",
                "our team",
                "our experts",
            ],
        );
    if public_help && !advertises && s.words <= 150 {
        hit(
            "rule.public_number",
            "passes on a public helpline or fraud-report number",
            -3.0,
        );
    }
    if !public_help && near_phone(s, text, support_words()) {
        hit(
            "rule.support_number",
            "phone number offered for \"support\"",
            2.5,
        );
    }
    if s.words <= 300
        && any(
            text,
            &[
                "recover",
                "recovery",
                "hacked",
                "scammed",
                "stolen",
                "lost funds",
                "retrieve",
                "get back my",
            ],
        )
        && any(
            text,
            &[
                "crypto",
                "bitcoin",
                "btc",
                "funds",
                "wallet",
                "account",
                "investment",
                "money",
                "usdt",
            ],
        )
        // A way to reach the "expert": a number, address or handle, or an invitation. A
        // messenger's name alone is how warnings describe the scam ("if someone contacts you
        // on Telegram…").
        && (s.phones + s.emails + s.handles > 0 || s.contact_phrases > 0)
        // A warning that quotes the recovery offer advertises nothing itself.
        && !(s.warnings > 0 && s.unquoted_adverts == 0)
    {
        hit(
            "rule.recovery_scam",
            "offers to recover lost money or accounts",
            2.5,
        );
    }
    // A reader warning others off a scam, with nothing of their own to advertise: no contact,
    // no link beyond news, video or government sites, no offer, nothing spaced out; the scam it
    // quotes does not count. Scam testimonials that use the same words carry a way to reach the
    // scammer, or run long.
    // "Beware of fake recovery companies… the only genuine one is…" is a testimonial dressed as
    // a warning. (Its phrases are read only for comments with a warning word.)
    if s.warnings > 0
        && s.words <= 80
        && s.spaced_runs == 0
        && s.unquoted_adverts == 0
        && !any(
            text,
            &[
                "the only genuine",
                "the only legit",
                "the only real",
                "only legit",
                "got my funds back",
                "got back my",
                "recovered my",
                "helped me recover",
                "highly recommend",
                "i recommend",
            ],
        )
    {
        hit(
            "rule.scam_warning",
            "warns readers about a scam, advertises nothing",
            -1.5,
        );
    }
    if s.messengers > 0 && (s.phones > 0 || s.handles > 0) && !public_help {
        hit(
            "rule.messenger_contact",
            "asks readers to write on WhatsApp/Telegram",
            1.5,
        );
    }
    if s.generic_praise > 0 && (s.links > s.media_links || s.author_url) {
        hit(
            "rule.praise_with_link",
            "generic praise next to a link",
            1.5,
        );
        // "Toller Beitrag, vielen Dank!" from a locksmith's website: a short comment that says
        // nothing but praise exists for its link. (Short comments start far on the ham side, so
        // the first rule alone does not outvote that.)
        if s.words <= 20 {
            hit(
                "rule.praise_only",
                "nothing but generic praise, next to a link",
                2.5,
            );
        }
    }
    // "Write to us: tesis.ayuda@gmail.com": an invitation to write to a personal webmail box,
    // in a comment short enough to be an advert. Organisations answer from their own domain.
    if s.contact_phrases > 0 && s.webmail_emails > 0 && s.words <= 80 && s.warnings == 0 {
        hit(
            "rule.webmail_contact",
            "asks readers to write to a personal webmail address",
            2.0,
        );
    }
    // "Share this before it gets deleted", "doctors hate this trick": the hook of fake news and
    // miracle cures. Stronger with the link it sells; a warning that quotes it sells nothing.
    if s.clickbait > 0 && !(s.warnings > 0 && s.unquoted_adverts == 0) {
        let linked = s.links > s.media_links + s.public_links;
        hit(
            "rule.clickbait",
            "clickbait hook (\"before it gets deleted\", \"doctors hate this\")",
            if linked { 2.0 } else { 1.0 },
        );
    }
    if s.author_url && names_own_site(s, text) {
        hit(
            "rule.names_own_site",
            "names the author's own website as a brand in the comment",
            2.0,
        );
    }
    // "Broken link found on your page! … We have an updated resource here: birdfeeders-….com": a
    // link builder's outreach, a dead link on the page offered a replacement of their own. A
    // reader who reports a dead link offers nothing ("Link in step 2 is broken (404).").
    if s.words <= 150
        && any(text, BROKEN_LINK)
        && any(text, &["link", "enlace", "lien"])
        && (s.links > s.media_links || s.author_url)
        && any(&format!(" {text}"), OWN_RESOURCE)
    {
        hit(
            "rule.broken_link_pitch",
            "reports a broken link and offers the writer's own page instead",
            2.0,
        );
    }
    // "Bellissimo brano 😍 passate dal mio canale", "Samotny? 😘 Zajrzyj na mój profil": a short
    // comment that sends readers to the writer's channel or profile in an advert's upbeat voice.
    // Readers who mention their profile for a reason ("my Discord is in my profile, not posting
    // it here because of the bots") write plainly.
    if s.self_promotion > 0 && s.words <= 60 && s.warnings == 0 && upbeat(s, text) {
        hit(
            "rule.self_promotion",
            "sends readers to the writer's own channel, profile or code",
            SELF_PROMOTION_WEIGHT,
        );
    }
    if s.templates > 0 {
        hit(
            "rule.template",
            "text of a known spam-bot comment template",
            4.0,
        );
    }
    // "Send 0.1 BTC and receive 0.2 BTC back": the giveaway scam.
    if s.words <= 120
        && any(text, &["send "])
        && any(text, &["receive", "get back", " back "])
        && any(text, &["btc", "bitcoin", "eth", "usdt", "crypto"])
        && any(
            text,
            &[
                "giveaway",
                "giving away",
                "double",
                "x2",
                "back instantly",
                "receive 0",
            ],
        )
    {
        hit(
            "rule.crypto_doubling",
            "promises to send back double the crypto sent",
            3.0,
        );
    }
    // "$95 an hour from home… www.jobs84.com": a claimed rate of pay with somewhere to sign up.
    // A reader talking about wages names no link, number, address or handle of their own (a
    // warning's "if anyone DMs you about 30% a month, block them" invites no one).
    if s.earnings_claims > 0
        && s.links.saturating_sub(s.media_links)
            + s.phones
            + s.emails
            + s.handles
            // "Ib Zalo để nhận việc"; but a warning names the messenger where the scam began.
            + if s.warnings == 0 { s.messengers } else { 0 }
            + s.self_promotion
            > 0
    {
        hit(
            "rule.earnings_claim",
            "claims easy earnings and says where to sign up",
            2.0,
        );
    }
    if s.disguised_numbers > 0 {
        hit(
            "rule.disguised_number",
            "phone number disguised to get past filters (spaced, symbols, spelled out)",
            2.0,
        );
    }
    if s.attack_probe {
        hit(
            "rule.attack_probe",
            "probes the site for a security hole (script or SQL injection)",
            6.0,
        );
    } else if s.script_markup > 0 {
        hit("rule.script", "script injection in the comment", 3.0);
    }
    if s.spintax >= 2 {
        hit(
            "rule.spintax",
            "unfilled spam template (\"{Hello|Hi|Hey}\")",
            3.0,
        );
    }
    if s.author_name_keyword {
        hit(
            "rule.author_keyword",
            "author name reads like an advertisement",
            1.5,
        );
        // "emergency plumber Leeds" with a website: the name is anchor text for a backlink,
        // whatever the comment says (link builders copy a harmless comment).
        if s.author_url {
            hit(
                "rule.author_anchor_text",
                "author name is keyword anchor text for the author's website",
                4.0,
            );
        }
    }
    if s.author_name_is_url {
        hit("rule.author_is_url", "author name is a web address", 2.0);
    }
    if s.author_url_vice {
        // A casino, pharmacy, loan or essay site in the website field is the payload, whatever
        // the comment above it says ("Insightful as always.").
        hit(
            "rule.author_url_vice",
            "author website is a casino, pharmacy, loan or essay site",
            6.0,
        );
    } else if s.author_url_commercial {
        hit(
            "rule.author_url_commercial",
            "author website looks commercial (crypto, diets, a throw-away domain)",
            1.5,
        );
    }
    if s.commercial_domains > 0 {
        hit(
            "rule.commercial_link",
            "link to a casino, pharmacy, loan or similar site",
            2.0,
        );
    }
    // A known spam trade or a money offer, and how to get it: "Prêt entre particuliers… contact:
    // pretrapide@gmail.com", "Jogo do tigrinho… acesse tigrinhowin.com". Readers who mention a
    // loan or a casino give no address, number or link of a seller.
    if s.commerce + s.money_offers > 0
        && s.phones
            + s.emails
            + s.handles
            + s.links.saturating_sub(s.media_links)
            // "Contattaci su WhatsApp": an invitation to a messenger, without the number.
            + u32::from(s.messengers > 0 && s.contact_phrases > 0)
            // Where to find it without a link: "just google KetoSlim official", "link in bio",
            // "DM me". A reader warning about the trade invites no one.
            + if s.warnings == 0 {
                s.search_bait + s.self_promotion + s.contact_phrases
            } else {
                0
            }
            + u32::from(
                s.author_url
                    && (s.author_url_commercial
                        || s.author_name_keyword
                        || names_author_site(s, text)),
            )
            > 0
    {
        hit(
            "rule.offer_contact",
            "offers a spam trade (loans, betting, followers…) and says where to buy",
            2.5,
        );
    }
    // "WordPress Team: verify your account within 24h", "MetaMask Support: validate your
    // wallet": a name posing as the platform, asking for an action on an account.
    if s.author_staff
        && any(
            text,
            &[
                "verify",
                "validate",
                "suspend",
                "suspension",
                "frozen",
                "locked",
                "sync",
                "restore",
                "unlock",
                "reactivate",
                "appeal",
                "patch",
                "bestatigen",
                "verifizieren",
                "eingeschrankt",
                "gesperrt",
                "verificar",
                "confirmar",
                "bloquead",
                "suspendid",
                "verifier",
                "confirmer",
                "suspendu",
                "bloque",
            ],
        )
    {
        hit(
            "rule.impersonation",
            "poses as the platform's staff and asks readers to act on an account",
            2.5,
        );
    }
    // "Lost 23 lbs in 5 weeks… just google KetoSlim official": a body result in days or weeks,
    // and where to buy what did it. A reader reporting their own result sells nothing.
    // "My sister's knee pain… FlexiJoint Ultra… worth a search": an ailment and a remedy or a
    // search for it, the same advert told as a family story.
    let remedy = s.health_claims > 0
        || s.health_problems > 0 && (s.health_products > 0 || s.search_bait > 0);
    if remedy
        && s.warnings == 0
        && s.links.saturating_sub(s.media_links)
            + s.search_bait
            + s.self_promotion
            + s.phones
            + s.emails
            + s.handles
            + s.messengers
            + s.contact_phrases
            + s.commerce
            + u32::from(s.author_url_commercial)
            > 0
    {
        hit(
            "rule.health_claim",
            "promises a weight or blood-sugar result in days or weeks, and says where to buy",
            2.0,
        );
    }
    // "At CloudNova, we help businesses cut their cloud bills… Would love to connect!" under
    // cloudnova-ai.io: a pitch with the business's own site in the website field or the text,
    // or with a number or an invitation to write ("free quote, 612 44 81 93").
    if s.pitches >= 2
        || s.pitches > 0
            && (s.author_url
                || s.links > s.media_links
                || s.phones + s.emails + s.handles + s.contact_phrases > 0)
    {
        hit(
            "rule.vendor_pitch",
            "a business pitching its services next to its website",
            2.0,
        );
    }
    // "hotdates-local .xyz (remove the space)": a link broken on purpose so that filters miss
    // it. Readers who quote a scam's address break it too, but they warn.
    if s.broken_links > 0 && s.warnings == 0 {
        hit(
            "rule.disguised_link",
            "a web address broken up to get past filters",
            DISGUISED_LINK_WEIGHT,
        );
    }
    // "Mrs Catherine Doyle is the real deal, she helped my sister pay off her mortgage": a
    // testimonial for a named "Mr" or "Mrs" and money, the reply that vouches for a scam.
    if s.warnings == 0
        && s.words <= 150
        && s.honorifics > 0
        && any(text, TESTIMONY)
        && any(text, MONEY_WORDS)
    {
        hit(
            "rule.testimonial",
            "vouches for a named Mr or Mrs who made someone money",
            TESTIMONIAL_WEIGHT,
        );
    }
    if s.junk_only {
        hit(
            "rule.junk",
            "keyboard mash or a test post, nothing to read",
            6.0,
        );
    }
    if s.keyword_list {
        hit(
            "rule.keyword_list",
            "a list of search keywords (\"roof repair Dallas | emergency plumber 24/7 | …\")",
            3.0,
        );
    }
    if s.bbcode_links > 0 {
        // Forum link markup has no business in a comment field: only link builders paste it.
        hit(
            "rule.bbcode_link",
            "BBCode link markup ([url=…]) in a comment",
            3.0,
        );
    }
    if s.html_anchors + s.bbcode_links > 0 {
        hit(
            "rule.markup_link",
            "HTML or BBCode link markup in a plain-text comment",
            1.5,
        );
    }
    if s.ip_hosts > 0 {
        hit("rule.ip_link", "link to a bare IP address", 1.5);
    }
    if s.crypto_addresses > 0 {
        hit("rule.crypto_address", "crypto wallet address", 1.0);
    }
    if s.script_mismatch {
        hit(
            "rule.script_mismatch",
            "written in a different script from the site's language",
            0.7,
        );
    }
    if s.title_overlap == Some(0.0) && s.links > s.media_links && s.words >= 5 {
        hit(
            "rule.off_topic_link",
            "links out and shares no words with the article",
            0.7,
        );
    }
    // "Thumbs up if you're watching in 2015": a short call to the other readers about the page
    // they are on, with nothing of the writer's own in it, is a reader talking, however much the
    // surface ("thumbs up", "share it") looks like engagement spam.
    // "555555" is laughter in Thai (5 is "ha"): a comment of nothing else, with "+" or emoji at
    // most, is a reader laughing, not a number.
    let laughter = text.trim_end_matches(|c: char| !c.is_alphanumeric());
    if laughter.len() >= 3
        && laughter.bytes().all(|b| b == b'5' || b == b'+')
        && laughter.starts_with("555")
    {
        hit("rule.laughter", "Thai laughter (\"555\")", -4.0);
    }
    if s.reader_prompts > 0
        && s.words <= 25
        && s.adverts() == 0
        && s.commerce + s.pitches + s.templates + s.earnings_claims == 0
        && !s.junk_only
        && !any(text, SELF_WORDS)
    {
        hit(
            "rule.reader_prompt",
            "a reader's call to other readers about this page, promoting nothing",
            -1.5,
        );
    }
    // "Thanks!", "Thank you, very helpful": thanks and nothing else, with no link, contact or
    // website, promote nothing. (Training spam ends with "thanks" often enough that the word
    // alone scores as spam.)
    if s.words <= 8 && s.adverts() == 0 && !obfuscated && courtesy_only(text) {
        hit(
            "rule.thanks_only",
            "only says thanks, with no link, contact or website",
            -1.5,
        );
    }
    if s.links > 0 && s.links == s.media_links && !contact && s.contact_phrases == 0 && s.words >= 6
    {
        hit(
            "rule.news_link",
            "links only to well-known news, video or government sites",
            -0.7,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Comment;

    fn rules_of(c: &Comment) -> Vec<&'static str> {
        let n = crate::normalize::normalize(&c.content);
        let s = Signals::extract(c, &n.text, n.stats);
        let mut out = Vec::new();
        apply(&s, &n.text, &mut out);
        out.iter().map(|h| h.code).collect()
    }

    fn text(t: &str) -> Comment {
        Comment {
            content: t.into(),
            ..Comment::default()
        }
    }

    #[test]
    fn thanks_and_nothing_more() {
        for t in [
            "Thanks!",
            "thank you so much, very helpful",
            "Merci !",
            "спасибо",
            "Cảm ơn",
            "धन्यवाद",
            "ขอบคุณครับ",
        ] {
            assert!(rules_of(&text(t)).contains(&"rule.thanks_only"), "{t}");
        }
        let mut c = text("Thanks for this, very helpful");
        c.url = "https://cheap-essays.example".into();
        assert!(!rules_of(&c).contains(&"rule.thanks_only"));
        for t in [
            "Thanks! More at https://bestloans.example",
            "thanks, you helped me more than the council did",
            "so much for this",
        ] {
            assert!(!rules_of(&text(t)).contains(&"rule.thanks_only"), "{t}");
        }
    }

    #[test]
    fn remedies_offers_and_testimonials() {
        for (t, rule) in [
            (
                "Lost 23 lbs in 5 weeks 😱 my doctor couldn't believe it. Just google KetoSlim official.",
                "rule.health_claim",
            ),
            (
                "My sister had knee pain for years. A friend told her about FlexiJoint capsules, worth a search.",
                "rule.health_claim",
            ),
            (
                "Slot gacor hari ini maxwin terus 🔥 daftar sekarang, link di bio",
                "rule.offer_contact",
            ),
            (
                "hey I'm new in town 😘 write me on hotdates-local .xyz (remove the space)",
                "rule.disguised_link",
            ),
            (
                "Wow, Mrs Catherine Doyle is the real deal, she helped my sister pay off her whole mortgage.",
                "rule.testimonial",
            ),
            (
                "Si alguien necesita reformar, hacemos presupuesto gratis sin compromiso, 612 44 81 93.",
                "rule.vendor_pitch",
            ),
        ] {
            assert!(rules_of(&text(t)).contains(&rule), "{rule}: {t}");
        }
        for t in [
            "I lost 10 kg in 12 weeks just by walking to work and cutting out sugar.",
            "My mum's knee pain got better with physio, the NHS page on it is good.",
            "Achtung: SMS 'Konto gesperrt, bestätigen Sie unter spk-sicherheit-de[.]info' ist Betrug.",
            "Mr Johnson's budget helped nobody pay off their mortgage.",
        ] {
            let r = rules_of(&text(t));
            for rule in [
                "rule.health_claim",
                "rule.disguised_link",
                "rule.testimonial",
                "rule.offer_contact",
            ] {
                assert!(!r.contains(&rule), "{rule}: {t}");
            }
        }
    }

    #[test]
    fn word_lists_are_written_as_normalised_text() {
        // Matched against normalised text: a word with an accent would never match.
        for w in SELF_WORDS
            .iter()
            .chain(DISGUISED)
            .chain(PUBLIC_HELP)
            .chain(TESTIMONY)
            .chain(MONEY_WORDS)
            .chain(AROUND_THANKS)
        {
            assert_eq!(crate::normalize::normalize_text(w), w.trim(), "{w}");
        }
    }

    #[test]
    fn honeypot_fast_and_scripted() {
        let c = Comment {
            content: "nice".into(),
            honeypot: "x".into(),
            seconds_to_submit: Some(1.2),
            user_ip: "198.51.100.4".into(),
            user_agent: "curl/8.5".into(),
            ..Comment::default()
        };
        let r = rules_of(&c);
        assert!(
            r.contains(&"rule.honeypot")
                && r.contains(&"rule.fast_submit")
                && r.contains(&"rule.bot_user_agent")
        );
    }

    #[test]
    fn reputation_is_negative() {
        let mut c = text("WRONG AGAIN!!! You people never learn");
        c.context.author_approved_comments = 12;
        let n = crate::normalize::normalize(&c.content);
        let s = Signals::extract(&c, &n.text, n.stats);
        let mut out = Vec::new();
        apply(&s, &n.text, &mut out);
        assert_eq!(out.len(), 1);
        assert!(out[0].weight < -3.0);
    }

    #[test]
    fn duplicates_add_up() {
        let mut c = text("Check my profile");
        c.context.recent_duplicates = 2;
        assert!(rules_of(&c).contains(&"rule.duplicate"));
    }

    #[test]
    fn styled_and_mixed_script() {
        assert!(rules_of(&text("𝐁𝐄𝐒𝐓 𝐂𝐀𝐒𝐈𝐍𝐎 𝐁𝐎𝐍𝐔𝐒")).contains(&"rule.styled_letters"));
        assert!(rules_of(&text("Best \u{0441}\u{0430}sino bonus")).contains(&"rule.mixed_script"));
        assert!(rules_of(&text("vi\u{200b}ag\u{200b}ra")).contains(&"rule.invisible"));
    }

    #[test]
    fn obfuscated_keywords() {
        assert!(rules_of(&text("Buy ᴠɪᴀɢʀᴀ online")).contains(&"rule.obfuscated_keyword"));
        assert!(rules_of(&text("best c a s i n o here")).contains(&"rule.obfuscated_keyword"));
        assert!(rules_of(&text("cheap v1agra here")).contains(&"rule.obfuscated_keyword"));
        assert!(
            !rules_of(&text(
                "hey, im17 and about to start my first job: should i be investing in index funds?"
            ))
            .contains(&"rule.obfuscated_keyword")
        );
        assert!(
            !rules_of(&text("the casino plan was voted down by the council"))
                .contains(&"rule.obfuscated_keyword")
        );
    }

    #[test]
    fn offers_with_a_way_to_buy() {
        for t in [
            "Prêt entre particuliers sérieux et rapide, contact: pretrapide.madame@gmail.com",
            "Jogo do tigrinho pagando muito hoje 🐯 acesse tigrinhowin.com",
            "급전 대출 당일 입금, 카톡 ID: money24",
        ] {
            assert!(rules_of(&text(t)).contains(&"rule.offer_contact"), "{t}");
        }
        for t in [
            "I got trapped in the payday loan cycle; my credit union's loan got me out.",
            "Is a personal loan at 11% better than a 0% balance transfer card?",
            "The casino bill passed, see https://www.bbc.co.uk/news/uk-politics-1234",
        ] {
            assert!(!rules_of(&text(t)).contains(&"rule.offer_contact"), "{t}");
        }
    }

    #[test]
    fn vendor_pitch_next_to_its_site() {
        let c = Comment {
            content: "Great write-up. At CloudNova, we help businesses cut their cloud bills by 40%. Would love to connect!".into(),
            author: "Ryan Patel | CloudNova".into(),
            url: "https://cloudnova-ai.io".into(),
            ..Comment::default()
        };
        assert!(rules_of(&c).contains(&"rule.vendor_pitch"));
        let de = Comment {
            content: "Hallo, super Beitrag! Wer günstige Druckerpatronen sucht, sollte mal in \
                      unserem Online-Shop vorbeischauen."
                .into(),
            author: "Tintenwelt".into(),
            url: "https://tintenwelt-shop.de".into(),
            ..Comment::default()
        };
        assert!(rules_of(&de).contains(&"rule.vendor_pitch"));
        // Without a site of its own, a reader's "we help…" is no pitch.
        assert!(
            !rules_of(&text(
                "At the food bank we help families every Saturday, come along."
            ))
            .contains(&"rule.vendor_pitch")
        );
    }

    #[test]
    fn staff_impersonation_and_bbcode() {
        let c = Comment {
            content:
                "Your comment has been flagged. Verify your account within 24h to avoid suspension"
                    .into(),
            author: "WordPress Team".into(),
            ..Comment::default()
        };
        assert!(rules_of(&c).contains(&"rule.impersonation"));
        let c = Comment {
            content: "Please verify the quote before you publish it.".into(),
            author: "Anna Teamster".into(),
            ..Comment::default()
        };
        assert!(!rules_of(&c).contains(&"rule.impersonation"));
        assert!(
            rules_of(&text(
                "[url=https://jerseys.example.cn]cheap nfl jerseys[/url]"
            ))
            .contains(&"rule.bbcode_link")
        );
    }

    #[test]
    fn earnings_claim_with_a_way_in() {
        assert!(rules_of(&text(
            "I'm making $95 an hour working from home. Heres what I've been doing... www.Jobs84.com"
        ))
        .contains(&"rule.earnings_claim"));
        for t in [
            "Tuyển CTV online làm việc tại nhà, thu nhập 500k-1tr/ngày, ib Zalo để nhận việc",
            "Verdiene 2.000 € pro Woche mit unserem KI-Bot. Anmeldung hier: ki-bot-gewinne.com/de",
        ] {
            assert!(rules_of(&text(t)).contains(&"rule.earnings_claim"), "{t}");
        }
        for t in [
            "Nurses here make $28 an hour and rent is $1,900 a month. How is that fair?",
            "He promised 30% a month. If anyone ever DMs you about guaranteed returns, block them.",
            "My uncle lost $40,000 to a crypto mentor from a WhatsApp group who promised 3% a day. \
             It was a scam.",
        ] {
            assert!(!rules_of(&text(t)).contains(&"rule.earnings_claim"), "{t}");
        }
    }

    #[test]
    fn tech_support_number() {
        let r = rules_of(&text(
            "For any printer problem call HP customer support 1-888-555-0147 toll free",
        ));
        assert!(r.contains(&"rule.support_number"));
        assert!(
            !rules_of(&text("Call me on 07700 900123 when you land"))
                .contains(&"rule.support_number")
        );
        let r = rules_of(&text(
            "Número de atención al cliente de Iberia ☎️ +34 9O1 55O 327 para cambios de vuelo",
        ));
        assert!(r.contains(&"rule.support_number"));
    }

    #[test]
    fn a_spam_trade_sold_from_the_authors_commercial_site() {
        let shop = Comment {
            content: "Instagram takipçi satın al, gerçek ve Türk takipçiler, anında teslimat."
                .into(),
            author: "TakipciMarket".into(),
            url: "https://takipcimarket.com.tr".into(),
            ..Comment::default()
        };
        assert!(rules_of(&shop).contains(&"rule.offer_contact"));
        // A blogger writing about the casino spam they receive, with their own blog as website.
        let blogger = Comment {
            content: "Akismet caught almost 4,000 comments on my blog last month, mostly casino \
                      links and fake pharmacies."
                .into(),
            author: "Ruth".into(),
            url: "https://ruthbakes.blog".into(),
            ..Comment::default()
        };
        assert!(!rules_of(&blogger).contains(&"rule.offer_contact"));
        // Invited to a messenger, number or not.
        assert!(
            rules_of(&text(
                "Vashikaran specialist, love problem solution in 3 days. Contact me on WhatsApp."
            ))
            .contains(&"rule.offer_contact")
        );
    }

    #[test]
    fn recovery_scam() {
        let r = rules_of(&text(
            "I lost $40k in a fake crypto platform until I contacted Mr. Cyber Recovery on telegram @cyberrecov, he got back my funds",
        ));
        assert!(r.contains(&"rule.recovery_scam"));
        assert!(
            !rules_of(&text(
                "Hope the victims recover their savings from this fraud"
            ))
            .contains(&"rule.recovery_scam")
        );
    }

    #[test]
    fn keyword_author_with_website() {
        let mut c =
            text("I don't know who you are but certainly you're going to be a famous blogger.");
        c.author = "emergency plumber Leeds".into();
        assert!(rules_of(&c).contains(&"rule.author_keyword"));
        assert!(!rules_of(&c).contains(&"rule.author_anchor_text"));
        c.url = "https://leeds-plumbing-24h.co.uk".into();
        assert!(rules_of(&c).contains(&"rule.author_anchor_text"));
        // A reader with a surname that is also a word, and a blog.
        c.author = "Owen Price".into();
        c.url = "https://owenprice.net".into();
        assert!(!rules_of(&c).contains(&"rule.author_anchor_text"));
    }

    #[test]
    fn bot_templates_and_crypto_doubling() {
        assert!(
            rules_of(&text(
                "I have been browsing online more than 3 hours today, yet I never found any interesting article like yours."
            ))
            .contains(&"rule.template")
        );
        assert!(
            !rules_of(&text(
                "I have been reading about this for hours, great article"
            ))
            .contains(&"rule.template")
        );
        assert!(
            rules_of(&text(
                "Elon Musk is giving away 5000 BTC! Send 0.1 BTC and receive 0.2 BTC back. Official event: tesla-btc-x2.live"
            ))
            .contains(&"rule.crypto_doubling")
        );
        assert!(
            !rules_of(&text(
                "I had to send 0.1 BTC to the exchange and got back less after fees, crypto is a mess"
            ))
            .contains(&"rule.crypto_doubling")
        );
    }

    #[test]
    fn testimonial_dressed_as_a_warning() {
        let r = rules_of(&text(
            "BEWARE of fake recovery companies!!! Most of them are scammers too. The only genuine one is Cyber Genie Wizard, they got my funds back.",
        ));
        assert!(!r.contains(&"rule.scam_warning"));
        assert!(
            rules_of(&text(
                "Can the mods do something about the bot comments? It's every thread."
            ))
            .contains(&"rule.scam_warning")
        );
        assert!(
            rules_of(&text(
                "<script src=\"https://cdn.example.org/w.js\"></script>"
            ))
            .contains(&"rule.script")
        );
        assert!(rules_of(&text("<script>alert(1)</script>")).contains(&"rule.attack_probe"));
        for author in [
            "\"><svg/onload=alert(1)>",
            "1' OR '1'='1",
            "x'; DROP TABLE users;--",
        ] {
            let c = Comment {
                content: "test".into(),
                author: author.into(),
                ..Comment::default()
            };
            assert!(rules_of(&c).contains(&"rule.attack_probe"), "{author}");
        }
        // Names with apostrophes are names.
        for author in ["Seán O'Brien", "D'Angelo or Nobody", "Mary-Kate O'Neil"] {
            let c = Comment {
                content: "test".into(),
                author: author.into(),
                ..Comment::default()
            };
            assert!(!rules_of(&c).contains(&"rule.attack_probe"), "{author}");
        }
    }

    #[test]
    fn recovery_rule_needs_a_way_to_reach_the_expert() {
        assert!(
            !rules_of(&text(
                "Every 'crypto recovery expert' here is a scammer. If someone contacts you on Telegram offering to get your funds back, they will rob you again."
            ))
            .contains(&"rule.recovery_scam")
        );
    }

    #[test]
    fn unfilled_spin_template() {
        assert!(
            rules_of(&text(
                "{Hello|Hi|Hey} there! {I just|I simply} {wanted|would like} to say your blog is great"
            ))
            .contains(&"rule.spintax")
        );
        assert!(
            !rules_of(&text(
                "The set {1|2} in the notation means either, see {a, b}"
            ))
            .contains(&"rule.spintax")
        );
    }

    #[test]
    fn public_helpline_numbers() {
        for t in [
            "National Domestic Violence Hotline: 1-800-799-7233, or text START to 88788.",
            "If you are struggling please call the Samaritans on 0800 555 0123, free and open 24/7",
            "Got the same text. Forward it to 7726 and report it to Action Fraud on 0300 123 2040.",
            // After a flood: a council's free number, and a warning about WhatsApp fakes.
            "Vecinos de Paiporta: el Ayuntamiento ha puesto el 900 100 245 para pedir ayudas. Si os escriben por WhatsApp pidiendo datos, es una estafa.",
            "Alluvione: la Protezione Civile ha attivato il numero verde 800 840 840, rispondono davvero.",
            "Горячая линия администрации города: 8 800 100-20-30, звонок бесплатный. Осторожно, мошенники пишут в телеграм.",
            "الرقم المجاني للدفاع المدني 0800 123 456، لا تعطوا بياناتكم لأحد",
        ] {
            let r = rules_of(&text(t));
            assert!(r.contains(&"rule.public_number"), "{t}");
            assert!(!r.contains(&"rule.support_number"), "{t}");
        }
        // A reader with a blog in the website field.
        let c = Comment {
            content: "If your cat licks lily pollen, go to the vet now; the Animal Poison Control line is (888) 426-4435.".into(),
            url: "https://lilyandfern.blog".into(),
            ..Comment::default()
        };
        assert!(rules_of(&c).contains(&"rule.public_number"));
        assert!(
            !rules_of(&text(
                "Crypto crisis? Call our recovery hotline 1-888-555-0147 today"
            ))
            .contains(&"rule.public_number")
        );
        // A helpline word beside the writer's own contact is still an advert.
        let r = rules_of(&text(
            "Crypto crisis? Our recovery hotline 1-888-555-0147 or WhatsApp +1 302 555 0188",
        ));
        assert!(!r.contains(&"rule.public_number"));
    }

    #[test]
    fn thai_laughter() {
        for t in ["555", "5555555", "55555+ 😂"] {
            assert!(rules_of(&text(t)).contains(&"rule.laughter"), "{t}");
        }
        for t in ["55", "5550123", "call 555 5555", "5 stars"] {
            assert!(!rules_of(&text(t)).contains(&"rule.laughter"), "{t}");
        }
    }

    #[test]
    fn webmail_contact() {
        for t in [
            "Trabajos de fin de grado y tesis a medida, sin plagio. Escríbenos: tfg.rapido@gmail.com",
            "Визы и рабочие контракты в Европу. Пишите: viza.europa@mail.ru",
        ] {
            assert!(rules_of(&text(t)).contains(&"rule.webmail_contact"), "{t}");
        }
        for t in [
            "To report a vulnerability, contact: security@openfoo.org",
            "Beware, scammers write from gmail addresses. Contact: the bank only, never trust lottery.win@gmail.com",
        ] {
            assert!(!rules_of(&text(t)).contains(&"rule.webmail_contact"), "{t}");
        }
    }

    #[test]
    fn clickbait_hooks() {
        for t in [
            "SHOCKING footage of the mayor at the casino, watch before it gets deleted: https://real-news-now24.info/mayor",
            "Doctors hate this one simple morning drink that burns belly fat 👉 slimfast-tonic.shop",
            "Compartilhem antes que apaguem!!! O vídeo que a mídia não quer que você veja",
            "Врачи в шоке: суставы восстанавливаются за 7 дней",
        ] {
            assert!(rules_of(&text(t)).contains(&"rule.clickbait"), "{t}");
        }
        for t in [
            "Every 'doctors hate this trick' ad on this site is a scam, report them",
            "The article was updated before it went to print, the earlier version is archived",
        ] {
            assert!(!rules_of(&text(t)).contains(&"rule.clickbait"), "{t}");
        }
    }

    #[test]
    fn scam_warning_without_contact() {
        for t in [
            "Beware of anyone in these comments offering to recover your crypto. They are scammers, do not DM them or send money.",
            "@maria_k that account is a scammer, report and block",
            "Ignore these 'investment coaches' replying to everyone, they are bots.",
            "C'est une arnaque. Le seul site officiel est https://www.moncompteformation.gouv.fr",
        ] {
            let r = rules_of(&text(t));
            assert!(r.contains(&"rule.scam_warning"), "{t}");
            assert!(!r.contains(&"rule.recovery_scam"), "{t}");
        }
        // The same words beside a way to reach the "expert" are a testimonial.
        for t in [
            "Beware of fake brokers! I lost $20k until I contacted @recovery_pro_jane on Instagram, she got back my funds",
            "I thought it was a scam until I tried, message him on WhatsApp +1 302 555 0188",
        ] {
            assert!(!rules_of(&text(t)).contains(&"rule.scam_warning"), "{t}");
        }
    }

    #[test]
    fn whatsapp_with_number() {
        assert!(
            rules_of(&text("DM me on WhatsApp +1 (302) 555-0188 for the signals"))
                .contains(&"rule.messenger_contact")
        );
    }

    #[test]
    fn short_praise_with_a_website_is_only_a_link() {
        let c = Comment {
            content: "Toller Beitrag, vielen Dank für die hilfreichen Infos!".into(),
            author: "Schlüsseldienst Berlin".into(),
            url: "https://schluesseldienst-berlin-24.de".into(),
            ..Comment::default()
        };
        assert!(rules_of(&c).contains(&"rule.praise_only"));
        // The same praise with no link, or in a comment that goes on to say something.
        assert!(!rules_of(&text("Toller Beitrag, vielen Dank!")).contains(&"rule.praise_only"));
        let long = Comment {
            content: "Great post! We tried the same thing in our allotment last year, and the \
                      voles moved in as soon as the mulch went down in October, so wait until \
                      the ground has frozen before you cover the beds."
                .into(),
            url: "https://northwoodsplot.blogspot.com".into(),
            ..Comment::default()
        };
        assert!(!rules_of(&long).contains(&"rule.praise_only"));
    }

    #[test]
    fn broken_link_outreach() {
        let c = Comment {
            content: "Broken link found on your page! The link to the old Audubon guide is dead. \
                      We have an updated, comprehensive resource here: birdfeeders-guide.com"
                .into(),
            url: "https://birdfeeders-guide.com".into(),
            ..Comment::default()
        };
        assert!(rules_of(&c).contains(&"rule.broken_link_pitch"));
        for t in [
            "Link in step 2 is broken (404).",
            "The link to the council page is dead, the new one is https://www.gov.uk/council-tax",
            "The link on your page is dead; the club moved it to https://riversidecc.org/fixtures",
        ] {
            assert!(
                !rules_of(&text(t)).contains(&"rule.broken_link_pitch"),
                "{t}"
            );
        }
    }

    #[test]
    fn upbeat_self_promotion() {
        for t in [
            "Bellissimo brano 😍 se vi piace il genere passate dal mio canale 🎸",
            "Samotny? 😘 Zajrzyj na mój profil, czekam na wiadomość 💋",
            "Great video! Check out my channel for more covers!",
            "すぐ会える女の子いっぱい♡ プロフ見てね",
        ] {
            assert!(rules_of(&text(t)).contains(&"rule.self_promotion"), "{t}");
        }
        for t in [
            // Plainly said, for a reason.
            "Anyone on EU servers want to team up? My Discord is in my profile, not posting it here because of the bots.",
            "Euro Car Parts had 30% off brakes with code SPRING30 last week. Might still be on.",
            // Upbeat, but no channel or profile.
            "Great video! Loved the part about the bridge 😍",
        ] {
            assert!(!rules_of(&text(t)).contains(&"rule.self_promotion"), "{t}");
        }
    }

    #[test]
    fn a_business_naming_its_own_site() {
        let c = Comment {
            content: "Your guide to Lisbon captures the city's charm. For travelers who want a \
                      stress-free start, LisbonRide Premium offers private airport transfers."
                .into(),
            author: "Sophia Turner".into(),
            url: "https://lisbonridepremium.com".into(),
            ..Comment::default()
        };
        assert!(rules_of(&c).contains(&"rule.names_own_site"));
        // A reader's page on a platform, and a blogger pasting their own link.
        for (t, url) in [
            (
                "Our team is running the Bristol 10k. The JustGiving page is in my name.",
                "https://www.justgiving.com/page/team-stmichaels-10k",
            ),
            (
                "I did a side-by-side of these lenses: https://www.karinshootsfilm.com/blog/x",
                "https://www.karinshootsfilm.com",
            ),
        ] {
            let c = Comment {
                content: t.into(),
                url: url.into(),
                ..Comment::default()
            };
            assert!(!rules_of(&c).contains(&"rule.names_own_site"), "{t}");
        }
    }

    #[test]
    fn praise_with_link_and_author_fields() {
        let c = Comment {
            content: "Great post, very informative!".into(),
            author: "Cheap Essay Writing Service".into(),
            url: "https://essaypro-cheap.xyz".into(),
            ..Comment::default()
        };
        let r = rules_of(&c);
        assert!(r.contains(&"rule.praise_with_link"));
        assert!(r.contains(&"rule.author_keyword"));
        assert!(r.contains(&"rule.author_url_vice"));
        assert!(!r.contains(&"rule.author_url_commercial"));
        assert!(
            !rules_of(&text("Great post, very informative!")).contains(&"rule.praise_with_link")
        );
        // A reader's crypto blog is commercial-looking, not a vice site.
        let mut c = text("Great analysis of the ETF flows.");
        c.url = "https://cryptotomblog.com".into();
        let r = rules_of(&c);
        assert!(r.contains(&"rule.author_url_commercial") && !r.contains(&"rule.author_url_vice"));
    }

    #[test]
    fn markup_ip_crypto() {
        assert!(
            rules_of(&text("<a href=\"http://pills.example\">pills</a>"))
                .contains(&"rule.markup_link")
        );
        assert!(rules_of(&text("go http://45.13.22.9/login")).contains(&"rule.ip_link"));
        assert!(
            rules_of(&text("donate 0x52908400098527886E0F7030069857D2E4169EE7"))
                .contains(&"rule.crypto_address")
        );
    }

    #[test]
    fn reader_prompt_is_a_ham_rule_unless_it_promotes() {
        for t in [
            "Thumbs up if you're watching in 2015",
            "Who is still listening in 2016?",
            "Like if you agree that the council should resign",
            "860,000,000 lets make it first female to reach one billion!! Share it and replay it!",
        ] {
            assert!(rules_of(&text(t)).contains(&"rule.reader_prompt"), "{t}");
        }
        for t in [
            "Thumbs up if you're watching in 2015 and subscribe to my channel",
            "im getting popular fast because i rap with meaning. thumbs up if you agree",
            "Like if you agree, more at www.example-deals.com",
            "Thumbs up if you want free gift cards, DM me on telegram",
            "Great song, but this comment has nothing for other readers to do",
        ] {
            assert!(!rules_of(&text(t)).contains(&"rule.reader_prompt"), "{t}");
        }
    }

    #[test]
    fn news_link_is_a_ham_rule() {
        let r = rules_of(&text(
            "He said the exact opposite in 2019, watch https://www.youtube.com/watch?v=abc123XYZ",
        ));
        assert!(r.contains(&"rule.news_link"));
    }

    #[test]
    fn an_angry_rant_fires_no_rule() {
        assert!(
            rules_of(&text(
                "THIS IS THE WORST GOVERNMENT IN HISTORY!!! TAXES UP 40% AND THEY CALL IT GROWTH?!"
            ))
            .is_empty()
        );
    }

    #[test]
    fn off_topic_link_and_script_mismatch() {
        let mut c = text("Visit my shop for the best deals on watches http://watches.example.com");
        c.context.article_title = "Council votes on new bicycle lanes downtown".into();
        assert!(rules_of(&c).contains(&"rule.off_topic_link"));
        let c = Comment {
            content: "Лучшие займы онлайн без отказа, заходите".into(),
            lang: "en".into(),
            ..Comment::default()
        };
        assert!(rules_of(&c).contains(&"rule.script_mismatch"));
    }
}
