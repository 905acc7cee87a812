//! Structural signals of one comment: links, author fields, contact bait, obfuscation, shape,
//! money talk, language, relevance and behaviour. These describe *how* a comment is built, so
//! they transfer to sites and genres the training data never saw.
//!
//! Must not: decide anything. Signals are counts and flags; [`crate::features`] turns them into
//! learned features and [`crate::rules`] into fixed weights. No I/O, no regex engine: hand-written
//! scanners over the normalised text, linear in its length.
//!
//! Entry point: [`Signals::extract`]. Tested below, one test per signal on realistic examples.

use crate::Comment;
use crate::normalize::{NormStats, ScriptCounts};

/// Everything [`Signals::extract`] measures about a comment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals {
    /// Links in the body (URLs with a scheme, `www.` hosts and bare domains with a known TLD).
    pub links: u32,
    /// Distinct registrable domains linked in the body.
    pub distinct_domains: u32,
    /// Registrable domains linked in the body (at most 8, in order of appearance).
    pub domains: Vec<String>,
    /// Top-level domains linked in the body (at most 8).
    pub tlds: Vec<String>,
    /// Links through URL shorteners or link-in-bio pages.
    pub shorteners: u32,
    /// Links, in the text or the author's URL, whose query carries a referral, affiliate or
    /// invitation code (`?ref=…`, `&invitecode=…`).
    pub referral_links: u32,
    /// Links whose host is an IP address.
    pub ip_hosts: u32,
    /// Links to TLDs that are mostly used for throw-away sites.
    pub cheap_tlds: u32,
    /// Links whose domain holds a commercial spam keyword (casino, pills, loans, essays, ...).
    pub commercial_domains: u32,
    /// Links to big video, news, reference, social or government sites (normal in news
    /// comments).
    pub media_links: u32,
    /// Links spelled out one character at a time ("b e s t l o a n s . c o m"), or written
    /// with a spaced, bracketed or spelled dot.
    pub spaced_links: u32,
    /// Those of [`Signals::spaced_links`] broken with spaces or a spelled "dot" rather than
    /// defanged in brackets ("spk-sicherheit[.]info" is how warnings quote a scam's address).
    pub broken_links: u32,
    /// Links to government and EU sites (also counted among the media links).
    pub public_links: u32,
    /// Share of the body's characters that are inside links.
    pub link_ratio: f32,
    /// Byte spans of the links in the normalised text.
    pub link_spans: Vec<(usize, usize)>,
    /// HTML anchors (`<a href`) in a plain-text field.
    pub html_anchors: u32,
    /// BBCode links (`[url=` or `[url]`).
    pub bbcode_links: u32,
    /// Script injection probes (`<script`, `javascript:`, `onerror=`).
    pub script_markup: u32,
    /// Phone numbers disguised by symbols, one-by-one spacing or spelled-out digits.
    pub disguised_numbers: u32,
    /// Probes for a security hole rather than a comment: script that only reads cookies or
    /// pops an alert, or markup or SQL in the author's name (`1' OR '1'='1`).
    pub attack_probe: bool,
    /// The author's name poses as a platform's staff ("WordPress Team", "MetaMask Support").
    pub author_staff: bool,
    /// The author URL field is filled.
    pub author_url: bool,
    /// Registrable domain of the author URL.
    pub author_url_domain: String,
    /// The author URL's domain holds a commercial spam keyword or a cheap TLD.
    pub author_url_commercial: bool,
    /// The author URL's domain names a trade that only spam links to (casino, pills, loans,
    /// essays, escorts), not merely crypto, diets or a cheap TLD.
    pub author_url_vice: bool,
    /// The author name reads like a keyword phrase or brand ("Best Essay Writers").
    pub author_name_keyword: bool,
    /// The author name is itself a URL or domain.
    pub author_name_is_url: bool,
    /// The e-mail domain is a disposable-mail service.
    pub email_disposable: bool,
    /// Phone numbers in the body (10 to 15 digits, separators allowed).
    pub phones: u32,
    /// A toll-free phone number (1-800, 0800, ...).
    pub tollfree_phone: bool,
    /// Short codes such as "text WIN to 87121" (4 to 6 digit numbers after "to"/"text").
    pub short_codes: u32,
    /// E-mail addresses in the body.
    pub emails: u32,
    /// Those of [`Signals::emails`] at a free webmail provider (gmail.com, mail.ru, qq.com):
    /// a person's mailbox rather than an organisation's.
    pub webmail_emails: u32,
    /// Messenger names or links (WhatsApp, Telegram, wa.me, t.me, ...).
    pub messengers: u32,
    /// Social handles (`@name`), not counting a reply mention at the start.
    pub handles: u32,
    /// The comment starts with `@name` (a reply to another reader: normal).
    pub reply_mention: bool,
    /// Hashtags (`#tag`).
    pub hashtags: u32,
    /// Handles or hashtags naming trading, crypto or investment ("@anna_fxtrades").
    pub finance_handles: u32,
    /// Handles or hashtags shaped like a person's full name ("#hazel_mcewan").
    pub name_handles: u32,
    /// Byte offsets of the first phone numbers in the normalised text (at most 4).
    pub phone_at: Vec<usize>,
    /// "DM me", "contact him", "get in touch", ...
    pub contact_phrases: u32,
    /// Crypto wallet addresses.
    pub crypto_addresses: u32,
    /// Runs of spaced-out letters ("c a s i n o").
    pub spaced_runs: u32,
    /// Words with look-alike digits inside ("v1agra", "fr33").
    pub leet_words: u32,
    /// What normalisation had to undo.
    pub norm: NormStats,
    /// Letters in the body.
    pub letters: u32,
    /// Share of capitals among letters.
    pub caps_ratio: f32,
    /// Exclamation marks.
    pub exclamations: u32,
    /// Runs of one character repeated 4 or more times ("!!!!", "sooooo").
    pub repeat_runs: u32,
    /// Words in the body.
    pub words: u32,
    /// Share of words that repeat an earlier word.
    pub word_repeat_ratio: f32,
    /// Long words with no vowel or 5+ consonants in a row.
    pub gibberish_words: u32,
    /// A business speaking for itself ([`PITCHES`]).
    pub pitches: u32,
    /// The whole comment is keyboard mash or a test post ("asdfghjkl", "sdfsdf test 123").
    pub junk_only: bool,
    /// Pipe-separated keyword phrases ("kitchen remodel near me | roof repair Dallas | …").
    pub keyword_list: bool,
    /// Earnings claimed per hour, day or month ("$95 an hour", "300€ την ημέρα", "günde 3.000
    /// TL"): the hook of job and investment scams (and of readers talking about wages).
    pub earnings_claims: u32,
    /// Money amounts ("$500", "£1.50", "2000 usd").
    pub money_amounts: u32,
    /// Generic praise ("great post", "very informative", "thanks for sharing").
    pub generic_praise: u32,
    /// A reader's call to other readers about the page itself ("thumbs up if you're watching in
    /// 2015", "like if you agree", "let's make it reach one billion").
    pub reader_prompts: u32,
    /// Self-promotion of the writer's own channel or page, in several languages ("subscribe to
    /// my channel", "suscríbete a mi canal", "подпишитесь").
    pub self_promotion: u32,
    /// Offers to make money, in several languages ("make money online", "gana dinero").
    pub money_offers: u32,
    /// Instructions to find something through a search engine instead of a link ("just google
    /// KetoSlim official", "procura no Google", "cari aja di google"): how spam that carries no
    /// link says where to buy.
    pub search_bait: u32,
    /// Clickbait hooks ("share this before it gets deleted", "doctors hate this", "what they
    /// don't want you to see"): fake-news and miracle-cure adverts, never a reader's own words.
    pub clickbait: u32,
    /// Claims of a body result in a short time ("lost 23 lbs in 5 weeks", "blood sugar from 240
    /// to 110"): the hook of diet and supplement adverts, and also what readers report.
    pub health_claims: u32,
    /// Ailments named ([`HEALTH_PROBLEMS`]) and remedies sold by testimonial
    /// ([`HEALTH_PRODUCTS`]).
    pub health_problems: u32,
    pub health_products: u32,
    /// Blood readings named ([`BODY_READINGS`]: "blood sugar", "gula darah").
    pub body_readings: u32,
    /// Titles before a name ("Mrs", "Mr.", "Madam"), as testimonials for scams use them.
    pub honorifics: u32,
    /// [`Signals::adverts`] outside quoted passages (counted only when `warnings > 0`).
    pub unquoted_adverts: u32,
    /// Unexpanded spin-syntax alternatives from a spam template ("{Hello|Hi|Hey}").
    pub spintax: u32,
    /// Trades that spam sells, in several languages (loans, casinos, betting, pills, essays,
    /// followers: "casino online", "pinjaman", "代写", "토토").
    pub commerce: u32,
    /// Spam-bot comment templates ("genuinely fastidious", "which blog platform are you using").
    pub templates: u32,
    /// Warnings about scams or bots ("beware", "they are scammers", "don't fall for it").
    pub warnings: u32,
    /// Scripts of the letters (from normalisation).
    pub scripts: ScriptCounts,
    /// The dominant script of the text differs from the site language's script.
    pub script_mismatch: bool,
    /// Share of the article title's words found in the comment; `None` without a title.
    pub title_overlap: Option<f32>,
    /// The honeypot field is filled.
    pub honeypot: bool,
    /// The form was submitted implausibly fast (under 3 seconds).
    pub fast_submit: bool,
    /// The user agent is missing while an IP is given, or is a script library.
    pub bot_user_agent: bool,
    /// Near-duplicates seen recently (from context).
    pub recent_duplicates: u32,
    /// Approved comments by the author on this site (from context).
    pub author_approved: u32,
}

const SHORTENERS: &[&str] = &[
    "bit.ly",
    "bitly.com",
    "tinyurl.com",
    "goo.gl",
    "t.co",
    "ow.ly",
    "is.gd",
    "buff.ly",
    "cutt.ly",
    "rebrand.ly",
    "shorturl.at",
    "tiny.cc",
    "rb.gy",
    "s.id",
    "v.gd",
    "t.ly",
    "shorte.st",
    "adf.ly",
    "linktr.ee",
    "lnkd.in",
    "bl.ink",
    "soo.gd",
    "clck.ru",
    "qr.ae",
    "tr.im",
    "x.co",
    // Affiliate and chat links that hide their target the same way.
    "amzn.to",
    "amzn.eu",
    "lin.ee",
];

/// Messenger link hosts whose name is too short to pass as a bare domain by itself.
const SHORT_HOSTS: &[&str] = &["t.me", "wa.me"];

const CHEAP_TLDS: &[&str] = &[
    "xyz", "top", "club", "online", "site", "icu", "buzz", "loan", "win", "bid", "click", "link",
    "work", "pw", "tk", "ml", "ga", "cf", "gq", "cam", "rest", "fit", "monster", "cyou", "sbs",
    "cfd", "quest", "bond", "vip", "racing", "review", "party", "date", "trade", "download",
    "stream", "men", "casino", "bet", "poker", "porn", "sex", "xxx", "shop",
];

/// Government and EU hosts ("ftc.gov", "moncompteformation.gouv.fr", "boe.es"): a reader citing
/// one advertises nothing.
fn is_public_host(host: &str) -> bool {
    let h = format!(".{host}.");
    [
        ".gov.",
        ".gouv.",
        ".gob.",
        ".govt.",
        ".go.jp.",
        ".gc.ca.",
        ".europa.eu.",
        ".bund.de.",
        ".admin.ch.",
        ".boe.es.",
        // Statistics offices, central banks, courts and international bodies.
        ".insee.fr.",
        ".destatis.de.",
        ".istat.it.",
        ".ine.es.",
        ".ibge.gov.br.",
        ".cbs.nl.",
        ".ons.gov.uk.",
        ".abs.gov.au.",
        ".statcan.gc.ca.",
        ".bundesbank.de.",
        ".bankofengland.co.uk.",
        ".ecb.europa.eu.",
        ".bundesverfassungsgericht.de.",
        ".legifrance.fr.",
        ".who.int.",
        ".un.org.",
        ".imf.org.",
        ".worldbank.org.",
        ".oecd.org.",
        ".rbi.org.in.",
        ".nic.in.",
        ".college-ic.ca.",
    ]
    .iter()
    .any(|p| h.contains(p))
}

const MEDIA_DOMAINS: &[&str] = &[
    "youtube.com",
    "youtu.be",
    "wikipedia.org",
    "bbc.co.uk",
    "bbc.com",
    "nytimes.com",
    "cnn.com",
    "reuters.com",
    "theguardian.com",
    "washingtonpost.com",
    "foxnews.com",
    "apnews.com",
    "npr.org",
    "bloomberg.com",
    "wsj.com",
    "ft.com",
    "twitter.com",
    "x.com",
    "reddit.com",
    "github.com",
    "imgur.com",
    "vimeo.com",
    "nbcnews.com",
    "cbsnews.com",
    "abcnews.go.com",
    "politico.com",
    "economist.com",
    "aljazeera.com",
    "spiegel.de",
    "lemonde.fr",
    "elpais.com",
    "gov.uk",
    "congress.gov",
    "whitehouse.gov",
    "who.int",
    "europa.eu",
    "arxiv.org",
    "archive.org",
    "stackoverflow.com",
    "medium.com",
    "substack.com",
    "nature.com",
    "sciencedirect.com",
];

/// Keywords that mark a domain or author name as commercial spam.
const COMMERCIAL: &[&str] = &[
    "casino",
    "slot",
    "poker",
    "betting",
    "bet365",
    "sportsbet",
    "1xbet",
    "viagra",
    "cialis",
    "pharma",
    "pills",
    "pill",
    "meds",
    "loan",
    "payday",
    "essay",
    "seo",
    "backlink",
    "escort",
    "porn",
    "xxx",
    "crypto",
    "forex",
    "replica",
    "cheap",
    "discount",
    "dating",
    "hookup",
    "cbd",
    "vape",
    "kratom",
    "weightloss",
    "diet",
    "followers",
    "likes",
    "hack",
    "recovery",
    "bitcoin",
    "invest",
    "trading",
    "jackpot",
    "gambling",
    "pharmacy",
    "levitra",
    "tramadol",
    "xanax",
    "rolex",
    "outlet",
    "enlargement",
    // The same trades in other languages and their best-known brands.
    "kasino",
    "kazino",
    "kredit",
    "pozyczk",
    "prestamo",
    "emprestimo",
    "zaim",
    "apuesta",
    "aposta",
    "scommess",
    "sportwett",
    "bahis",
    "togel",
    "gacor",
    "1xbet",
    "mostbet",
    "melbet",
    "sbobet",
    "modafinil",
    "sildenafil",
    "tadalafil",
    "adderall",
    "oxycodone",
    "phentermine",
];

/// Trades and goods that link builders put in the author name ("emergency plumber Leeds",
/// "Packers and Movers Bangalore", "Keto Gummies"). Like [`NAME_WORDS`], one of them in a
/// two-word name is not enough: "Owen Price", "Sam Cook".
const TRADE_WORDS: &[&str] = &[
    "plumber",
    "plumbing",
    "roofing",
    "remodeling",
    "renovation",
    "contractor",
    "movers",
    "packers",
    "moving",
    "mortgage",
    "brokers",
    "broker",
    "lawyer",
    "lawyers",
    "attorney",
    "dentist",
    "dental",
    "clinic",
    "design",
    "wholesale",
    "gummies",
    "keto",
    "supplement",
    "supplements",
    "flights",
    "hotels",
    "rental",
    "rentals",
    "cleaning",
    "locksmith",
    "realtor",
    "escrow",
    "referral",
    "promo",
    "coupon",
    "code",
    "near",
    "parts",
    "removal",
    "restoration",
    "pest",
    "lawn",
    "landscaping",
    "towing",
    "furnace",
    "hvac",
    "nakliyat",
    "schlüsseldienst",
    "schluesseldienst",
    "idraulico",
    "fontanero",
    "cerrajero",
    "plombier",
    "serrurier",
    "kredit",
    "darlehen",
    "umzug",
    "umzugsfirma",
    "préstamos",
    "prestamos",
    // More trades that buy links under their name, and the same in other languages.
    "remodel",
    "electrician",
    "roofer",
    "roofers",
    "handyman",
    "painters",
    "exterminator",
    "chiropractor",
    "orthodontist",
    "dentists",
    "implants",
    "detailing",
    "junk",
    "septic",
    "gutter",
    "gutters",
    "elektriker",
    "klempner",
    "sanitar",
    "electricista",
    "plomero",
    "eletricista",
    "encanador",
    "idraulici",
    "elettricista",
    "electricien",
    "loodgieter",
    "hydraulik",
    "elektryk",
    "tesisatci",
    "elektrikci",
    "сантехник",
    "электрик",
    "ремонт",
    "эвакуатор",
    "ηλεκτρολόγος",
    "υδραυλικός",
    "tukang",
    "jasa",
];

/// Lowercase words inside people's names ("Ana de la Cruz", "Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "dos", "das",
    "y", "e", "bin", "al", "el", "ter", "ten", "and", "und", "et",
];

/// Extra words that make an author *name* read like an advertisement.
const NAME_WORDS: &[&str] = &[
    "best",
    "buy",
    "cheap",
    "online",
    "services",
    "service",
    "agency",
    "marketing",
    "company",
    "writers",
    "writing",
    "shop",
    "store",
    "sale",
    "review",
    "reviews",
    "download",
    "free",
    "repair",
    "solutions",
    "experts",
    "expert",
    "official",
    "support",
    "helpline",
    "consultant",
    "hacker",
    "recover",
    "loans",
    "insurance",
    "price",
    "deals",
    "tips",
    "tools",
];

const DISPOSABLE: &[&str] = &[
    "mailinator.com",
    "guerrillamail.com",
    "10minutemail.com",
    "temp-mail.org",
    "yopmail.com",
    "trashmail.com",
    "sharklasers.com",
    "getnada.com",
    "dispostable.com",
    "maildrop.cc",
    "throwawaymail.com",
    "fakeinbox.com",
    "mintemail.com",
    "mohmal.com",
    "tempmail.net",
    "emailondeck.com",
    "spamgourmet.com",
    "mailnesia.com",
    "grr.la",
    "tempr.email",
];

const MESSENGERS: &[&str] = &[
    "whatsapp",
    "whatsap",
    "watsapp",
    "whatapp",
    "telegram",
    "telegra",
    "wechat",
    "viber",
    "kik",
    "snapchat",
    "skype",
    "wickr",
    "signal app",
    "line id",
    "kakaotalk",
    "카카오톡",
    "카톡",
    "텔레그램",
    "텔레",
    "위챗",
    "テレグラム",
    "电报",
    // Telegram's nickname in Chinese spam, "paper plane", with the account after it.
    "飞机:",
    "飞机号",
    "纸飞机",
    "小飞机",
    "ватсап",
    "вотсап",
    "вацап",
    "телеграм",
    "вайбер",
    "微信",
    "واتساب",
    "واتس اب",
    "व्हाट्सएप",
    "וואטסאפ",
    "ווטסאפ",
    "واتس‌اپ",
    "واتس اپ",
    "오픈채팅",
    "ไลน์",
    "lineグループ",
    "lineから",
    "line追加",
    "公式line",
];

/// A writer promoting their own channel or page. The English phrases teach the weight (YouTube
/// spam is full of them); the translations carry it to languages the training data lack.
/// Only forms that point at the writer's own channel, site or code, or ask readers to subscribe.
const SELF_PROMOTION: &[&str] = &[
    "my channel",
    "my chanel",
    "subscribe to my",
    "subscribe to me",
    "sub to my",
    "sub to me",
    "check out my",
    "check my channel",
    // Asking strangers for subscribers, or pointing them at the writer's own videos and music.
    "please subscribe",
    "pls subscribe",
    "plz subscribe",
    "subscribe now",
    "check me out",
    "my videos",
    "my music",
    "my songs",
    "my covers",
    "new youtuber",
    "visit my channel",
    "my new video",
    "my latest video",
    "follow my page",
    "visit my site",
    "visit my website",
    "visit my blog",
    "visit our site",
    "visit our website",
    "visit our store",
    "check out our",
    "use my code",
    "use my referral",
    "my referral code",
    "my referral link",
    // A musician's, gamer's or blogger's own work, announced to strangers.
    "see my new",
    "my new track",
    "my new song",
    "my new single",
    "my new mixtape",
    "my latest track",
    "my mixtape",
    "check my new",
    "check my newest",
    "check my latest",
    "my newest song",
    "my newest track",
    "my newest single",
    "my newest sound",
    "my newest video",
    "my newest beat",
    "my newest mixtape",
    "my new sound",
    "my new beat",
    "my new album",
    "my new cover",
    "my new remix",
    "my latest song",
    "my latest single",
    "my latest sound",
    "my latest beat",
    "my latest cover",
    "our new song",
    "our newest song",
    "our new single",
    "our new video",
    "come check out",
    "listen to my",
    "sub me",
    "subscribe me",
    "sub to us",
    "subscribe to us",
    "care to visit my",
    "follow me on",
    "my soundcloud",
    "my promo code",
    "my invite code",
    "with code",
    "use code",
    "sub 4 sub",
    "sub4sub",
    "sub for sub",
    "sub back",
    "link in my bio",
    "link in bio",
    "link in my name",
    "link in my profile",
    "link in profile",
    "link on my profile",
    "in my bio",
    "link di bio",
    "link di profil",
    "en mi bio",
    "link en mi perfil",
    "lien dans ma bio",
    "link in der bio",
    "link nella bio",
    "no meu perfil",
    "link no perfil",
    "look at my profile",
    "check my profile",
    "visit my profile",
    "click my name",
    "click on my name",
    "click my picture",
    "click on my picture",
    "click my profile",
    "click on my profile",
    "my profile",
    // "Look at my profile" in other languages: where dating and job spam keep the link.
    "mi perfil",
    "meu perfil",
    "il mio profilo",
    "mio profilo",
    "mon profil",
    "mein profil",
    "meinem profil",
    "mijn profiel",
    "mój profil",
    "moim profilu",
    "profilime",
    "profil aku",
    "profil saya",
    "profilku",
    "mere bio",
    "meri profile",
    "мой профиль",
    "моем профиле",
    "моём профиле",
    "мою страницу",
    "мій профіль",
    "我的头像",
    "我的主页",
    "プロフィールの",
    "プロフから",
    "내 프로필",
    "プロフ見て",
    "ดูโปรไฟล์",
    "โปรไฟล์ของฉัน",
    "dm me for collab",
    "dm for collab",
    "link na bio",
    "en mi perfil",
    "프로필 링크",
    // Spanish, Portuguese, Italian, French, German, Dutch.
    "mi canal",
    "suscríbete",
    "suscribete",
    "suscríbanse",
    "suscribanse",
    "meu canal",
    "inscreva-se",
    "se inscreva",
    "se inscrevam",
    "mio canale",
    "passate dal mio canale",
    "sul mio canale",
    "iscriviti",
    "iscrivetevi",
    "ma chaîne",
    "abonnez-vous",
    "abonne-toi",
    "meinen kanal",
    "auf meinem kanal",
    "schaut gern mal bei mir vorbei",
    "schaut mal bei mir vorbei",
    "mein kanal",
    "abonniert mich",
    "abonniert meinen",
    "mijn kanaal",
    "abonneer",
    // Polish, Turkish, Indonesian.
    "mój kanał",
    "mojego kanału",
    "kanalıma abone",
    "kanalima abone",
    "kanalima",
    "kanalimi",
    "abone olun",
    "channel saya",
    "channel aku",
    "channelku",
    "mampir ke channel",
    "ke channel aku",
    "mere channel",
    "mera channel",
    // Russian, Ukrainian.
    "мой канал",
    "подпишитесь",
    "подписывайтесь",
    "ко мне на канал",
    "на мой канал",
    "на моём канале",
    "на моем канале",
    "підписуйтесь",
    // Japanese, Chinese, Korean.
    "チャンネル登録",
    "チャンネル見て",
    "私のチャンネル",
    "맞구독",
    "구독 부탁",
    "我的频道",
    "訂閱",
    "订阅",
    "구독",
];

/// Trades that spam sells. The English entries teach the weight (the training sets hold loan,
/// casino, pharmacy and follower spam); the translations carry it to other languages. Only
/// forms that name the trade itself: "Kredit" alone is economics, "Kredit ohne Schufa" an offer.
const COMMERCE: &[&str] = &[
    "casino",
    "online casino",
    "free spins",
    "sportsbook",
    "betting tips",
    "payday loan",
    "payday loans",
    "personal loan",
    "loan offer",
    "instant loan",
    "quick loan",
    "viagra",
    "cialis",
    "online pharmacy",
    "buy followers",
    "instagram followers",
    "essay writing",
    "write my essay",
    "homework help",
    "escort",
    "adult dating",
    "replica watches",
    "backlinks",
    "no prescription",
    "without prescription",
    "spell caster",
    "love spell",
    "skin giveaway",
    "free skins",
    "prêt entre particuliers",
    "půjčka",
    "půjčku",
    "půjčky",
    "δάνεια",
    "δάνειο",
    "شرط بندی",
    "dofollow",
    "guest post service",
    "pbn links",
    "lonely tonight",
    "my private photos",
    "hot girls",
    "sexy girls",
    "doctors hate",
    "doctors hate this",
    "keto gummies",
    "keto pills",
    "diet pills",
    "slimming tea",
    "fat burner",
    "arzte hassen",
    "abnehmtabletten",
    "los medicos odian",
    "os medicos odeiam",
    "cha emagrecedor",
    "les medecins detestent",
    "obat pelangsing",
    "vip tips",
    "fixed matches",
    "sure odds",
    "grupo de palpites",
    "canli mac izle",
    "watch free hd",
    "schreiben lassen",
    "ghostwriting",
    "thesis writing",
    "dissertation help",
    "mganga",
    "kurudisha mpenzi",
    "anarudisha mpenzi",
    "nguvu za kiume",
    "vashikaran",
    "maxwin",
    "slot online",
    "situs slot",
    "deposit pulsa",
    "bonus new member",
    "jp besar",
    // Casino and betting brands and slang.
    "tigrinho",
    "fortune tiger",
    // German, Spanish, Portuguese, French, Italian, Dutch, Polish.
    "ohne schufa",
    "sofortkredit",
    "darlehen",
    "sportwetten",
    "follower kaufen",
    "préstamo",
    "préstamos",
    "prestamos",
    "casino online",
    "apuestas",
    "comprar seguidores",
    "empréstimo",
    "emprestimo",
    "cassino",
    "apostas",
    "prêt rapide",
    "crédit rapide",
    "casino en ligne",
    "paris sportifs",
    "prestito",
    "scommesse",
    "casinò",
    "snel geld lenen",
    "pożyczka",
    "pożyczki",
    "chwilówka",
    "chwilówki",
    "kasyno",
    "rencontres coquines",
    "cadastre-se e ganhe",
    // Russian, Ukrainian, Turkish, Indonesian, Vietnamese.
    "займ",
    "займы",
    "микрозайм",
    "казино",
    "букмекер",
    "ставки на спорт",
    "накрутка",
    "купить диплом",
    "казино онлайн",
    "takipçi",
    "takipci",
    "bahis",
    "pinjaman",
    "pinjol",
    "judi",
    "slot gacor",
    "togel",
    "vay tiền",
    "cá cược",
    "nhà cái",
    // Chinese, Japanese, Korean, Arabic.
    "代写",
    "兼职",
    "日赚",
    "부업",
    "مراهنات",
    "娱乐城",
    "博彩",
    "贷款",
    "返水",
    "副業",
    "稼げる",
    "出会い系",
    "カジノ",
    "토토",
    "카지노",
    "대출",
    "먹튀",
    "كازينو",
    "قرض",
    // Hackers for hire, fake accounts and reviews, documents, presales, adult dating.
    "private loan",
    "loan lender",
    "loan firm",
    "ethical hacker",
    "hire a hacker",
    "spy app",
    "cheating spouse",
    "cheating partner",
    "catch a cheating",
    "professional hacker",
    "hack any phone",
    "hack into any",
    // Counterfeits by their grade.
    "mirror quality",
    // Darknet shops and blocked casinos, reached through a "working mirror".
    "актуальное зеркало",
    "рабочее зеркало",
    "зеркало сайта",
    "вход без vpn",
    "darknet market",
    "1:1 quality",
    "aaa quality",
    "verified paypal",
    "verified accounts",
    "google reviews",
    "recensioni google",
    "patente di guida",
    "führerschein kaufen",
    "driving licence for sale",
    "presale",
    "1000x gem",
    "100x gem",
    "знакомства для взрослых",
    "интим",
    "🔞",
    "토토사이트",
    "먹튀검증",
    "놀이터",
    "love problem solution",
    "get your love back",
    "black magic",
    "satta",
    "matka",
    "coupon bundle",
    "tiktok followers",
    "followers in 24h",
    "خرید فالوور",
    "فالوور",
    "نقل عفش",
    "cheap nfl jerseys",
    "wholesale jerseys",
    // Healers, fake documents, invoices, bets and loans in more languages.
    "marabout",
    "retour de l'être aimé",
    "retour affectif",
    "voyant médium",
    "vašíkaran",
    "vashikaran",
    "वशीकरण",
    "जादू टोना",
    "सट्टा",
    "satta matka",
    "satta king",
    "جلب الحبيب",
    "فك السحر",
    "الشيخ الروحاني",
    "mganga",
    "diploma murah",
    "купить права",
    "купить справку",
    "代开发票",
    "发票",
    "বেটিং",
    "ক্যাসিনো",
    "লোন",
    "কাসিনো",
    "کازینو",
    "شرط‌بندی",
    "הלוואה",
    "הלוואות",
    "เงินด่วน",
    "เว็บพนัน",
    "บาคาร่า",
    "สล็อต",
    "vay nhanh",
    "empréstimo para negativados",
    "prestiti tra privati",
    "prestiti privati",
    "tahmin siteleri",
    "deneme bonusu",
    "주식 리딩방",
    "리딩방",
    "股票群",
    "荐股",
    "牛股",
    "signal group",
    "forex signals",
    "trading signals",
    "account manager",
    "kontomanager",
    "kontomanagerin",
    "фінансовому менеджеру",
    "финансовому менеджеру",
    "asesor de inversiones",
    "gestor de investimentos",
    // Gambling, replica goods, potency pills and bought followers in more languages.
    "百家乐",
    "老虎机",
    "体育投注",
    "真人视讯",
    "六合彩",
    "网赌",
    "注册即送",
    "注册送",
    "スーパーコピー",
    "ブランドコピー",
    "コピー時計",
    "n級品",
    "激安通販",
    "obat kuat",
    "situs slot",
    "slot online",
    "beğeni satın al",
    "takipçi satın al",
    "replica bags",
    "replica handbags",
    "rep bags",
];

/// Readers warning others about scams and bots. Scam testimonials use the same words ("I thought
/// it was a scam until..."), so a warning counts only where nothing is advertised (see the rules).
const WARNINGS: &[&str] = &[
    "beware",
    "be careful",
    "impersonator",
    "block and report",
    "pig butchering",
    "pig-butchering",
    "nobody can recover",
    "no one can recover",
    "never dms",
    "report it to the police",
    "a second scam",
    "another scam",
    "also a scam",
    "are a scam",
    "fake page",
    "impersonating",
    "report to the fbi",
    "it's fake",
    "is fake",
    "are fake",
    "fake text",
    "fake texts",
    "scammer",
    "scammers",
    "scam alert",
    "is a scam",
    "are scams",
    "it's a scam",
    "it is a scam",
    "total scam",
    "complete scam",
    "was a scam",
    "warning:",
    "warning for",
    "psa:",
    "heads up",
    "its a scam",
    "are scammers",
    "are bots",
    "bot comments",
    "spam comments",
    "scam comments",
    "fake accounts",
    "don't fall for",
    "do not fall for",
    "report them",
    "report and block",
    "ignore them",
    "ignore these",
    "don't send",
    "do not send",
    "don't trust",
    "do not trust",
    "vorsicht",
    "betrüger",
    "cuidado",
    "estafa",
    "estafadores",
    "golpe",
    "golpistas",
    "arnaque",
    "arnaqueurs",
    "truffa",
    "truffatori",
    "oszuści",
    "oszustwo",
    "мошенники",
    "осторожно",
    "dolandırıcı",
    "penipu",
    "oplichters",
    "achtung",
    "phishing",
    "fraude",
    "ojo:",
    "no caigan",
    "nao caiam",
    "hati-hati",
    "penipuan",
    "lua dao",
    "мошенничество",
    "sahte",
    "詐騙",
    "사기",
    "詐欺",
    "骗子",
];

/// Offers to make money. Offer and imperative forms only: a reader saying what they earn, or
/// talking about taxes and investing, is not an offer.
const MONEY_OFFERS: &[&str] = &[
    "make money online",
    "no experience needed",
    "no experience required",
    "weekly pay",
    "double your bitcoin",
    "double your crypto",
    "double your money",
    "bitcoin giveaway",
    "btc giveaway",
    "crypto giveaway",
    "eth giveaway",
    "earn money online",
    "make money from home",
    "earn money from home",
    "earn from home",
    "gana dinero",
    "ganar dinero desde casa",
    "ganhe dinheiro",
    "ganhar dinheiro em casa",
    "guadagna soldi",
    "guadagnare da casa",
    "gagnez de l'argent",
    "geld verdienen von zu hause",
    "von zu hause aus geld",
    "verdiene geld",
    "thuis geld verdienen",
    "zarabiaj",
    "evden para kazan",
    "dapatkan uang",
    "hasilkan uang",
    "заработок в интернете",
    "заработок от",
    "зарабатывай",
    "日结",
    // Earnings from home, the job-scam hook, in the languages of its spam.
    "from home with just",
    "working from home with",
    "an hour working from home",
    "a day working from home",
    "a month working from home",
    "renda extra",
    "desde casa ganando",
    "làm việc online tại nhà",
    "tuyển ctv",
    "работа на дому",
    "робота вдома",
    "รายได้เสริม",
    "재택부업",
    "재택 부업",
    "在宅副業",
    "在宅ワーク",
    "在家赚钱",
    // Easy income from home or from a phone ("castiga bani de acasa", "kiếm thêm thu nhập tại
    // nhà", "ঘরে বসে আয়"), in 30 more languages.
    "gana dinero desde casa",
    "gana dinero desde tu celular",
    "gana dinero con tu celular",
    "ingresos extra desde casa",
    "ingresos extras desde tu celular",
    "trabaja desde casa y gana",
    "ganancias diarias desde casa",
    "genera ingresos desde casa",
    "gana desde tu casa",
    "ganhe dinheiro em casa",
    "ganhe dinheiro sem sair de casa",
    "ganhe dinheiro pelo celular",
    "renda extra em casa",
    "renda extra pelo celular",
    "renda extra trabalhando de casa",
    "trabalhe de casa e ganhe",
    "ganhar dinheiro pelo telemovel",
    "rendimento extra a partir de casa",
    "gagner de l'argent depuis chez soi",
    "gagnez de l'argent depuis chez vous",
    "gagnez de l'argent depuis votre telephone",
    "gagner de l'argent avec son telephone",
    "gagnez de l'argent a domicile",
    "revenu complementaire depuis chez vous",
    "revenus supplementaires depuis la maison",
    "travaillez depuis chez vous et gagnez",
    "revenu passif depuis chez vous",
    "gagnez chaque jour depuis votre telephone",
    "von zu hause aus geld verdienen",
    "verdiene geld von zu hause",
    "nebeneinkommen von zu hause",
    "zusatzeinkommen von zu hause",
    "passives einkommen von zu hause",
    "geld verdienen mit dem handy",
    "verdiene geld mit deinem handy",
    "taglich geld verdienen",
    "arbeite von zu hause und verdiene",
    "guadagna da casa",
    "guadagna soldi da casa",
    "guadagna online da casa",
    "guadagna con il tuo telefono",
    "guadagnare soldi con il telefono",
    "reddito extra da casa",
    "entrate extra da casa",
    "lavora da casa e guadagna",
    "guadagni giornalieri da casa",
    "geld verdienen vanuit huis",
    "verdien geld vanuit huis",
    "verdien geld met je telefoon",
    "geld verdienen met je telefoon",
    "extra inkomen vanuit huis",
    "bijverdienen vanuit huis",
    "werk vanuit huis en verdien",
    "verdien dagelijks vanuit huis",
    "dagelijks geld verdienen",
    "praca zdalna z telefonu",
    "praca w domu przez telefon",
    "zarabiaj w domu",
    "zarabiaj z domu",
    "zarabiaj przez telefon",
    "zarabiaj codziennie z telefonu",
    "zarabianie w domu",
    "dorabiaj w domu",
    "dodatkowy dochod z domu",
    "latwe pieniadze z domu",
    "vydelavejte z domova",
    "vydelavej z domu",
    "vydelek z domova",
    "privydelek z domova",
    "snadny vydelek z domova",
    "extra prijem z domova",
    "penize z domova",
    "vydelavejte penize z mobilu",
    "denni vydelek z mobilu",
    "prace z mobilu",
    "zarabajte z domu",
    "zarobok z domu",
    "zarobte peniaze z domu",
    "privyrobok z domu",
    "lahky zarobok z domu",
    "extra prijem z domu",
    "zarabajte cez mobil",
    "denny zarobok z mobilu",
    "praca z mobilu",
    "castiga bani de acasa",
    "castiga de acasa",
    "castiga bani online de acasa",
    "castig zilnic de acasa",
    "venit suplimentar de acasa",
    "venituri extra de acasa",
    "castiga bani de pe telefon",
    "castiga zilnic de pe telefon",
    "lucreaza de acasa si castiga",
    "penzkereses otthonrol",
    "keress penzt otthonrol",
    "keress penzt a telefonoddal",
    "penzkereses telefonrol",
    "extra jovedelem otthonrol",
    "kiegeszito jovedelem otthonrol",
    "passziv jovedelem otthonrol",
    "napi kereset otthonrol",
    "dolgozz otthonrol es keress",
    "evden para kazanin",
    "evde calisarak para kazan",
    "evden calis para kazan",
    "evden ek gelir",
    "evden gunluk kazanc",
    "telefondan para kazan",
    "telefonla para kazan",
    "telefonunuzdan para kazanin",
    "ek gelir firsati",
    "заработок на дому",
    "заработок из дома",
    "заработок с телефона",
    "заработок не выходя из дома",
    "зарабатывай не выходя из дома",
    "дополнительный доход из дома",
    "работа на дому с ежедневными выплатами",
    "удаленная работа с ежедневной оплатой",
    "пассивный доход с телефона",
    "заработок без вложений",
    "заробіток вдома",
    "заробіток з дому",
    "заробіток з телефону",
    "заробіток не виходячи з дому",
    "заробляй не виходячи з дому",
    "додатковий дохід з дому",
    "робота вдома з щоденними виплатами",
    "віддалена робота з щоденною оплатою",
    "пасивний дохід з телефону",
    "заробіток без вкладень",
    "κερδίστε χρήματα από το σπίτι",
    "κέρδισε χρήματα από το σπίτι",
    "βγάλε λεφτά από το σπίτι",
    "βγάλτε χρήματα από το κινητό",
    "κερδίστε χρήματα από το κινητό σας",
    "επιπλέον εισόδημα από το σπίτι",
    "έξτρα εισόδημα από το σπίτι",
    "παθητικό εισόδημα από το σπίτι",
    "δουλειά από το σπίτι με καθημερινά κέρδη",
    "καθημερινά κέρδη από το κινητό",
    "להרוויח מהבית",
    "להרוויח כסף מהבית",
    "תרוויחו מהבית",
    "לעבוד מהבית ולהרוויח",
    "עבודה מהבית עם הכנסה",
    "הכנסה נוספת מהבית",
    "הכנסה פסיבית מהבית",
    "רווח יומי מהבית",
    "להרוויח מהטלפון",
    "הכנסה נוספת מהטלפון",
    "اربح من البيت",
    "اربح من المنزل",
    "الربح من المنزل",
    "دخل إضافي من البيت",
    "دخل اضافي من المنزل",
    "اعمل من المنزل واربح",
    "ربح يومي من المنزل",
    "اربح المال من هاتفك",
    "الربح من الهاتف",
    "دخل يومي من هاتفك",
    "کسب درآمد در خانه",
    "کسب درآمد از خانه",
    "درآمد از خانه",
    "کسب درآمد اینترنتی در خانه",
    "درآمد اضافی در منزل",
    "کار در منزل با درآمد بالا",
    "درآمد دلاری در خانه",
    "درآمد با گوشی",
    "کسب درآمد با موبایل",
    "درآمد روزانه با گوشی",
    "گھر بیٹھے کمائیں",
    "گھر بیٹھے پیسے کمائیں",
    "گھر بیٹھے کمائی کریں",
    "گھر بیٹھے آن لائن کمائی",
    "گھر بیٹھے اضافی آمدنی",
    "گھر سے کام کریں اور کمائیں",
    "موبائل سے پیسے کمائیں",
    "موبائل سے روزانہ کمائیں",
    "اضافی آمدنی موبائل سے",
    "घर बैठे कमाएं",
    "घर बैठे कमाई",
    "घर बैठे पैसे कमाएं",
    "घर बैठे ऑनलाइन कमाई",
    "अतिरिक्त आय घर बैठे",
    "घर से काम करके कमाएं",
    "मोबाइल से पैसे कमाएं",
    "मोबाइल से कमाई",
    "फोन से पैसे कमाएं",
    "रोजाना कमाई मोबाइल से",
    "ghar baithe kamaye",
    "ghar baithe kamai",
    "ghar baithe paise kamaye",
    "ghar baithe earning",
    "mobile se paise kamaye",
    "mobile se earning karo",
    "phone se paise kamao",
    "ghar se kaam karke kamao",
    "daily earning ghar baithe",
    "extra income ghar baithe",
    "ঘরে বসে আয়",
    "ঘরে বসে টাকা আয়",
    "ঘরে বসে ইনকাম",
    "ঘরে বসে টাকা ইনকাম",
    "অতিরিক্ত আয় ঘরে বসে",
    "মোবাইল দিয়ে টাকা আয়",
    "মোবাইল দিয়ে আয় করুন",
    "মোবাইলে ইনকাম",
    "ghore bose income",
    "ghore bose taka income",
    "pendapatan tambahan dari rumah",
    "cuan dari rumah",
    "kerja sampingan dari rumah",
    "kerja dari hp",
    "penghasilan dari hp",
    "dapat uang dari hp",
    "modal hp saja",
    "buat duit dari rumah",
    "jana pendapatan dari rumah",
    "kumita sa bahay",
    "kumita ng pera sa bahay",
    "kumita kahit nasa bahay",
    "kumita gamit ang cellphone",
    "kumita gamit ang phone",
    "extra income kahit nasa bahay",
    "sideline gamit ang cellphone",
    "work from home kikita",
    "kikita ka araw-araw",
    "kiem them thu nhap tai nha",
    "kiem them thu nhap bang dien thoai",
    "thu nhap them tai nha",
    "kiem tien tai nha",
    "kiem tien online tai nha",
    "kiem tien bang dien thoai",
    "kiem tien tren dien thoai",
    "viec lam tai nha thu nhap cao",
    "viec nhe luong cao",
    "lam tai nha nhan luong theo ngay",
    "หารายได้เสริม",
    "รายได้เสริมที่บ้าน",
    "รายได้เสริมผ่านมือถือ",
    "ทำงานที่บ้านได้เงิน",
    "หาเงินผ่านมือถือ",
    "ทำงานผ่านมือถือ",
    "งานเสริมทำที่บ้าน",
    "ทำเงินจากที่บ้าน",
    "สร้างรายได้จากที่บ้าน",
    "在宅で稼げる",
    "在宅で副収入",
    "自宅で簡単に稼げる",
    "スマホで稼げる",
    "スマホだけで稼げる",
    "スマホ一台で稼ぐ",
    "スマホで副業",
    "誰でも簡単に稼げる",
    "スキマ時間で稼げる",
    "집에서 돈 벌기",
    "집에서 부수입",
    "재택으로 돈 벌기",
    "재택 알바 고수익",
    "핸드폰으로 돈 벌기",
    "폰으로 부수입",
    "스마트폰으로 부업",
    "손쉬운 부수입",
    "하루 수익 보장",
    "在家轻松赚钱",
    "足不出户赚钱",
    "手机赚钱",
    "手机兼职",
    "在家兼职",
    "日结兼职",
    "轻松月入过万",
    "在家賺錢",
    "在家輕鬆賺錢",
    "足不出戶賺錢",
    "手機賺錢",
    "手機兼職",
    "在家兼職",
    "日結兼職",
    "輕鬆月入十萬",
    "pata pesa ukiwa nyumbani",
    "tengeneza pesa ukiwa nyumbani",
    "pata pesa kupitia simu",
    "jipatie pesa kwa simu yako",
    "pata kipato kupitia simu yako",
    "kipato cha ziada ukiwa nyumbani",
    "fanya kazi ukiwa nyumbani ulipwe",
    "pesa kila siku kupitia simu",
    "kazi ya mtandaoni ukiwa nyumbani",
    "tjana pengar hemifran",
    "tjana pengar hemma",
    "tjana pengar med mobilen",
    "tjana pengar via mobilen",
    "extra inkomst hemifran",
    "extrainkomst hemifran",
    "passiv inkomst hemifran",
    "daglig inkomst hemifran",
    "jobba hemifran och tjana",
];

const CONTACT_PHRASES: &[&str] = &[
    "dm me",
    "dm her",
    "dm him",
    "dm them",
    "send a dm",
    "send her a dm",
    "send him a dm",
    "message me",
    "message her",
    "message him",
    "inbox me",
    "inbox her",
    "inbox him",
    "text me",
    "contact me",
    "contact her",
    "contact him",
    "contact them",
    "contact us",
    "reach out to",
    "reach her",
    "reach him",
    "get in touch",
    "write to her",
    "write to him",
    "hit me up",
    "send me a message",
    "drop me a message",
    "email me",
    "mail me",
    "whatsapp me",
    "call us",
    "call now",
    "text her",
    "text him",
    "reach me",
    "contact:",
    "his email:",
    "her email:",
    "his number:",
    "her number:",
    "his whatsapp:",
    "her whatsapp:",
    "his telegram:",
    "her telegram:",
    "contact via",
    "contact on",
    "write me",
    "write to me",
    "me chama no direct",
    "chama no direct",
    "chama no privado",
    "ask me how to join",
    "drop me a line",
    "drop me a message",
    "just drop me",
    "send me a dm",
    "message me for details",
    "reply to this comment to get",
    "ทักมา",
    "ib me",
    "inbox for details",
    // The same invitations in other languages.
    "escríbeme",
    "escribeme",
    "fale comigo",
    "chame no",
    "schreib mir",
    "schreiben sie mir",
    "écris-moi",
    "écrivez-moi",
    "scrivimi",
    "napisz do mnie",
    "пиши мне",
    "напиши мне",
    "напишите мне",
    "пишите в",
    "hubungi saya",
    "hubungi kami",
    "bana yaz",
    "문의하세요",
    "문의 주세요",
    "联系我",
    "私信我",
    // Invitations to write privately ("scrie-mi în privat", "inbox mình", "pm lang po",
    // "שלחו לי הודעה"), in 30 more languages.
    "escribeme al privado",
    "escribeme por privado",
    "hablame al privado",
    "mandame un mensaje",
    "enviame un mensaje",
    "escribeme por whatsapp",
    "contactame por whatsapp",
    "agregame en telegram",
    "preguntame como",
    "mandame dm",
    "te explico por privado",
    "contactame al privado",
    "chama no pv",
    "me chama no whatsapp",
    "chama no zap",
    "manda mensagem no privado",
    "me manda uma mensagem",
    "me adiciona no telegram",
    "fala comigo no privado",
    "envia-me mensagem privada",
    "contacta-me em privado",
    "adiciona-me no telegram",
    "ecris-moi en prive",
    "ecrivez-moi en prive",
    "envoie-moi un message",
    "envoie moi un message",
    "envoyez-moi un message",
    "contactez-moi en prive",
    "contactez-moi sur whatsapp",
    "ajoute-moi sur telegram",
    "viens en mp",
    "ecris-moi en mp",
    "envoie moi un mp",
    "demandez-moi comment",
    "schreib mir privat",
    "schreib mir eine nachricht",
    "schreib mir per dm",
    "schick mir eine dm",
    "schreib mir auf whatsapp",
    "schreiben sie mir auf whatsapp",
    "kontaktiere mich privat",
    "kontaktieren sie mich",
    "melde dich privat bei mir",
    "adde mich auf telegram",
    "fuge mich auf telegram hinzu",
    "frag mich wie",
    "scrivimi in privato",
    "scrivimi in dm",
    "mandami un messaggio",
    "inviami un messaggio",
    "mandami un dm",
    "contattami in privato",
    "contattatemi in privato",
    "contattami su whatsapp",
    "scrivimi su whatsapp",
    "aggiungimi su telegram",
    "chiedimi come",
    "stuur me een bericht",
    "stuur mij een bericht",
    "stuur me een dm",
    "stuur me een pb",
    "stuur me een prive bericht",
    "neem contact met mij op",
    "neem contact met me op",
    "stuur me een bericht via whatsapp",
    "voeg me toe op telegram",
    "vraag me hoe",
    "napisz do mnie na priv",
    "napisz na priv",
    "pisz na priv",
    "odezwij sie na priv",
    "napisz na pw",
    "napisz prywatnie",
    "wyslij mi wiadomosc",
    "skontaktuj sie ze mna",
    "napisz do mnie na whatsapp",
    "dodaj mnie na telegramie",
    "zapytaj mnie jak",
    "napis mi do zprav",
    "napis mi soukrome",
    "napiste mi soukrome",
    "napiste mi do sz",
    "posli mi zpravu",
    "kontaktujte me",
    "napiste mi na whatsapp",
    "pridej si me na telegramu",
    "zeptej se me jak",
    "napis mi sukromne",
    "napis mi do sprav",
    "napiste mi do sprav",
    "napis mi do sukromnej spravy",
    "posli mi spravu",
    "kontaktujte ma",
    "napiste mi na whatsappe",
    "pridaj si ma na telegrame",
    "opytaj sa ma ako",
    "scrie-mi in privat",
    "scrie-mi pe privat",
    "scrieti-mi in privat",
    "scrieti-mi pe whatsapp",
    "trimite-mi un mesaj",
    "dati-mi un mesaj",
    "dati-mi mesaj in privat",
    "lasa-mi un mesaj in privat",
    "contacteaza-ma in privat",
    "adauga-ma pe telegram",
    "intreaba-ma cum",
    "irj privatban",
    "irj nekem privatban",
    "irjon nekem privatban",
    "kuldj uzenetet",
    "kuldj privat uzenetet",
    "dobj egy uzenetet",
    "irj nekem whatsappon",
    "adj hozza telegramon",
    "vedd fel velem a kapcsolatot",
    "keress privatban",
    "kerdezz meg hogyan",
    "dm atin",
    "dm'den yazin",
    "ozelden yazin",
    "ozelden yaz",
    "ozelden ulasin",
    "bana mesaj atin",
    "bana ozelden yaz",
    "whatsapptan yazin",
    "telegramdan ulasin",
    "benimle iletisime gecin",
    "bilgi icin dm",
    "detaylar icin dm",
    "пишите в личку",
    "пиши в личку",
    "пиши в лс",
    "напиши мне в лс",
    "пишите в личные сообщения",
    "напишите мне в личные сообщения",
    "пишите в директ",
    "свяжитесь со мной",
    "пишите в телеграм",
    "добавь меня в телеграм",
    "пишите в ватсап",
    "подробности в лс",
    "пишіть в особисті",
    "пиши в особисті",
    "напишіть мені в особисті",
    "пишіть у директ",
    "пишіть у приват",
    "напиши мені в приват",
    "зв'яжіться зі мною",
    "напишіть мені у вайбер",
    "пишіть у телеграм",
    "додай мене в телеграм",
    "деталі в особистих",
    "пишіть в лс",
    "στείλε μου μήνυμα",
    "στείλτε μου μήνυμα",
    "στείλε μου στο inbox",
    "στείλτε μου προσωπικό μήνυμα",
    "στείλε μου στα προσωπικά",
    "γράψτε μου στα εισερχόμενα",
    "επικοινωνήστε μαζί μου",
    "στείλτε μου στο whatsapp",
    "πρόσθεσέ με στο telegram",
    "ρωτήστε με πώς",
    "inbox για πληροφορίες",
    "שלחו לי הודעה",
    "שלח לי הודעה",
    "תשלחו לי הודעה בפרטי",
    "כתבו לי בפרטי",
    "דברו איתי בפרטי",
    "פנו אליי בפרטי",
    "מוזמנים לפנות בפרטי",
    "צרו איתי קשר",
    "שלחו לי הודעה בוואטסאפ",
    "הוסיפו אותי בטלגרם",
    "תשאלו אותי איך",
    "راسلني خاص",
    "راسلني على الخاص",
    "تواصل معي على الخاص",
    "تواصل معي واتساب",
    "تواصلوا معي على الواتساب",
    "كلمني خاص",
    "ابعتلي رسالة",
    "ارسل لي رسالة",
    "اضفني على تيليجرام",
    "اسألني كيف",
    "للاستفسار راسلني",
    "دایرکت پیام بدید",
    "به دایرکت پیام بدید",
    "پیوی پیام بدید",
    "بیا پیوی",
    "پیام خصوصی بدید",
    "با من تماس بگیرید",
    "در تلگرام پیام بدید",
    "تو واتساپ پیام بدید",
    "برای اطلاعات بیشتر دایرکت",
    "مجھے میسج کریں",
    "انباکس کریں",
    "ان باکس میں میسج کریں",
    "مجھ سے رابطہ کریں",
    "واٹس ایپ پر رابطہ کریں",
    "واٹس ایپ کریں",
    "پرائیویٹ میسج کریں",
    "ٹیلیگرام پر ایڈ کریں",
    "مجھ سے پوچھیں کیسے",
    "मुझे मैसेज करें",
    "मुझे मैसेज करो",
    "इनबॉक्स करें",
    "इनबॉक्स में मैसेज करें",
    "मुझसे संपर्क करें",
    "व्हाट्सएप पर मैसेज करें",
    "व्हाट्सएप करें",
    "टेलीग्राम पर जुड़ें",
    "पर्सनल में मैसेज करें",
    "डीएम करें",
    "mujhe message karo",
    "mujhe msg karo",
    "inbox karo",
    "inbox kare",
    "dm karo",
    "pm karo",
    "personal me msg karo",
    "whatsapp karo",
    "whatsapp par msg kare",
    "telegram pe join karo",
    "mujhse contact kare",
    "ইনবক্স করুন",
    "ইনবক্সে মেসেজ দিন",
    "ইনবক্সে নক দিন",
    "আমাকে মেসেজ দিন",
    "মেসেজ করুন",
    "হোয়াটসঅ্যাপে যোগাযোগ করুন",
    "আমার সাথে যোগাযোগ করুন",
    "টেলিগ্রামে অ্যাড করুন",
    "পার্সোনালি মেসেজ দিন",
    "inbox koren",
    "inbox korun",
    "dm aku",
    "dm saya",
    "inbox aja",
    "inbox saya",
    "pm saya",
    "pm tepi",
    "japri aja",
    "chat saya",
    "wa saya",
    "hubungi via whatsapp",
    "tanya saya caranya",
    "pm lang po",
    "dm lang po",
    "inbox lang po",
    "pm mo ako",
    "pm niyo ako",
    "pm me po",
    "i-message niyo ako",
    "i-message mo ako",
    "message mo ako",
    "chat mo ako",
    "i-add mo ako sa telegram",
    "tanong kayo sakin paano",
    "inbox minh",
    "ib minh",
    "inbox em",
    "ib em",
    "ib rieng",
    "nhan tin cho minh",
    "nhan tin rieng",
    "lien he zalo",
    "ket ban zalo",
    "add zalo minh",
    "ib zalo",
    "inbox de biet them",
    "ทักแชท",
    "ทักไลน์",
    "ทักข้อความมา",
    "ทักส่วนตัว",
    "ทักมาได้เลย",
    "สนใจทักมา",
    "แอดไลน์มา",
    "ติดต่อทางไลน์",
    "ทักinbox",
    "ส่งข้อความหาฉัน",
    "dmください",
    "dmしてね",
    "dmお待ちしてます",
    "詳しくはdmで",
    "詳細はdmへ",
    "個別にメッセージください",
    "メッセージください",
    "lineで連絡ください",
    "ラインで連絡ください",
    "lineを追加してください",
    "テレグラムで連絡ください",
    "dm 주세요",
    "디엠 주세요",
    "dm 보내주세요",
    "개인 메시지 주세요",
    "쪽지 주세요",
    "갠톡 주세요",
    "카톡 주세요",
    "카톡으로 연락주세요",
    "오픈채팅으로 연락주세요",
    "텔레그램으로 연락주세요",
    "문의는 dm",
    "私聊我",
    "加我微信",
    "加微信详聊",
    "加我电报",
    "加我whatsapp",
    "私下联系我",
    "详情私信",
    "有意者私聊",
    "欢迎私信",
    "私訊我",
    "私訊詳談",
    "加我賴",
    "加我line",
    "加line詳談",
    "加我電報",
    "私下聯繫我",
    "詳情私訊",
    "歡迎私訊",
    "nitumie ujumbe",
    "nitumie meseji",
    "nicheki inbox",
    "nicheki dm",
    "niandikie inbox",
    "niandikie whatsapp",
    "wasiliana nami",
    "niongeze telegram",
    "niulize jinsi",
    "nitafute whatsapp",
    "skriv till mig privat",
    "skicka mig ett meddelande",
    "skriv i dm",
    "skicka dm",
    "kontakta mig privat",
    "kontakta mig",
    "skriv till mig pa whatsapp",
    "lagg till mig pa telegram",
    "fraga mig hur",
    "hor av dig privat",
    // "Contact:" as a label before an address, in other languages: "Escríbenos: …@gmail.com".
    "escribenos:",
    "contactanos:",
    "contacto:",
    "contato:",
    "fale conosco:",
    "contattaci:",
    "contatti:",
    "kontakt:",
    "schreibt mir:",
    "ecrivez-nous:",
    "пишите:",
    "связь:",
    "для связи:",
    "контакты:",
    "пишіть:",
    "للتواصل:",
    "تواصل معنا:",
    "رابطہ:",
    "رابطه:",
    "تماس:",
    "iletisim:",
    "hubungi:",
    "lien he:",
    "联系:",
    "联系方式:",
    "문의:",
    "お問い合わせ:",
    "連絡先:",
    "無料相談:",
    "ติดต่อ:",
    "संपर्क:",
];

/// Parts of handle or hashtag names that advertise trading, crypto or investing.
const FINANCE_TAGS: &[&str] = &[
    "fx",
    "forex",
    "trade",
    "trading",
    "invest",
    "profit",
    "crypto",
    "coin",
    "btc",
    "bitcoin",
    "coach",
    "capital",
    "wealth",
    "money",
    "fund",
    "signal",
    "option",
    "mining",
    "recover",
    "hack",
    "finance",
    "financial",
    "broker",
    "mentor",
    "asset",
    "bull",
    "market",
    "income",
];

/// Comment templates that spam bots have posted millions of times ("I have been browsing online
/// more than 3 hours today, yet I never found any interesting article like yours"). Their
/// wording is the template's own: readers do not write "genuinely fastidious".
const TEMPLATES: &[&str] = &[
    "i have been browsing online more than",
    "never found any interesting article like yours",
    "genuinely fastidious",
    "i am regular visitor, how are you everybody",
    "kinda off topic but i was wondering which blog platform",
    "which blog platform are you using",
    "getting sick and tired of wordpress",
    "you make blogging look easy",
    "how long have you been blogging for",
    "wow, awesome blog layout",
    "i don't know who you are but certainly you're going to a famous blogger",
    "i stumbledupon it",
    "this article couldn't be written any better",
    "reminds me of my previous roommate",
    "its like you read my mind",
    "it's like you read my mind",
    "you appear to know a lot about this, like you wrote the book",
    "i'm going to come back once again since i have book-marked it",
    "i couldn't refrain from commenting",
    "hello there! this is kind of off topic",
    "heya i am for the first time here",
    "i could not resist commenting",
    "pretty section of content",
    "i'm really impressed with your writing skills",
    "keep posting such kind of information",
    "you have performed a great job",
    "i'm really impressed by your blog",
    "this is my first time pay a quick visit",
    "i got this web page from my buddy",
    "i got this website from my buddy",
    "hi there to all, how is everything",
    "i just stumbled upon your weblog",
    "i like the valuable information you provide in your articles",
    "attractive section of content",
    "i wish to apprentice while you amend your web site",
    "rarely do i encounter a blog that's both educative and entertaining",
    "this post could not be written any better",
    "reminds me of my old room mate",
    "will forward this page to him",
    "i'm extremely impressed with your writing skills",
    "i found your blog via google",
    "i have bookmarked it in my google bookmarks",
    "i came across this board and i find it truly useful",
    "i'm hoping to give something back and aid others",
    "i'm not sure where you are getting your info, but good topic",
    "thanks for the marvelous posting",
];

const PRAISE: &[&str] = &[
    "great post",
    "nice post",
    "great article",
    "nice article",
    "great blog",
    "nice blog",
    "very informative",
    "really informative",
    "thanks for sharing",
    "thank you for sharing",
    "keep up the good work",
    "keep up the great work",
    "i really enjoyed",
    "i enjoyed reading",
    "this blog",
    "your blog",
    "your website",
    "your site",
    "this website",
    "useful information",
    "helpful information",
    "great information",
    "well written",
    "awesome post",
    "great content",
    "nice content",
    "informative post",
    "informative article",
    "valuable information",
    "bookmarked",
    "i will bookmark",
    "great share",
    "nice share",
    "wonderful post",
    "good article",
    "very good article",
    // The same compliments in other languages.
    "toller beitrag",
    "super beitrag",
    "klasse beitrag",
    "super artikel",
    "toller artikel",
    "danke für den artikel",
    "ottimo articolo",
    "bell'articolo",
    "bellissimo articolo",
    "excelente artículo",
    "excelente articulo",
    "gran artículo",
    "buen artículo",
    "ótimo artigo",
    "otimo artigo",
    "excelente artigo",
    "très bon article",
    "super article",
    "excellent article",
    "merci pour cet article",
    "goed artikel",
    "mooi artikel",
    "świetny artykuł",
    "отличная статья",
    "спасибо за статью",
    "хорошая статья",
    "harika yazı",
    "güzel yazı",
    "bài viết hay",
    "artikel yang bagus",
    "artikelnya bagus",
    "好文章",
    "좋은 글",
    "素晴らしい記事",
    "toller beitrag",
    "toller artikel",
    "super artikel",
    "interessanter artikel",
    "vielen dank für den beitrag",
    "vielen dank für die infos",
    "danke für die infos",
    "muy buen artículo",
    "excelente post",
    "excelente publicación",
    "muy buen post",
    "gracias por compartir",
    "ótimo post",
    "ótimo conteúdo",
    "parabéns pelo conteúdo",
    "parabéns pelo post",
    "parabéns pelo artigo",
    "muito bem explicado",
    "obrigado por compartilhar",
    "merci pour cet article",
    "merci pour le partage",
    "super article",
    "excellent article",
    "ottimo articolo",
    "bellissimo articolo",
    "grazie per la condivisione",
    "mooi artikel",
    "bedankt voor het delen",
    "ciekawy artykuł",
    "dzięki za artykuł",
    "полезная статья",
    "интересная статья",
    "спасибо автору",
    "güzel paylaşım",
    "emeğinize sağlık",
    "artikelnya sangat bermanfaat",
    "artikel yang bermanfaat",
    "artikel yang sangat bermanfaat",
    "terima kasih infonya",
    "terima kasih atas informasinya",
    "cảm ơn bạn đã chia sẻ",
    "bài viết rất hay",
    "文章写得很好",
    "写得很好",
    "感谢分享",
    "谢谢分享",
    "支持一下",
    "参考になりました",
    "勉強になりました",
    "좋은 정보 감사합니다",
    "잘 보고 갑니다",
    "مقال رائع",
    "شكرا على المقال",
    "बहुत अच्छा लेख",
    "bra artikel",
    "καλό άρθρο",
    "ευχαριστώ για τις πληροφορίες",
    "дякую за статтю",
    "корисна інформація",
    "корисна стаття",
    "очень актуально",
    "ขอบคุณสำหรับบทความ",
    "skvely clanek",
    "dekuji za clanek",
    "jo cikk",
    "koszonom a cikket",
    "מאמר מצוין",
    "תודה על המאמר",
    "مقاله خوبی بود",
    "ممنون از مقاله",
    "articol excelent",
    "multumesc pentru articol",
];

const KNOWN_TLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "io", "co", "uk", "de", "fr", "ru", "us", "ca", "au", "in",
    "ly", "gl", "gd", "be", "to", "cc", "ws", "me", "tv", "app", "dev", "eu", "nl", "it", "es",
    "pl", "br", "jp", "cn", "ch", "se", "no", "ie", "nz", "za", "gov", "edu", "int", "ee", "at",
    "pt", "mx", "ar", "ua", "kz", "tr", "gr", "ro", "hu", "cz", "sk", "fi", "dk", "id", "ph", "vn",
    "th", "my", "sg", "hk", "tw", "kr", "ng", "ke", "pk", "bd", "ai", "gg", "so", "am", "fm", "sh",
    "su", "by", "li", "lt", "lv", "is", "im", "ir", "lk", "np", "eg", "ae", "bg", "hr", "az", "uz",
    "kh", "tn", "dz", "gh", "tz", "ug", "mobi", "asia",
];

impl Signals {
    /// Measures every signal of `c`. `text` is the normalised content
    /// ([`crate::normalize::normalize`]) and `norm` its statistics.
    pub fn extract(c: &Comment, text: &str, norm: NormStats) -> Signals {
        let mut s = Signals {
            norm,
            scripts: norm.scripts,
            ..Signals::default()
        };
        scan_links(text, &mut s);
        // On the raw text: normalisation folds the double spaces between spelled-out words.
        scan_spaced_links(&c.content, &mut s);
        scan_split_domains(text, &mut s);
        s.distinct_domains = s.domains.len() as u32;
        scan_markup(&c.content, &mut s);
        scan_contact(text, &mut s);
        if s.link_spans.is_empty() {
            scan_words(text, &mut s);
        } else {
            // Word shape (leetspeak, gibberish) is measured on the text without its links: a
            // video id such as "8frk2lx0qpa" is not obfuscation.
            let mut plain = String::with_capacity(text.len());
            let mut last = 0;
            for &(a, b) in &s.link_spans {
                plain.push_str(&text[last..a]);
                plain.push(' ');
                last = b;
            }
            plain.push_str(&text[last..]);
            scan_words(&plain, &mut s);
        }
        scan_shape(&c.content, &mut s);
        scan_author(c, &mut s);
        s.script_mismatch = script_mismatch(&c.lang, &s.scripts);
        s.title_overlap = title_overlap(text, &c.context.article_title, &c.permalink);
        s.honeypot = !c.honeypot.trim().is_empty();
        s.fast_submit = c.seconds_to_submit.is_some_and(|t| (0.0..3.0).contains(&t));
        s.bot_user_agent = bot_user_agent(&c.user_agent, &c.user_ip);
        s.recent_duplicates = c.context.recent_duplicates;
        s.author_approved = c.context.author_approved_comments;
        // A warning often quotes the scam it warns about; what it advertises itself is what
        // stands outside the quotes.
        if s.warnings > 0 {
            let quoted = strip_quoted(text);
            let attributed = strip_attributed(quoted.as_deref().unwrap_or(text));
            let stripped_attributed = attributed.is_some();
            s.unquoted_adverts = match attributed.or(quoted) {
                Some(plain) => {
                    let bare = Comment {
                        content: plain.clone(),
                        author: c.author.clone(),
                        url: c.url.clone(),
                        ..Comment::default()
                    };
                    let mut t = Signals::extract(&bare, &plain, NormStats::default());
                    // With the caller's number handed back, "the WhatsApp number" names where
                    // the scam happened, not where to write.
                    if stripped_attributed && t.phones + t.emails + t.handles == 0 {
                        t.messengers = 0;
                    }
                    // A quoted sentence of the scam is the writer's evidence, not their contact
                    // details. (A lone quoted number or handle still counts.)
                    let all = text.split_whitespace().count();
                    let quoted_words = all - plain.split_whitespace().count().min(all);
                    if quoted_words >= 5 || stripped_attributed {
                        s.phones = t.phones;
                        s.emails = t.emails;
                        s.messengers = t.messengers;
                        s.handles = t.handles;
                        s.contact_phrases = t.contact_phrases;
                        s.crypto_addresses = t.crypto_addresses;
                        s.money_offers = t.money_offers;
                        s.self_promotion = t.self_promotion;
                        if t.phones == 0 {
                            s.phone_at.clear();
                        }
                    }
                    t.adverts()
                }
                None => s.adverts(),
            };
            // "Met him in a WhatsApp group": with no number, address or handle to go with it, a
            // messenger's name in a warning says where the scam happened.
            if s.phones + s.emails + s.handles == 0 {
                s.unquoted_adverts = s.unquoted_adverts.saturating_sub(s.messengers);
            }
            // "usps-redeliver-care[.]com": a link written so that it cannot be clicked is the
            // scam's address, shown as evidence.
            s.unquoted_adverts = s.unquoted_adverts.saturating_sub(s.spaced_links);
        }
        s
    }

    /// Ways to reach the writer or their offer: contacts, links beyond news, video and
    /// government sites, offers, and a filled author URL.
    pub fn adverts(&self) -> u32 {
        self.phones
            + self.emails
            + self.messengers
            + self.handles
            + self.contact_phrases
            + self.crypto_addresses
            + self.self_promotion
            + self.money_offers
            + (self.links - self.media_links)
            + u32::from(self.author_url)
    }
}

/// `text` without its quoted passages ("…", “…”, «…», ‘…’, and '…' between word boundaries),
/// or `None` when nothing is quoted.
fn strip_quoted(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut close: Option<char> = None;
    let mut prev = ' ';
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(ch) = chars.next() {
        let next = chars.peek().copied().unwrap_or(' ');
        match close {
            Some(c) if ch == c && (c != '\'' || !next.is_alphanumeric()) => close = None,
            Some(_) => {}
            None => {
                let opener = match ch {
                    '"' => Some('"'),
                    '\u{201c}' => Some('\u{201d}'),
                    '\u{ab}' => Some('\u{bb}'),
                    '\u{2018}' => Some('\u{2019}'),
                    '\'' if !prev.is_alphanumeric() && next.is_alphanumeric() => Some('\''),
                    _ => None,
                };
                if opener.is_some() {
                    close = opener;
                    any = true;
                    out.push(' ');
                } else {
                    out.push(ch);
                }
            }
        }
        prev = ch;
    }
    any.then_some(out)
}

/// Words that hand the contact after them to someone else: "a call from +1 202 555 0143",
/// "I messaged the WhatsApp number (+44 7418 362951)", "blocked @cryptoqueen".
const ATTRIBUTIONS: &[&str] = &[
    "call from ",
    "calls from ",
    "called from ",
    "called me from ",
    "text from ",
    "texts from ",
    "texted me from ",
    "message from ",
    "messages from ",
    "sms from ",
    "the whatsapp number ",
    "the telegram account ",
    "the number ",
    "their number ",
    "their whatsapp ",
    "scammer's number ",
    "scam number ",
    "blocked ",
    "reported ",
    // Spanish, Portuguese, French, German, Italian: "they called me from…", "I called…".
    "me llamaron del ",
    "me llamaron desde el ",
    "llame al ",
    "me ligaram do ",
    "liguei para o ",
    "m'a appele du ",
    "j'ai appele le ",
    "anruf von ",
    "rief von ",
    "mi hanno chiamato dal ",
    "ho chiamato il ",
];

/// `text` with the contacts that [`ATTRIBUTIONS`] give to someone else blanked out, or `None`
/// if there are none.
fn strip_attributed(text: &str) -> Option<String> {
    let mut out = text.to_owned();
    let mut any = false;
    for cue in ATTRIBUTIONS {
        let mut from = 0;
        while let Some(i) = out[from..].find(cue) {
            let start = from + i + cue.len();
            let b = out.as_bytes();
            let mut j = start;
            while j < b.len() && matches!(b[j], b' ' | b'(' | b':') {
                j += 1;
            }
            let run_start = j;
            if j < b.len() && b[j] == b'@' {
                j += 1;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'_' | b'.')) {
                    j += 1;
                }
            } else if j < b.len() && (b[j] == b'+' || b[j].is_ascii_digit()) {
                while j < b.len()
                    && (b[j].is_ascii_digit()
                        || matches!(b[j], b' ' | b'+' | b'(' | b')' | b'-' | b'.'))
                {
                    j += 1;
                }
            }
            if j > run_start + 3 {
                out.replace_range(run_start..j, &" ".repeat(j - run_start));
                any = true;
            }
            from = start.min(out.len());
        }
    }
    any.then_some(out)
}

/// Characters that can continue a link. Square brackets end one: outside IPv6 hosts they are
/// markup (`[url=…]…[/url]`), not part of the address.
fn is_url_char(b: u8) -> bool {
    /// Letters, digits and the punctuation a URL may hold, as a table: this runs on every byte.
    const TABLE: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = (i as u8).is_ascii_alphanumeric();
            i += 1;
        }
        let punct = b"-._~:/?#@!$&'*+,;=%";
        let mut j = 0;
        while j < punct.len() {
            t[punct[j] as usize] = true;
            j += 1;
        }
        t
    };
    TABLE[usize::from(b)]
}

/// Query keys that carry a referral, affiliate or invitation code; a trailing number is allowed
/// (`refcode1`).
const REFERRAL_KEYS: &[&str] = &[
    "ref",
    "refid",
    "ref_id",
    "refcode",
    "ref_code",
    "referral",
    "referralcode",
    "referral_code",
    "aff",
    "affid",
    "aff_id",
    "affiliate",
    "invite",
    "invitecode",
    "invite_code",
    "invitationcode",
    "inviter",
];

/// True when a link's query string carries a referral code. Only query keys count: a path
/// segment such as Amazon's `/ref=sr_1_7` is the shop's own navigation, not an affiliate's.
fn is_referral(link: &str) -> bool {
    let Some((_, query)) = link.split_once('?') else {
        return false;
    };
    query.split(['&', ';']).any(|pair| {
        let Some((key, value)) = pair.split_once('=') else {
            return false;
        };
        let key = key.to_ascii_lowercase();
        let key = key.trim_end_matches(|c: char| c.is_ascii_digit());
        !value.is_empty() && REFERRAL_KEYS.contains(&key)
    })
}

/// A link that starts inside a longer run, after markup or a label (`url=http://…`,
/// `link:www.…`): its offset in `tok`, if any.
fn embedded_link(tok: &str) -> Option<usize> {
    // Most tokens are plain words: every prefix below holds a '/' or a '.'.
    if !tok.bytes().any(|b| b == b'/' || b == b'.') {
        return None;
    }
    ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| tok.find(p))
        .filter(|&i| i > 0 && !tok.as_bytes()[i - 1].is_ascii_alphanumeric())
        .min()
}

/// Splits a host into (registrable domain, TLD), e.g. `www.news.bbc.co.uk` -> (`bbc.co.uk`, `uk`).
pub fn registrable_domain(host: &str) -> (String, String) {
    let host = host.trim_end_matches('.').trim_start_matches("www.");
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    if n == 0 {
        return (String::new(), String::new());
    }
    let tld = labels[n - 1].to_string();
    let second_level = n >= 3
        && tld.len() == 2
        && matches!(
            labels[n - 2],
            "co" | "com" | "org" | "net" | "ac" | "gov" | "edu" | "ne" | "or"
        );
    let keep = if second_level { 3 } else { 2.min(n) };
    (labels[n - keep..].join("."), tld)
}

/// Loopback and private-network hosts.
fn is_private_host(host: &str) -> bool {
    if host == "localhost" || host == "0.0.0.0" {
        return true;
    }
    if !is_ip(host) {
        return false;
    }
    let o: Vec<u8> = host.split('.').filter_map(|p| p.parse().ok()).collect();
    matches!(o.as_slice(), [127, ..] | [10, ..] | [192, 168, ..])
        || matches!(o.as_slice(), [172, b, ..] if (16..=31).contains(b))
}

fn is_ip(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Keywords that also begin names and ordinary sites ("Dieter", "Pillai", "Seoul",
/// "investopedia", "tradingeconomics"): they count only at the end of a part of a name or
/// domain ("cheap-seo", "noworriesloans", "coachinvest"), with an optional plural `s`.
fn whole_part_only(k: &str) -> bool {
    k.len() <= 4 || matches!(k, "invest" | "trading" | "likes" | "recovery")
}

/// Whether a domain or a name squashed without spaces holds a commercial keyword.
/// Elsewhere in a part, such a keyword counts beside a shop word ("vapeshop-deals",
/// "bestcbdgummies-review").
fn has_commercial(s: &str) -> bool {
    commercial_match(s).is_some()
}

/// Keywords of [`COMMERCIAL`] that readers' own sites use too (crypto, trading, diets,
/// followers, discounts). Every other keyword names a trade whose sites only spam links to
/// (gambling, pharmacy, loans, essays, SEO, adult): a "vice" site.
const MILD: &[&str] = &[
    "crypto",
    "forex",
    "cheap",
    "discount",
    "dating",
    "cbd",
    "vape",
    "weightloss",
    "diet",
    "followers",
    "likes",
    "hack",
    "recovery",
    "bitcoin",
    "invest",
    "trading",
    "rolex",
    "outlet",
    "kredit",
];

/// The commercial keyword `s` holds (one not [`MILD`] if there is one), under the rules of
/// [`whole_part_only`].
fn commercial_match(s: &str) -> Option<&'static str> {
    static AC: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    // Fixed literals: building cannot fail in practice; `None` would only drop this signal.
    let ac = AC
        .get_or_init(|| aho_corasick::AhoCorasick::new(COMMERCIAL).ok())
        .as_ref()?;
    let b = s.as_bytes();
    let mut found = None;
    for m in ac.find_overlapping_iter(s) {
        let k = COMMERCIAL[m.pattern().as_usize()];
        let counts = !whole_part_only(k) || {
            // The end of the part (alphanumeric run) the keyword sits in.
            let part_end = b[m.end()..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .map_or(b.len(), |p| m.end() + p);
            part_end == m.end()
                || (part_end == m.end() + 1 && b[m.end()] == b's')
                // A shop word beside it, not sharing its letters ("ahmedsaleh" holds "meds"
                // and "sale" only by overlapping them).
                || NAME_WORDS
                    .iter()
                    .any(|w| s[..m.start()].contains(w) || s[m.end()..].contains(w))
        };
        if counts {
            if !MILD.contains(&k) {
                return Some(k);
            }
            found.get_or_insert(k);
        }
    }
    if betting_shape(s) {
        return Some("betting");
    }
    found
}

/// A betting brand's shape: "bet" against a digit ("bet777br", "22bet", "bet9ja"), or a
/// gambling or adult top-level domain (".bet", ".casino"). Words with "bet" inside ("alphabet",
/// "diabetes", "better") have letters around it.
fn betting_shape(s: &str) -> bool {
    let b = s.as_bytes();
    let tld = s.rsplit('.').next().unwrap_or("");
    s.contains('.') && matches!(tld, "bet" | "casino" | "poker" | "bingo" | "porn" | "xxx")
        || s.match_indices("bet").any(|(i, _)| {
            (i > 0 && b[i - 1].is_ascii_digit()) || b.get(i + 3).is_some_and(u8::is_ascii_digit)
        })
}

/// Finds the host of a link candidate starting at `tok`, or `None` if it is not a link.
fn link_host(tok: &str) -> Option<&str> {
    let rest = if let Some(r) = tok
        .strip_prefix("https://")
        .or_else(|| tok.strip_prefix("http://"))
    {
        r
    } else if tok.starts_with("www.") {
        tok
    } else {
        // Bare domain: labels with a known TLD, optionally followed by a path.
        if !tok.as_bytes().contains(&b'.') {
            return None;
        }
        // A suffix after an apostrophe is grammar, not host ("takipcimarket.com.tr'de").
        let host = tok
            .split(['/', '?', '#', '\'', '\u{2019}'])
            .next()
            .unwrap_or("");
        let host = host.trim_end_matches(['.', ',', ')', '!', ':']);
        let (_, tld) = host.rsplit_once('.')?;
        if host.contains('@') || !tok.is_ascii() {
            return None;
        }
        let labels_ok = host
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
        let tld_ok = known_tld(tld);
        // One-letter names ("t.me", "t.co") are links only when they are known link hosts.
        let first_ok = host.split('.').next().is_some_and(|l| l.len() >= 2)
            || SHORT_HOSTS.contains(&host)
            || SHORTENERS.contains(&host);
        return (labels_ok
            && tld_ok
            && first_ok
            && !host.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        .then_some(host);
    };
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    let host = rest[..end].trim_end_matches(['.', ',', ')', '!']);
    (!host.is_empty()).then_some(host)
}

fn scan_links(text: &str, s: &mut Signals) {
    let bytes = text.as_bytes();
    let mut link_chars = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        if !is_url_char(bytes[i]) || (i > 0 && is_url_char(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_url_char(bytes[i]) {
            i += 1;
        }
        let mut start = start;
        let mut tok = &text[start..i];
        let host = match link_host(tok) {
            Some(h) => h,
            None => {
                let Some(at) = embedded_link(tok) else {
                    continue;
                };
                start += at;
                tok = &text[start..i];
                let Some(h) = link_host(tok) else { continue };
                h
            }
        };
        // A loopback or private address ("http://127.0.0.1:8080" in a config snippet) points
        // at the reader's own machine, not at a site.
        if is_private_host(host) {
            continue;
        }
        s.links += 1;
        s.link_spans.push((start, i));
        if is_referral(tok) {
            s.referral_links += 1;
        }
        link_chars += tok.len();
        count_host(host, s);
    }
    s.distinct_domains = s.domains.len() as u32;
    if !text.is_empty() {
        s.link_ratio = link_chars as f32 / text.len() as f32;
    }
}

/// Records what the host of one link says: IP, shortener, cheap TLD, media, commercial domain.
fn count_host(host: &str, s: &mut Signals) {
    if is_ip(host) {
        s.ip_hosts += 1;
        return;
    }
    let (domain, tld) = registrable_domain(host);
    if SHORTENERS.contains(&domain.as_str()) || SHORTENERS.contains(&host) {
        s.shorteners += 1;
    }
    if CHEAP_TLDS.contains(&tld.as_str()) {
        s.cheap_tlds += 1;
    }
    if MEDIA_DOMAINS.contains(&domain.as_str()) || MEDIA_DOMAINS.contains(&host) {
        s.media_links += 1;
    } else if is_public_host(host) {
        s.media_links += 1;
        s.public_links += 1;
    }
    if has_commercial(&domain) {
        s.commercial_domains += 1;
    }
    if !s.domains.contains(&domain) && s.domains.len() < 8 {
        s.domains.push(domain);
        if !s.tlds.contains(&tld) {
            s.tlds.push(tld);
        }
    }
}

/// Links spelled out one character at a time ("v i s i t  b e s t l o a n s 2 4 . c o m"):
/// runs of single characters, closed up, whose words (split at double spaces) read as a domain.
/// They count as links (without a span: the words already see their letters).
/// Dots written so that no link is made: "betkral512 . com", "wordpress-verify[.]com/appeal",
/// "assignmenthelp-uk dot co dot uk". A name and a known top-level domain around such a dot is
/// a link.
fn scan_split_domains(text: &str, s: &mut Signals) {
    // " ." is the space slipped in before the dot: "bola-jitu88 .com", "hotdates .xyz (remove
    // the space)".
    const DOTS: &[&str] = &[" . ", " .", "[.]", "(.)", " dot ", "(dot)", "[dot]"];
    // One pass decides most comments: every form has a spaced or bracketed dot, or "dot".
    let maybe = text.as_bytes().windows(3).any(|w| {
        w[1] == b'.'
            && (matches!((w[0], w[2]), (b' ', b' ') | (b'[', b']') | (b'(', b')'))
                || w[0] == b' ' && w[2].is_ascii_lowercase())
            || w == b"dot"
    });
    if maybe {
        for dot in DOTS {
            let mut from = 0;
            while let Some(i) = text[from..].find(dot) {
                let at = from + i;
                from = at + dot.len();
                let name = text[..at]
                    .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .next()
                    .unwrap_or("");
                let tld = text[from..]
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .unwrap_or("");
                // "at proton dot me" is an address, counted by the contact scan.
                let address = dot.contains("dot")
                    && (text[..at].trim_end().ends_with(" at")
                        || text[..at.saturating_sub(name.len())]
                            .trim_end()
                            .ends_with(" at"));
                let bracketed = dot.starts_with(['[', '(']);
                // A space before a dot is also a slip before ".NET" or ".com": only names that
                // no sentence has (digits, hyphens) or a cheap top-level domain.
                let slipped = *dot == " ." && !(marked_name(name) || CHEAP_TLDS.contains(&tld));
                // Spaced dots are also sloppy punctuation ("I agree . me too"): with them, only
                // the top-level domains that are no English word.
                if !slipped && !address && (strong_tld(tld) || bracketed && known_tld(tld)) {
                    let broken = !bracketed && !dot.contains(['(', '[']);
                    add_split_link(name, tld, broken, s);
                }
            }
        }
    }
}

/// A top-level domain the link scans know, common or cheap.
fn known_tld(tld: &str) -> bool {
    KNOWN_TLDS.contains(&tld) || CHEAP_TLDS.contains(&tld)
}

/// A domain name that no sentence has: digits or a hyphen in it.
fn marked_name(name: &str) -> bool {
    name.bytes().any(|b| b.is_ascii_digit() || b == b'-')
}

/// Top-level domains that are no English word.
fn strong_tld(tld: &str) -> bool {
    matches!(
        tld,
        "com"
            | "co"
            | "net"
            | "org"
            | "info"
            | "biz"
            | "shop"
            | "xyz"
            | "top"
            | "online"
            | "site"
            | "store"
            | "vip"
            | "club"
            | "io"
            | "ru"
            | "cn"
            | "uk"
            | "br"
            | "pl"
            | "vn"
    )
}

/// Counts `name.tld`, written so that no link is made, as a link.
fn add_split_link(name: &str, tld: &str, broken: bool, s: &mut Signals) {
    if name.len() >= 3 && name.bytes().any(|b| b.is_ascii_alphabetic()) {
        s.links += 1;
        s.spaced_links += 1;
        s.broken_links += u32::from(broken);
        count_host(&format!("{name}.{tld}"), s);
    }
}

fn scan_spaced_links(text: &str, s: &mut Signals) {
    let mut word = String::new();
    let mut gap = false;
    let check = |word: &mut String, s: &mut Signals| {
        if word.len() >= 6
            && word.contains('.')
            && let Some(host) = link_host(word)
        {
            let host = host.to_string();
            s.links += 1;
            s.spaced_links += 1;
            s.broken_links += 1;
            count_host(&host, s);
        }
        word.clear();
    };
    for tok in text.split(' ') {
        let mut chars = tok.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_alphanumeric() || c == '.' => {
                if gap {
                    check(&mut word, s);
                }
                gap = false;
                word.push(c.to_ascii_lowercase());
            }
            // Two spaces: the end of a spelled-out word.
            (None, _) => gap = true,
            _ => {
                check(&mut word, s);
                gap = false;
            }
        }
    }
    check(&mut word, s);
}

/// Counts spin-syntax groups: `{` alternatives separated by `|` `}` with no other braces inside
/// and at most 80 bytes long.
fn count_spintax(raw: &str) -> u32 {
    let mut n = 0;
    let mut rest = raw;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find(['{', '}']) else {
            break;
        };
        let inner = &rest[..close];
        if rest[close..].starts_with('}')
            && close <= 80
            && inner.contains('|')
            && inner.split('|').all(|alt| !alt.trim().is_empty())
        {
            n += 1;
        }
    }
    n
}

fn scan_markup(raw: &str, s: &mut Signals) {
    if raw.contains('{') {
        s.spintax = count_spintax(raw);
    }
    if !raw.contains('<') && !raw.contains('[') {
        return;
    }
    let lower = raw.to_ascii_lowercase();
    s.html_anchors =
        lower.matches("<a href").count() as u32 + lower.matches("<a  href").count() as u32;
    s.bbcode_links = lower.matches("[url=").count() as u32 + lower.matches("[url]").count() as u32;
    s.script_markup = ["<script", "javascript:", "onerror=", "onload="]
        .iter()
        .map(|p| lower.matches(p).count() as u32)
        .sum();
    // A snippet a reader shares ("add <script src=…> to the header") does something; a probe
    // only shows that it ran.
    s.attack_probe |= s.script_markup > 0
        && ["alert(", "document.cookie", "prompt(", "confirm(", "print("]
            .iter()
            .any(|p| lower.contains(p));
}

/// Markup or SQL in a name field: no one is called `<svg/onload=…>` or `1' OR '1'='1`.
fn is_injection(name: &str) -> bool {
    // Every probe has markup, a quote, a bracket or a semicolon; names seldom do.
    if !name.bytes().any(|b| b"<'\"(;=-".contains(&b)) {
        return false;
    }
    let n = name.to_ascii_lowercase();
    n.contains('<') && n.contains('>')
        || [
            "' or ",
            "\" or ",
            "or 1=1",
            "union select",
            "drop table",
            "sleep(",
            "'--",
            ";--",
            "javascript:",
        ]
        .iter()
        .any(|p| n.contains(p))
}

fn digits_of(s: &str) -> usize {
    s.bytes().filter(|b| b.is_ascii_digit()).count()
}

/// `text` with the letter `o` read as a zero inside numbers written with it ("+1-8o8-2o4-3166"):
/// tokens of digits, separators and `o` only, with at least four digits. Same byte offsets.
fn fold_phone_lookalikes(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    // 'o' for 0 and 'l' for 1: "+34 9O1 55O 327", "Ring 0911 4l8 225".
    let letter = |c: u8| c == b'o' || c == b'l';
    let has = b.windows(2).any(|w| {
        (w[0].is_ascii_digit() && letter(w[1])) || (letter(w[0]) && w[1].is_ascii_digit())
    });
    if !has {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = b.to_vec();
    // Whitespace-separated tokens made of digits, 'o' and phone punctuation, each with a digit;
    // a run of them is one number ("+34 9o1 55o 327", "8 (9oo) 347-21-55").
    let phoneish = |tok: &[u8]| {
        tok.iter().any(u8::is_ascii_digit)
            && tok
                .iter()
                .all(|c| c.is_ascii_digit() || b"ol+-.()".contains(c))
    };
    let mut group: Option<(usize, usize, usize, bool)> = None; // start, end, digits, has 'o' or 'l'
    let fold = |g: Option<(usize, usize, usize, bool)>, out: &mut Vec<u8>| {
        if let Some((a, z, digits, has_o)) = g
            && has_o
            && digits >= 4
        {
            for c in &mut out[a..z] {
                match *c {
                    b'o' => *c = b'0',
                    b'l' => *c = b'1',
                    _ => {}
                }
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        let j = b[i..]
            .iter()
            .position(|c| c.is_ascii_whitespace())
            .map_or(b.len(), |p| i + p);
        // "+1-8O8-5OO-2O19," : the punctuation after a number is not part of it.
        let mut j = j;
        while j > i && b",;:!?".contains(&b[j - 1]) {
            j -= 1;
        }
        let tok = &b[i..j];
        if phoneish(tok) {
            let digits = tok.iter().filter(|c| c.is_ascii_digit()).count();
            let has_o = tok.iter().any(|&c| letter(c));
            group = Some(match group {
                Some((a, _, d, o)) => (a, j, d + digits, o || has_o),
                None => (i, j, digits, has_o),
            });
            // Punctuation cut off the end of the token ends the number.
            if j < b.len() && !b[j].is_ascii_whitespace() {
                fold(group.take(), &mut out);
            }
        } else if !tok.is_empty() {
            fold(group.take(), &mut out);
        }
        i = j + 1;
    }
    fold(group.take(), &mut out);
    // Only ASCII letters were replaced by ASCII digits: still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// Whether `w` is a digit written as a word, in the languages whose spam spells numbers out
/// ("zero eight one, six two two…", "không chín tám…", normalised without accents).
fn is_digit_word(w: &str) -> bool {
    // By length first: each word is compared only with the few of its own length.
    match w.len() {
        2 => matches!(w, "oh" | "um" | "un" | "ba"),
        3 => matches!(
            w,
            "one"
                | "two"
                | "six"
                | "nol"
                | "zro"
                | "uno"
                | "mot"
                | "dos"
                | "dua"
                | "hai"
                | "bon"
                | "nam"
                | "sau"
                | "bay"
                | "tam"
        ),
        4 => matches!(
            w,
            "zero"
                | "cero"
                | "four"
                | "five"
                | "nine"
                | "satu"
                | "dois"
                | "tres"
                | "tiga"
                | "lima"
                | "cinq"
                | "seis"
                | "enam"
                | "sete"
                | "sept"
                | "ocho"
                | "oito"
                | "huit"
                | "nove"
                | "neuf"
                | "chin"
                | "deux"
        ),
        5 => matches!(
            w,
            "three"
                | "seven"
                | "eight"
                | "khong"
                | "trois"
                | "cinco"
                | "empat"
                | "siete"
                | "tujuh"
                | "nueve"
        ),
        6 => matches!(w, "cuatro" | "quatro" | "quatre"),
        7 => matches!(w, "delapan"),
        8 => matches!(w, "sembilan"),
        _ => false,
    }
}

/// Phone numbers disguised to get past a filter, counted as phones and as a disguise: digits
/// split by symbols or spaced one by one ("06 ☆ 12 ☆ 45", "0 5 3 2 • 4 1 8", "(11) 9 8 7 4 2 -
/// 0 3 1 5"). Other scripts' digits were folded to ASCII by normalisation; digits spelled out
/// are counted by [`scan_words`].
fn scan_disguised_numbers(text: &str, s: &mut Signals) {
    if text.bytes().filter(u8::is_ascii_digit).count() < 9 {
        return;
    }
    let mut found = 0u32;
    // Disguised numbers the plain phone scan did not already count.
    let mut new_phones = 0u32;
    let known = s.phone_at.clone();
    // Runs of digits whose separators hold no letters, at most four characters apart. A run is
    // a disguised number when it holds 9 to 15 digits, at least three groups of one or two
    // digits, and either a symbol between digits ("☆", "•", an emoji) or five digits spaced one
    // by one. Times, sums and prices break a run (":", "=", "*", "%", currency signs); a count
    // ("1 2 3 4 5 6 7 8 9") is not a number.
    let mut run: Vec<u8> = Vec::new();
    let mut groups: Vec<u32> = Vec::new();
    let mut odd = false;
    let mut spaced = false;
    let mut joined = false;
    let mut gap = 0u32;
    let mut start = 0usize;
    let mut flush = |run: &[u8],
                     groups: &[u32],
                     (odd, spaced): (bool, bool),
                     span: (usize, usize),
                     s: &mut Signals| {
        let short = groups.iter().filter(|&&g| g <= 2).count();
        let singles = groups.iter().filter(|&&g| g == 1).count();
        let counting = run.windows(2).all(|w| w[1] == w[0] + 1);
        if (9..=15).contains(&run.len())
            && (odd && short >= 2 || spaced && singles >= 5 && short >= 3)
            && !counting
        {
            found += 1;
            if !known.iter().any(|&k| k + 2 >= span.0 && k < span.1) {
                new_phones += 1;
                if s.phone_at.len() < 4 {
                    s.phone_at.push(span.0);
                }
            }
        }
    };
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), 'a')))
    {
        // Digits inside a link are an article or video id.
        let in_link = c.is_ascii_digit() && s.link_spans.iter().any(|&(a, e)| (a..e).contains(&i));
        if c.is_ascii_digit() && !in_link {
            if run.is_empty() {
                start = i;
            }
            // "2.4.18", "192.168.1.1", "1,007.43": a dot or comma between digits keeps a version,
            // an address or an amount one group.
            if groups.is_empty() || (gap > 0 && !(gap == 1 && joined)) {
                groups.push(0);
            }
            joined = false;
            if let Some(g) = groups.last_mut() {
                *g += 1;
            }
            run.push(c as u8 - b'0');
            gap = 0;
        } else if run.is_empty() {
            continue;
        } else if c.is_alphanumeric() || in_link || gap >= 4 || ":=*%$€£¥₹₦₽₩₪₺฿₫".contains(c)
        {
            flush(&run, &groups, (odd, spaced), (start, i), s);
            run.clear();
            groups.clear();
            (odd, spaced, joined, gap) = (false, false, false, 0);
        } else {
            joined = gap == 0 && (c == '.' || c == ',');
            gap += 1;
            odd |= !c.is_ascii();
            spaced |= c == ' ';
        }
    }
    s.phones += new_phones;
    s.disguised_numbers += found;
}

/// Addresses written out to dodge filters: "name @ gmail dot com", "name at gmail dot com".
const SPELLED_EMAIL: &[&str] = &[
    "(at)",
    "[at]",
    "{at}",
    " at proton dot",
    " at outlook dot",
    " at yahoo dot",
    " at hotmail dot",
    "@ gmail",
    "at gmail dot",
    "gmail dot com",
    "@ yahoo",
    "yahoo dot com",
    "@ outlook",
    "outlook dot com",
    "hotmail dot com",
    "@ proton",
    "proton dot me",
];

fn scan_contact(text: &str, s: &mut Signals) {
    // Every spelled-out address has "@ ", " dot " or a bracketed "at": one pass over the bytes
    // instead of one search per pattern.
    let maybe = text.as_bytes().windows(4).any(|w| {
        w[0] == b'@' && w[1] == b' '
            || w[0] == b'a' && w[1] == b't' && (w[2] == b')' || w[2] == b']')
            || w == b" dot"
    });
    if maybe && SPELLED_EMAIL.iter().any(|p| text.contains(p)) {
        s.emails += 1;
    }
    let folded = fold_phone_lookalikes(text);
    let text: &str = &folded;
    let b = text.as_bytes();
    // Phone numbers: a run of digits and separators holding 10 to 15 digits.
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit() || b[i] == b'+' || b[i] == b'(';
        if !starts {
            i += 1;
            continue;
        }
        // Digits inside a link are an article or video id, not a number to call.
        if let Some(&(_, end)) = s.link_spans.iter().find(|&&(a, e)| (a..e).contains(&i)) {
            i = end;
            continue;
        }
        let boundary = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if !boundary {
            i += 1;
            continue;
        }
        let start = i;
        let mut last_digit = i;
        let mut seps = 0;
        while i < b.len()
            && (b[i].is_ascii_digit() || matches!(b[i], b' ' | b'-' | b'.' | b'(' | b')' | b'+'))
        {
            if b[i].is_ascii_digit() {
                last_digit = i;
                seps = 0;
            } else if b[i] == b' ' && (b[i - 1] == b'(' || b.get(i + 1) == Some(&b')')) {
                // A space just inside brackets ("+1-855-( 738 )-2784") pads; it separates nothing.
            } else {
                // Three separators in a row end the number ("12 - 15" has two: kept apart below).
                seps += 1;
                if seps > 2 || (seps == 2 && b[i] != b'(' && b[i - 1] != b')') {
                    break;
                }
            }
            i += 1;
        }
        let run = &text[start..=last_digit.max(start)];
        let n = digits_of(run);
        let followed_by_alnum = last_digit + 1 < b.len() && b[last_digit + 1].is_ascii_alphabetic();
        let is_decimal = run.contains('.') && !run.contains(' ') && !run.contains('-') && n < 12;
        // Nine digits in three or more groups is a number in Spain, Portugal, Poland and
        // elsewhere ("612 44 81 93"); a sum written with spaces ends in "000".
        let nine_grouped = n == 9
            && run.split([' ', '-', '.']).filter(|g| !g.is_empty()).count() >= 3
            && !run.ends_with("000");
        if ((10..=15).contains(&n) || nine_grouped) && !followed_by_alnum && !is_decimal {
            s.phones += 1;
            if s.phone_at.len() < 4 {
                s.phone_at.push(start);
            }
            let d: String = run
                .bytes()
                .filter(u8::is_ascii_digit)
                .map(char::from)
                .collect();
            let d = d.strip_prefix('1').unwrap_or(&d);
            let d = d
                .strip_prefix("44")
                .map(|r| format!("0{r}"))
                .unwrap_or_else(|| d.to_string());
            if [
                "800", "888", "877", "866", "855", "844", "833", "0800", "0808",
            ]
            .iter()
            .any(|p| d.starts_with(p))
            {
                s.tollfree_phone = true;
            }
        }
        i = i.max(start + 1);
    }
    scan_disguised_numbers(text, s);
    // Short codes: "to 87121", "text 69696".
    let mut prev = "";
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if matches!(prev, "to" | "txt" | "text" | "sms" | "send")
            && (4..=6).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_digit())
        {
            s.short_codes += 1;
        }
        prev = w;
    }
    // E-mail addresses, handles, hashtags, crypto addresses: per whitespace token.
    let words: Vec<&str> = text.split_whitespace().collect();
    for (n, &tok) in words.iter().enumerate() {
        // "Telegram:@name", "飞机:@name": the handle after a label written without a space.
        let tok = if tok.len() > 3 && tok.as_bytes()[1..].contains(&b'@') {
            tok.rfind(":@").map_or(tok, |k| &tok[k + 1..])
        } else {
            tok
        };
        let tok =
            tok.trim_matches(|c: char| !(c.is_alphanumeric() || c == '@' || c == '_' || c == '#'));
        let tag = tok
            .strip_prefix('@')
            .map(|t| (t, true))
            .or_else(|| tok.strip_prefix('#').map(|t| (t, false)));
        if let Some((name, is_handle)) = tag {
            // "what @sarah_k said upthread", "@tom_b is right": another reader quoted, not an
            // account advertised.
            let next = |k: usize| {
                words
                    .get(n + k)
                    .map_or("", |w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            };
            let referenced = is_handle
                && (matches!(
                    next(1),
                    "said" | "says" | "wrote" | "mentioned" | "posted" | "upthread"
                ) || (next(1) == "is" && matches!(next(2), "right" | "correct" | "wrong")));
            if name.chars().filter(|c| c.is_alphanumeric()).count() >= 3 && !name.contains('@') {
                if is_handle && (n == 0 || referenced) {
                    s.reply_mention = true;
                } else if is_handle {
                    s.handles += 1;
                } else {
                    s.hashtags += 1;
                }
                // The account a comment replies to (its first word) is the addressee, not an
                // account the comment advertises: "@financewithsharan please share the sheet".
                let addressee = is_handle && (n == 0 || referenced);
                if !addressee && FINANCE_TAGS.iter().any(|k| name.contains(k)) {
                    s.finance_handles += 1;
                }
                let parts = name
                    .split(['_', '.'])
                    .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                    .count();
                if parts >= 2 && !(is_handle && referenced) {
                    s.name_handles += 1;
                }
            }
        } else if let Some((local, domain)) = tok.split_once('@')
            && !local.is_empty()
            && domain.contains('.')
            && domain.len() > 3
        {
            s.emails += 1;
            s.webmail_emails += u32::from(WEBMAIL.iter().any(|w| {
                domain.len() > w.len()
                    && domain.starts_with(w)
                    && domain.as_bytes()[w.len()] == b'.'
            }));
        }
        if is_crypto_address(tok) {
            s.crypto_addresses += 1;
        }
    }
    scan_phrases(text, s);
    s.health_claims = health_claims(text, s.body_readings > 0);
}

/// `text[start..end]` widened by `margin` bytes on each side, to character boundaries.
pub(crate) fn around(text: &str, start: usize, end: usize, margin: usize) -> &str {
    let mut lo = start.saturating_sub(margin).min(text.len());
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (end + margin).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    &text[lo..hi]
}

/// Search engines, for [`search_engine_bait`].
const ENGINES: &[&str] = &[
    "google",
    "гугл",
    "yandex",
    "яндекс",
    "谷歌",
    "百度",
    "구글",
    "bing",
];

/// Titles before a name in scam testimonials ("Mrs Catherine Doyle", "Mr. James Harold").
const HONORIFICS: &[&str] = &[
    "mrs",
    "mrs.",
    "mr",
    "mr.",
    "madam",
    "ms.",
    "sir",
    "signor",
    "signora",
    "sig.",
    "sig.ra",
    "señor",
    "señora",
    "sr.",
    "sra.",
    "senhor",
    "senhora",
    "herr",
    "frau",
    "monsieur",
    "madame",
    "mme",
    "господин",
    "госпожа",
    "bapak",
    "ibu",
];

/// "Type \"lean belly ritual\" on Google", "bei Google „…“ eingeben": a search engine's name
/// with a verb of searching or typing a few words before or after it.
fn search_engine_bait(text: &str, start: usize, end: usize) -> bool {
    const VERBS: &[&str] = &[
        "type",
        "search",
        "look up",
        "eingeben",
        "suchen",
        "suche",
        "busca",
        "buscar",
        "procura",
        "pesquisa",
        "cherche",
        "tape",
        "cerca",
        "zoek",
        "wpisz",
        "szukaj",
        "cari",
        "ketik",
        "ara",
        "ищи",
        "введи",
        "наберите",
        "搜索",
        "검색",
        "tim",
    ];
    let near = around(text, start, end, 60);
    VERBS.iter().any(|v| {
        near.match_indices(v).any(|(j, _)| {
            let before = near[..j].chars().next_back();
            let after = near[j + v.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric() || v.len() > 3)
        })
    })
}

/// Ailments that supplement adverts promise to cure, in several languages ("knee pain",
/// "dolor de rodillas", "asam urat"). Readers talk about them too: they only count beside a
/// product and where to buy it.
const HEALTH_PROBLEMS: &[&str] = &[
    "knee pain",
    "joint pain",
    "back pain",
    "arthritis",
    "neuropathy",
    "blood sugar",
    "diabetes",
    "prostate",
    "tinnitus",
    "belly fat",
    "anxiety",
    "insomnia",
    "erectile",
    "hair loss",
    "varicose",
    "dolor de rodillas",
    "dolor articular",
    "dor nas articulacoes",
    "dor no joelho",
    "gelenkschmerzen",
    "knieschmerzen",
    "dolore alle ginocchia",
    "douleurs articulaires",
    "gewrichtspijn",
    "bol stawow",
    "problemy s klouby",
    "eklem agrisi",
    "seker hastasi",
    "боли в суставах",
    "біль у суглобах",
    "простатит",
    "asam urat",
    "gula darah",
    "darah tinggi",
    "kencing manis",
    "血糖",
    "関節痛",
    "糖尿",
    "관절",
    "혈당",
    "ปวดเข่า",
    "เบาหวาน",
    "shugar",
    "sugar level",
    "glicemia",
    "glucemia",
    "blutzucker",
];

/// Remedies sold by testimonial ("drops", "capsules", "gummies"), in several languages.
const HEALTH_PRODUCTS: &[&str] = &[
    "drops",
    "capsules",
    "gummies",
    "supplement",
    "supplements",
    "herbal tea",
    "serum",
    "cream",
    "druppels",
    "tropfen",
    "kapseln",
    "gotas",
    "gocce",
    "capsulas",
    "capsule",
    "kapsul",
    "kapsulleri",
    "kapky",
    "krople",
    "kapsulki",
    "капли",
    "капсулы",
    "краплі",
    "капсули",
    "jamu",
    "obat herbal",
    "herbal",
    "integratore",
    "suplemento",
    "nahrungserganzung",
    "complement alimentaire",
    "サプリ",
    "영양제",
    "ครีม",
    "churna",
];

/// Units of body weight, after a number ("23 lbs", "12 kg").
const WEIGHT_UNITS: &[&str] = &[
    "kg",
    "kgs",
    "kilo",
    "kilos",
    "kilogram",
    "kilograms",
    "kilogramos",
    "quilos",
    "lb",
    "lbs",
    "pounds",
    "pfund",
    "libras",
    "кг",
];

/// Spans of days or weeks, after a number ("in 5 weeks", "em 30 dias", "in 4 Wochen").
const SHORT_SPANS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "dias",
    "semanas",
    "tagen",
    "tage",
    "wochen",
    "jours",
    "semaines",
    "giorni",
    "settimane",
    "dagen",
    "weken",
    "dni",
    "tygodni",
    "hari",
    "minggu",
    "ngay",
    "tuan",
    "gun",
    "hafta",
    "дней",
    "дня",
    "недель",
    "недели",
    "month",
    "months",
    "mes",
    "meses",
    "monat",
    "monaten",
    "mois",
    "mese",
    "mesi",
    "maand",
    "maanden",
    "miesiace",
    "miesiecy",
    "bulan",
    "thang",
    "ay",
    "ayda",
    "месяц",
    "месяца",
    "месяцев",
    "mahine",
];

/// Measurements that supplement adverts promise to move ("blood sugar went from 240 to 110").
const BODY_READINGS: &[&str] = &[
    "blood sugar",
    "glucose",
    "a1c",
    "blood pressure",
    "blutzucker",
    "glicemia",
    "azucar en la sangre",
    "glycemie",
    "gula darah",
];

/// Claims of a body result in a short time, the hook of diet and supplement adverts: a weight
/// followed within a few words by days or weeks ("lost 23 lbs in 5 weeks", "-15kg in 4
/// Wochen", "emagreci 12 kg em 30 dias"), or a blood reading moved "from 240 to 110".
/// Readers report results too, so this only counts beside a way to buy (see the rules).
fn health_claims(text: &str, readings: bool) -> u32 {
    let b = text.as_bytes();
    // A number, optional space, then one of `units` as a whole word; returns the end.
    let unit_after = |end: usize, units: &[&str]| -> Option<usize> {
        let mut k = end;
        if b.get(k) == Some(&b' ') {
            k += 1;
        }
        units.iter().find_map(|u| {
            let e = k + u.len();
            (text.get(k..e) == Some(u)
                && text[e..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric()))
            .then_some(e)
        })
    };
    let numbers = || {
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
                let start = i;
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
                    i += 1;
                }
                out.push((start, i));
            } else {
                i += 1;
            }
        }
        out
    };
    if !b.iter().any(u8::is_ascii_digit) {
        return 0;
    }
    let nums = numbers();
    let mut n = 0;
    for (k, &(start, end)) in nums.iter().enumerate() {
        // The span after the weight ("12 kg em 30 dias") or before it ("2 ayda 17 kilo").
        if let Some(after_unit) = unit_after(end, WEIGHT_UNITS)
            && (nums[k + 1..]
                .iter()
                .take_while(|&&(s, _)| s <= after_unit + 30)
                .any(|&(_, e)| unit_after(e, SHORT_SPANS).is_some())
                || nums[..k]
                    .iter()
                    .rev()
                    .take_while(|&&(s, _)| s + 30 >= start)
                    .any(|&(_, e)| unit_after(e, SHORT_SPANS).is_some()))
        {
            n += 1;
        }
    }
    if readings {
        // "from 240 to 110": two numbers joined by "to" (or an arrow).
        n += nums
            .windows(2)
            .filter(|w| {
                let gap = text.get(w[0].1..w[1].0).unwrap_or("");
                matches!(gap.trim(), "to" | "a" | "para" | "auf" | "->" | "→" | "ke")
            })
            .count() as u32;
    }
    n
}

/// Which list a phrase of the shared automaton came from.
#[derive(Clone, Copy)]
enum Phrase {
    Messenger,
    Contact,
    Praise,
    MoneyUnit,
    SelfPromotion,
    MoneyOffer,
    Warning,
    Commerce,
    Template,
    PayRate,
    Pitch,
    ReaderPrompt,
    SearchBait,
    HealthProblem,
    HealthProduct,
    BodyReading,
    Honorific,
    SearchEngine,
    Clickbait,
    DotWord,
    SlippedDot,
}

/// "dot" in other languages, between a name and a top-level domain: "bet-bangla365 ডট com",
/// "guadagna-oggi punto it".
const DOT_WORDS: &[&str] = &[
    "punto",
    "ponto",
    "punkt",
    "kropka",
    "tecka",
    "nokta",
    "titik",
    "cham",
    "точка",
    "крапка",
    "点",
    "ডট",
    "डॉट",
    "ドット",
    "닷",
    "نقطة",
    "نقطه",
    "נקודה",
];

/// A space slipped in after the dot, before a top-level domain that no sentence starts with:
/// "softkeys. xyz".
const SLIPPED_DOTS: &[&str] = &[
    ". xyz", ". icu", ". buzz", ". cyou", ". sbs", ". cfd", ". tk", ". ml", ". gq", ". pw",
];

/// A link made of the words around `text[i..j]`, a "dot" word or a slipped dot: the name before
/// it and the top-level domain after it.
fn dot_word_link(text: &str, i: usize, j: usize, slipped: bool, s: &mut Signals) {
    let (name_end, tld_start) = if slipped {
        (i, i + 2)
    } else if text[..i].ends_with(' ') && text[j..].starts_with(' ') {
        (i - 1, j + 1)
    } else {
        return;
    };
    let tld = text[tld_start..]
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("");
    let name = text[..name_end]
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .next()
        .unwrap_or("");
    // A translated "dot" is also a word of the sentence ("en este punto es"): a name with
    // digits or a hyphen, or a top-level domain that is no word. A slipped dot must end the
    // top-level domain where the pattern ends ("xyz", not "xyzzy").
    let ok = if slipped {
        tld_start + tld.len() == j
    } else {
        strong_tld(tld) || marked_name(name) && known_tld(tld)
    };
    if ok && !tld.is_empty() {
        let known = s.domains.len();
        add_split_link(name, tld, true, s);
        s.distinct_domains += (s.domains.len() - known) as u32;
    }
}

/// Clickbait hooks, in the languages of the spam that uses them. See [`Signals::clickbait`].
const CLICKBAIT: &[&str] = &[
    "before it gets deleted",
    "before it's deleted",
    "before it is deleted",
    "before it gets removed",
    "before it's removed",
    "before it gets taken down",
    "before it's taken down",
    "before it gets banned",
    "before it's banned",
    "before it's gone",
    "before they delete",
    "before they take it down",
    "before they ban",
    "don't want you to see",
    "don't want you to know",
    "doesn't want you to know",
    "doctors can't explain",
    "doctors hate",
    "doctors are stunned",
    "doctors are shocked",
    "one weird trick",
    "you won't believe what",
    "antes de que lo borren",
    "antes de que lo eliminen",
    "antes que apaguem",
    "antes que excluam",
    "nao quer que voce veja",
    "no quieren que veas",
    "no quiere que sepas",
    "los medicos odian",
    "os medicos odeiam",
    "prima che lo cancellino",
    "prima che venga rimosso",
    "i medici odiano",
    "avant qu'il soit supprime",
    "avant qu'ils le suppriment",
    "les medecins detestent",
    "bevor es geloscht wird",
    "arzte sind schockiert",
    "arzte hassen",
    "пока не удалили",
    "пока не удалят",
    "врачи в шоке",
    "врачи скрывают",
    "sebelum dihapus",
    "dokter terkejut",
    "silinmeden once",
    "doktorlar saskin",
    "truoc khi bi xoa",
    "zanim usuna",
    "lekarze nienawidza",
    "voordat het verwijderd",
    "不想让你知道",
    "删除之前",
    "消される前に",
];

/// "Search for it on Google", in several languages. Readers say it too ("just google the
/// ruling"), so it only ever counts as where to buy beside a spam trade or claim.
const SEARCH_BAIT: &[&str] = &[
    "just google",
    "google it",
    "search on google",
    "search google for",
    "search it on google",
    "search it up",
    "look it up on google",
    "type in google",
    "type on google",
    "open google and type",
    "search on youtube",
    "search for it",
    "search for the official",
    "official website",
    "official site",
    "site oficial",
    "sitio oficial",
    "sitio web oficial",
    "procura no google",
    "pesquisa no google",
    "pesquise no google",
    "busca en google",
    "buscalo en google",
    "búscalo en google",
    "cari di google",
    "cari aja di google",
    "cari saja di google",
    "search di google",
    "einfach googeln",
    "googelt mal",
    "bei google suchen",
    "offizielle seite",
    "offizielle website",
    "cherchez sur google",
    "tapez sur google",
    "site officiel",
    "cerca su google",
    "sito ufficiale",
    "zoek op google",
    "wpisz w google",
    "google'da arat",
    "google'a yaz",
    "найди в гугле",
    "загугли",
    "ищите в гугле",
    "google पर सर्च",
    "tìm trên google",
    "ค้นหาใน google",
    "でググって",
    "で検索",
    "谷歌搜索",
    "百度搜索",
    "구글에 검색",
    "검색하세요",
    "worth a search",
    "look them up",
    "look it up",
    "search for",
    "busquenlo en google",
    "buscalo",
    "busquenlo",
    "mal googeln",
    "najit na internetu",
    "najdete na internetu",
    "dohledat na internetu",
    "di shopee",
    "di tokopedia",
    "di lazada",
    "ใน shopee",
    "ลองหาดู",
    "online te bestellen",
    "online bestellen",
    "ищи в гугле",
    "ищите в интернете",
    "検索して",
    "검색해 보세요",
    "google'da aratin",
    "cerca su internet",
    "cercatelo",
    "procurem no google",
    "procure no google",
];

const MONEY_UNITS: &[&str] = &[
    "usd", "dollars", "pounds", "euros", "btc", "usdt", "eth", "k profit", "grand",
];

/// One Aho-Corasick automaton over every phrase list: a single pass over the text instead of
/// one substring search per phrase.
fn phrases() -> &'static (Option<aho_corasick::AhoCorasick>, Vec<(Phrase, bool)>) {
    type Automaton = (Option<aho_corasick::AhoCorasick>, Vec<(Phrase, bool)>);
    static AC: std::sync::OnceLock<Automaton> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        let mut pats: Vec<String> = Vec::new();
        let mut kinds = Vec::new();
        // (list, kind, must the match sit between word boundaries?)
        for (list, kind, bounded) in [
            (MESSENGERS, Phrase::Messenger, false),
            // Names that also occur inside ordinary words ("Gonzalo") count only on their own.
            (
                &[
                    "zalo",
                    "zap",
                    "zapzap",
                    "hubungi wa",
                    "chat wa",
                    "nomor wa",
                    "no wa",
                    "on signal",
                    "signal:",
                    "vx",
                    "wx",
                ][..],
                Phrase::Messenger,
                true,
            ),
            (
                &[
                    "wa.me/",
                    "t.me/",
                    "t . me",
                    "line.me/",
                    "lin.ee/",
                    "open.kakao.com",
                    "chat.whatsapp.com",
                    "t(.)me",
                    "t[.]me",
                ][..],
                Phrase::Messenger,
                false,
            ),
            (CONTACT_PHRASES, Phrase::Contact, true),
            (PRAISE, Phrase::Praise, true),
            (MONEY_UNITS, Phrase::MoneyUnit, true),
            (SELF_PROMOTION, Phrase::SelfPromotion, true),
            (MONEY_OFFERS, Phrase::MoneyOffer, true),
            (WARNINGS, Phrase::Warning, true),
            (COMMERCE, Phrase::Commerce, true),
            (crate::trades::TRADES, Phrase::Commerce, true),
            (TEMPLATES, Phrase::Template, false),
            (PAY_RATES, Phrase::PayRate, true),
            (PITCHES, Phrase::Pitch, true),
            (PAY_RATES_SLASHED, Phrase::PayRate, false),
            (READER_PROMPTS, Phrase::ReaderPrompt, true),
            (READER_PROMPT_YEARS, Phrase::ReaderPrompt, false),
            (SEARCH_BAIT, Phrase::SearchBait, true),
            (HEALTH_PROBLEMS, Phrase::HealthProblem, true),
            (HEALTH_PRODUCTS, Phrase::HealthProduct, true),
            (BODY_READINGS, Phrase::BodyReading, true),
            (HONORIFICS, Phrase::Honorific, true),
            (ENGINES, Phrase::SearchEngine, false),
            (CLICKBAIT, Phrase::Clickbait, true),
            (DOT_WORDS, Phrase::DotWord, true),
            (SLIPPED_DOTS, Phrase::SlippedDot, false),
        ] {
            for p in list {
                // Matched against normalised text, so the phrase is normalised the same way.
                pats.push(crate::normalize::normalize_text(p));
                // Chinese, Japanese and Korean phrases sit inside longer runs of letters
                // ("兼职日结", "구독해주세요"): word boundaries apply only to the other scripts.
                let cjk = p.chars().any(|c| {
                    crate::normalize::is_unspaced(c) || ('\u{AC00}'..='\u{D7AF}').contains(&c)
                });
                kinds.push((kind, bounded && !cjk));
            }
        }
        // Fixed literals: building cannot fail in practice; `None` would only drop these signals.
        (aho_corasick::AhoCorasick::new(&pats).ok(), kinds)
    })
}

/// Free webmail providers: the first label of the address's domain ("gmail" in gmail.com,
/// "yahoo" in yahoo.co.jp).
const WEBMAIL: &[&str] = &[
    "gmail",
    "googlemail",
    "yahoo",
    "ymail",
    "hotmail",
    "outlook",
    "live",
    "msn",
    "aol",
    "icloud",
    "proton",
    "protonmail",
    "gmx",
    "mail",
    "yandex",
    "rambler",
    "bk",
    "inbox",
    "list",
    "ukr",
    "qq",
    "163",
    "126",
    "sina",
    "naver",
    "daum",
    "hanmail",
    "seznam",
    "wp",
    "o2",
    "interia",
    "libero",
    "rediffmail",
    "zoho",
    "tutanota",
    "web",
];

/// Double quotes and guillemets, which spammers put around a keyword ("“inbox” me") and which
/// would otherwise break a phrase apart.
const QUOTES: &[char] = &['"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{ab}', '\u{bb}'];

/// Apostrophes other than `'`.
const APOSTROPHES: &[char] = &['\u{2018}', '\u{2019}', '\u{02bc}'];

/// Whether an account name follows a messenger's name: "카톡 ID: money24", "Signal:
/// sweetjulia.88", "加微信 lunwen_daixie", "VX: zhengjian_666". A name has a digit, `_` or `.`
/// in it; "WhatsApp group" names nothing.
fn messenger_id_follows(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', ':', '：', '-', '/']);
    // "카톡 문의 ID: …", "微信咨询 …": "enquiries" between the messenger and the account.
    let rest = ["문의", "咨询", "联系", "号"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest)
        .trim_start_matches([' ', ':', '：', '-', '/']);
    let rest = rest
        .strip_prefix("id")
        .or_else(|| rest.strip_prefix("아이디"))
        .or_else(|| rest.strip_prefix("号"))
        .unwrap_or(rest)
        .trim_start_matches([' ', ':', '：', '-', '@']);
    let name: &str = rest
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    name.len() >= 4
        && name.bytes().any(|b| b.is_ascii_alphabetic())
        && name
            .bytes()
            .any(|b| b.is_ascii_digit() || b == b'_' || b == b'.')
}

fn scan_phrases(text: &str, s: &mut Signals) {
    let (Some(ac), kinds) = phrases() else { return };
    let unquoted;
    // Every quote in QUOTES and APOSTROPHES is '"' or starts with byte 0xC2, 0xCA or 0xE2: a
    // byte scan first.
    let maybe_quoted = text.bytes().any(|b| matches!(b, b'"' | 0xC2 | 0xCA | 0xE2));
    // Typographic apostrophes, as phone keyboards type them, read as "'": "it’s a scam",
    // "don’t". (Only here: the n-grams keep them.)
    let text = if maybe_quoted && (text.contains(QUOTES) || text.contains(APOSTROPHES)) {
        unquoted = text.replace(QUOTES, "").replace(APOSTROPHES, "'");
        unquoted.as_str()
    } else {
        text
    };
    let b = text.as_bytes();
    for m in ac.find_overlapping_iter(text) {
        let Some(&(kind, bounded)) = kinds.get(m.pattern().as_usize()) else {
            continue;
        };
        let (i, j) = (m.start(), m.end());
        // A Latin word against Chinese or Japanese ends there: "加vx", "飞机号@".
        let edge = |c: char, latin: bool| {
            !c.is_alphanumeric() || latin && crate::normalize::is_unspaced(c)
        };
        let before = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| edge(c, b[i].is_ascii()));
        let after = text[j..]
            .chars()
            .next()
            .is_none_or(|c| edge(c, b[j - 1].is_ascii()))
            || b[j - 1] == b':';
        if bounded && !(before && after) {
            continue;
        }
        match kind {
            Phrase::Messenger => {
                s.messengers += 1;
                if messenger_id_follows(&text[j..]) {
                    s.handles += 1;
                }
            }
            // "Do not DM them" warns readers off; it invites no one.
            Phrase::Contact if !negated(&text[..i]) => s.contact_phrases += 1,
            Phrase::Contact => {}
            Phrase::Praise => s.generic_praise += 1,
            Phrase::SelfPromotion => s.self_promotion += 1,
            Phrase::MoneyOffer => s.money_offers += 1,
            Phrase::Warning => s.warnings += 1,
            Phrase::Commerce => s.commerce += 1,
            Phrase::Template => s.templates += 1,
            Phrase::Pitch => s.pitches += 1,
            Phrase::ReaderPrompt => s.reader_prompts += 1,
            Phrase::SearchBait => s.search_bait += 1,
            Phrase::Clickbait => s.clickbait += 1,
            Phrase::DotWord => dot_word_link(text, i, j, false, s),
            Phrase::SlippedDot => dot_word_link(text, i, j, true, s),
            Phrase::HealthProblem => s.health_problems += 1,
            Phrase::HealthProduct => s.health_products += 1,
            Phrase::BodyReading => s.body_readings += 1,
            Phrase::Honorific => s.honorifics += 1,
            Phrase::SearchEngine if search_engine_bait(text, i, j) => s.search_bait += 1,
            Phrase::SearchEngine => {}
            // A rate of pay counts as a claim with a number a few characters either side.
            Phrase::PayRate => {
                let b = text.as_bytes();
                let (lo, hi) = (i.saturating_sub(20), (j + 20).min(b.len()));
                if b[lo..i].iter().any(u8::is_ascii_digit)
                    || b[j..hi].iter().any(u8::is_ascii_digit)
                {
                    s.earnings_claims += 1;
                }
            }
            Phrase::MoneyUnit => {
                if text[..i].trim_end().ends_with(|c: char| c.is_ascii_digit()) {
                    s.money_amounts += 1;
                }
            }
        }
    }
}

/// Words that turn the invitation right after them into a warning ("do not DM them", "never
/// message anyone who..."). Only the word immediately before counts: "don't hesitate to contact
/// him" is still an invitation.
const NEGATIONS: &[&str] = &[
    "not",
    "don't",
    "dont",
    "never",
    "no",
    "nobody",
    "doesn't",
    "won't",
    "shouldn't",
    "nie",
    "nicht",
    "не",
    "nunca",
];

/// Whether the last word of `before` is a negation.
fn negated(before: &str) -> bool {
    before.split_whitespace().next_back().is_some_and(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .replace('\u{2019}', "'");
        NEGATIONS.contains(&w.as_str())
    })
}

/// Counts `phrase` in `text` at word boundaries.
fn count_phrase(text: &str, phrase: &str) -> u32 {
    let mut n = 0;
    for (i, _) in text.match_indices(phrase) {
        let before = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = text[i + phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before && (after || phrase.ends_with(':')) {
            n += 1;
        }
    }
    n
}

fn is_crypto_address(tok: &str) -> bool {
    let len = tok.len();
    let alnum = tok.bytes().all(|b| b.is_ascii_alphanumeric());
    if !alnum {
        return false;
    }
    let has_digit = tok.bytes().any(|b| b.is_ascii_digit());
    let has_alpha = tok.bytes().any(|b| b.is_ascii_alphabetic());
    if tok.starts_with("0x") && len == 42 {
        return tok[2..].bytes().all(|b| b.is_ascii_hexdigit());
    }
    if tok.starts_with("bc1") && (42..=62).contains(&len) {
        return has_digit;
    }
    // Legacy Bitcoin (`1…`, `3…`) and Tron (`T…`) addresses are Base58, which has no `0`. The
    // text is case-folded here, so the letters Base58 leaves out in one case (`O`, `I`, `l`)
    // still appear in the other and cannot be used to tell.
    let digits = tok.bytes().filter(|b| b.is_ascii_digit()).count();
    ((tok.starts_with('1') || tok.starts_with('3')) && (26..=35).contains(&len)
        || tok.starts_with('t') && len == 34)
        && digits >= 2
        && has_alpha
        && !tok.contains('0')
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A word no one types to say something: a test ("test", "asdf"), a keyboard run ("asdfghjkl",
/// "qwerty"), a repeated consonant cluster ("sdfsdf"), or four or more different letters without
/// a vowel ("qwrtxvbnmpl"). Interjections ("hmmm", "grrr", "wkwkwk", "hahaha") use fewer
/// letters or a shorter repeat.
fn is_junk_word(w: &str) -> bool {
    if matches!(w, "test" | "testing" | "asdf" | "qwerty" | "asd") {
        return true;
    }
    let b = w.as_bytes();
    if b.len() < 4 || !b.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let vowel = |c: &u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut seen = [false; 26];
    for &c in b {
        seen[usize::from(c - b'a')] = true;
    }
    let distinct = seen.iter().filter(|&&x| x).count();
    if distinct >= 4 && !b.iter().any(vowel) {
        return true;
    }
    // Four keys in a row of the keyboard, either way ("asdf", "lkjh"): each letter's row and
    // place in it, a step of one place three times over.
    const KEYS: [(u8, i8); 26] = {
        let rows: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
        let mut t = [(0u8, 0i8); 26];
        let mut r = 0;
        while r < 3 {
            let mut i = 0;
            while i < rows[r].len() {
                t[(rows[r][i] - b'a') as usize] = (r as u8, i as i8);
                i += 1;
            }
            r += 1;
        }
        t
    };
    let key = |c: u8| KEYS[usize::from(c - b'a')];
    if b.windows(4).any(|q| {
        let k = [key(q[0]), key(q[1]), key(q[2]), key(q[3])];
        let step = k[1].1 - k[0].1;
        step.abs() == 1
            && k.windows(2)
                .all(|p| p[0].0 == p[1].0 && p[1].1 - p[0].1 == step)
    }) {
        return true;
    }
    // The shortest repeat that spells the word: "sdf" for "sdfsdf"; "wk" for "wkwkwk".
    let period = (1..=b.len() / 2)
        .find(|&p| b.len().is_multiple_of(p) && b.chunks(p).all(|c| c == &b[..p]))
        .unwrap_or(b.len());
    period >= 3 && period < b.len() && !b[..period].iter().any(vowel)
}

fn scan_words(text: &str, s: &mut Signals) {
    let mut seen: Vec<&str> = Vec::new();
    let mut repeats = 0u32;
    let mut single_run = 0u32;
    let mut arabizi = 0u32;
    let (mut junk, mut not_junk) = (0u32, 0u32);
    let (mut digit_words, mut longest_digit_words) = (0u32, 0u32);
    // Handles and hashtags are names people chose ("@d0pesaucee", "@kente44"), not words
    // disguised to get past a filter: they are left out of the leetspeak and gibberish checks.
    let tags: Vec<(usize, usize)> = text
        .split(' ')
        .filter(|t| t.starts_with(['@', '#']))
        .map(|t| {
            let at = t.as_ptr() as usize - text.as_ptr() as usize;
            (at, at + t.len())
        })
        .collect();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let at = w.as_ptr() as usize - text.as_ptr() as usize;
        let tagged = tags.iter().any(|&(a, b)| a < at && at < b);
        // In scripts without spaces a run is a phrase: count about two characters a word.
        let unspaced = if w.is_ascii() {
            0
        } else {
            w.chars()
                .filter(|&c| crate::normalize::is_unspaced(c))
                .count() as u32
        };
        s.words += (unspaced / 2).max(1);
        if s.words <= 400 {
            if seen.contains(&w) {
                repeats += 1;
            } else {
                seen.push(w);
            }
        }
        // A hashtag or handle is a name ("#mvrs"), not mash. Only short comments can be all mash.
        if s.words > 6 {
        } else if !tagged && is_junk_word(w) {
            junk += 1;
        } else if !w.bytes().all(|b| b.is_ascii_digit()) {
            not_junk += 1;
        }
        // Digits spelled out ("plus one, two zero nine, five five five…").
        if is_digit_word(w) {
            digit_words += 1;
            longest_digit_words = longest_digit_words.max(digit_words);
        } else if !matches!(w, "plus" | "double" | "triple") {
            digit_words = 0;
        }
        let wb = w.as_bytes();
        // Spaced-out letters.
        if wb.len() == 1 && wb[0].is_ascii_alphabetic() {
            single_run += 1;
        } else {
            if single_run >= 4 {
                s.spaced_runs += 1;
            }
            single_run = 0;
        }
        // Leetspeak: a look-alike digit between two letters.
        // Leetspeak and the Arabic chat alphabet need a digit among letters: most words have
        // none, and skip both checks.
        if wb.iter().any(u8::is_ascii_digit) && wb.iter().any(u8::is_ascii_alphabetic) {
            // Codes of two letters and a digit ("h1b", "a1c", "h1n1") name things; a disguised
            // word keeps at least three letters ("v1agra", "fr3e").
            let inner = wb.len() >= 4
                && wb.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 3
                && wb.windows(3).any(|t| {
                    t[0].is_ascii_alphabetic()
                        && b"013457".contains(&t[1])
                        && t[2].is_ascii_alphabetic()
                });
            let tail = wb
                .iter()
                .rposition(u8::is_ascii_alphabetic)
                .map_or(0, |p| wb.len() - p - 1);
            let letters = wb.iter().filter(|c| c.is_ascii_alphabetic()).count();
            // A trailing run counts only when it repeats one look-alike digit ("fr33", "g00d" is
            // caught above): an age or a year after a word ("im17", "mike13") is not disguise.
            let tail_digits = &wb[wb.len() - tail..];
            let leet_tail = tail >= 2
                && letters >= 2
                && b"013457".contains(&tail_digits[0])
                && tail_digits.iter().all(|&c| c == tail_digits[0]);
            if (inner || leet_tail) && !tagged {
                s.leet_words += 1;
            }
            // Arabic chat alphabet writes letters as 2, 3, 5, 7 and 9 ("ba2et", "3aleina", "7abibi"):
            // two words with a 2, 7 or 9 among letters mark the whole comment as written in it.
            arabizi += u32::from(
                wb.len() >= 3
                    && wb.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2
                    && wb.iter().enumerate().any(|(k, c)| {
                        b"279".contains(c)
                            && (k > 0 && wb[k - 1].is_ascii_alphabetic()
                                || k + 1 < wb.len() && wb[k + 1].is_ascii_alphabetic())
                    }),
            );
        }
        // Gibberish: long ASCII word without vowels, or 5+ consonants in a row.
        if !tagged && wb.len() >= 6 && w.is_ascii() && wb.iter().all(u8::is_ascii_alphabetic) {
            let mut run = 0;
            let mut max_run = 0;
            for &c in wb {
                run = if is_vowel(c) { 0 } else { run + 1 };
                max_run = max_run.max(run);
            }
            if max_run >= 5 || !wb.iter().any(|&c| is_vowel(c)) {
                s.gibberish_words += 1;
            }
        }
    }
    if single_run >= 4 {
        s.spaced_runs += 1;
    }
    if arabizi >= 2 {
        s.leet_words = 0;
    }
    s.junk_only = junk > 0 && not_junk == 0 && s.words <= 6;
    // Seven digit words in a row is a phone number spelled out to get past a filter.
    if longest_digit_words >= 7 {
        s.phones += 1;
        s.disguised_numbers += 1;
    }
    if s.words > 0 {
        s.word_repeat_ratio = repeats as f32 / s.words.min(400) as f32;
    }
    // Money amounts. The currencies written with a space before the number ("R$ 9.000",
    // "₱ 1,000", "₩ 50,000") may have one.
    let b = text.as_bytes();
    for (i, ch) in text.char_indices() {
        let spaced = matches!(
            ch,
            '₱' | '₺' | '₩' | '¥' | '₽' | '₦' | '₫' | '₴' | '₪' | '৳'
        ) || ch == '$' && i > 0 && b[i - 1] == b'r';
        if spaced || matches!(ch, '$' | '£' | '€' | '₹') {
            let mut next = i + ch.len_utf8();
            if spaced && b.get(next) == Some(&b' ') {
                next += 1;
            }
            let prev_digit = i > 0 && b[i - 1].is_ascii_digit();
            if next < b.len() && b[next].is_ascii_digit() || prev_digit {
                s.money_amounts += 1;
            }
        }
    }
}

/// A business speaking for itself ("we help businesses", "50% off this month", "free quote"):
/// with the business's site beside it, a pitch dressed as a comment.
/// A reader's call to the other readers about the page they are all on: a vote, a headcount, a
/// push for views. It promotes nothing of the writer's own ([`crate::rules`] checks that).
const READER_PROMPTS: &[&str] = &[
    "thumbs up if",
    "thumb up if",
    "thumbs up for",
    "like if you",
    "like if u",
    "like if ur",
    "like this if",
    "like this comment if",
    "upvote if",
    "who's still watching",
    "who is still watching",
    "whos still watching",
    "who's watching",
    "who is watching",
    "whos watching",
    "who else is watching",
    "who's still listening",
    "who is still listening",
    "anyone else here",
    "anybody else here",
    "share it and replay",
    "let's make it reach",
    "lets make it reach",
    "reach one billion",
    "reach 1 billion",
    "hit one billion",
    "hit 1 billion",
    "like si",
    "dale like si",
    "like si estás",
    "daumen hoch wenn",
    "daumen hoch, wenn",
    "pouce bleu si",
    "like se você",
    "curte se",
    "metti like se",
    "like jika",
];

/// The same, with a year after it ("still watching in 2015"): no word boundary after "20".
const READER_PROMPT_YEARS: &[&str] = &[
    "watching in 20",
    "watching this in 20",
    "watching it in 20",
    "watched it in 20",
    "listening in 20",
    "listen this in 20",
    "listening to this in 20",
    "still here in 20",
];

const PITCHES: &[&str] = &[
    "we help businesses",
    "we help companies",
    "we help brands",
    "we specialize in",
    "we specialise in",
    "our services",
    "our team of experts",
    "our products are",
    "are 50% off",
    "% off this month",
    "% off today",
    "% off this week",
    "great deals",
    "best deals",
    "cheapest price",
    "best price guaranteed",
    "free quote",
    "free consultation",
    "contact us today",
    "book now",
    "order now",
    "shop now",
    "would love to connect",
    "let's connect",
    "happy to help your business",
    "grow your business",
    "boost your sales",
    "rank higher on google",
    "first page of google",
    "our online shop",
    "our online store",
    "visit our shop",
    "download free on",
    "download it free",
    "free audit",
    "approval rate",
    "visa appointment",
    "early interview slots",
    "off-plan launches",
    "apply online today",
    "free seo audit",
    "seo issues",
    "hurting your google ranking",
    "presupuesto gratis",
    "sin compromiso",
    "orcamento gratis",
    "sem compromisso",
    "devis gratuit",
    "kostenloses angebot",
    "unverbindliches angebot",
    "preventivo gratuito",
    "no fee unless we win",
    "no win no fee",
    "free consultations",
    "for forum members",
    "just mention this thread",
    "submit your tracks",
    "first chapter free",
    "i do it for cheap",
    // The same pitch in other languages.
    "unserem online-shop",
    "unserem onlineshop",
    "in unserem shop",
    "wir bieten",
    "notre boutique",
    "nos services",
    "nuestra tienda",
    "nuestros servicios",
    "nossa loja",
    "nossos serviços",
    "il nostro negozio",
    "i nostri servizi",
    "onze webshop",
    "w naszym sklepie",
    "mağazamız",
    "toko kami",
    "layanan kami",
    "наш магазин",
    "наши услуги",
];

/// Rates of pay, in the languages of job-scam spam, matched as words.
const PAY_RATES: &[&str] = &[
    "an hour",
    "per hour",
    "a day",
    "per day",
    "a week",
    "per week",
    "a month",
    "per month",
    "pe zi",
    "pe luna",
    "por dia",
    "por mes",
    "por semana",
    "al giorno",
    "al mese",
    "par jour",
    "par mois",
    "am tag",
    "pro tag",
    "im monat",
    "pro monat",
    "pro woche",
    "par semaine",
    "a settimana",
    "w tygodniu",
    "haftada",
    "per minggu",
    "moi tuan",
    "dziennie",
    "miesiecznie",
    "per hari",
    "sehari",
    "moi ngay",
    "mot ngay",
    "gunde",
    "ayda",
    "в день",
    "в месяц",
    "в неделю",
    "на день",
    "за день",
    "на месяц",
    "την ημέρα",
    "τον μήνα",
    "kel yom",
    "yomeyan",
    "يوميا",
    "شهريا",
    "вдень",
    "วันละ",
    "일당",
    "하루",
    "월수입",
    "日赚",
    "日入",
    "月入",
    "日当",
];

/// Rates written after a slash ("$20/hr", "500k/ngày"), matched inside words.
const PAY_RATES_SLASHED: &[&str] = &["/hr", "/hour", "/day", "/week", "/month", "/ngay"];

fn scan_shape(raw: &str, s: &mut Signals) {
    let short_parts = |parts: &[&str], words: usize| {
        parts.iter().all(|p| {
            !p.is_empty() && p.split_whitespace().count() <= words && !p.ends_with(['.', '?', '!'])
        })
    };
    if raw.matches('|').count() >= 3 {
        let parts: Vec<&str> = raw.split('|').map(str::trim).collect();
        s.keyword_list = parts.len() >= 4 && short_parts(&parts, 6);
    } else if raw.matches(',').count() >= 3 {
        // "best dentist in miami, dental implants miami, cheap dentist miami, …": short
        // phrases, and nothing else, most of them repeating the same place or trade. A list of
        // things ("eggs, milk, flour, sugar") repeats no word.
        let parts: Vec<&str> = raw.split(',').map(str::trim).collect();
        if parts.len() >= 4 && short_parts(&parts, 5) {
            let lower: Vec<String> = parts.iter().map(|p| p.to_lowercase()).collect();
            s.keyword_list = lower[0]
                .split_whitespace()
                .chain(lower[1].split_whitespace())
                .filter(|w| w.chars().count() >= 4)
                .any(|w| {
                    lower
                        .iter()
                        .filter(|p| p.split_whitespace().any(|x| x == w))
                        .count()
                        >= 3
                });
        }
    }
    let mut upper = 0u32;
    let mut prev = '\0';
    let mut run = 0u32;
    for c in raw.chars() {
        if c.is_alphabetic() {
            s.letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
        if c == '!' {
            s.exclamations += 1;
        }
        if c == prev && !c.is_ascii_digit() && !c.is_whitespace() {
            run += 1;
            if run == 3 {
                s.repeat_runs += 1;
            }
        } else {
            run = 0;
        }
        prev = c;
    }
    if s.letters > 0 {
        s.caps_ratio = upper as f32 / s.letters as f32;
    }
}

/// Which keyword lists a word of an author name is on (one hash lookup instead of three scans).
#[derive(Clone, Copy, Default)]
struct WordKind {
    commercial: bool,
    name: bool,
    trade: bool,
}

fn word_kind(w: &str) -> WordKind {
    static KINDS: std::sync::OnceLock<std::collections::HashMap<&'static str, WordKind>> =
        std::sync::OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        let mut m: std::collections::HashMap<&'static str, WordKind> = Default::default();
        for &k in COMMERCIAL {
            m.entry(k).or_default().commercial = true;
        }
        for &k in NAME_WORDS {
            m.entry(k).or_default().name = true;
        }
        for &k in TRADE_WORDS {
            m.entry(k).or_default().trade = true;
        }
        m
    });
    kinds.get(w).copied().unwrap_or_default()
}

/// Whether an author's name poses as a platform's staff ("WordPress Team", "MetaMask Support",
/// "Security Admin").
fn is_staff_name(author: &str) -> bool {
    author.split(|c: char| !c.is_alphanumeric()).any(|w| {
        [
            "support",
            "team",
            "admin",
            "administrator",
            "security",
            "helpdesk",
            "moderator",
            "service",
        ]
        .iter()
        .any(|k| w.eq_ignore_ascii_case(k))
    })
}

fn scan_author(c: &Comment, s: &mut Signals) {
    s.author_staff = is_staff_name(&c.author);
    let url = c.url.trim().to_ascii_lowercase();
    if !url.is_empty() {
        s.author_url = true;
        let host = link_host(&url)
            .or_else(|| link_host(&format!("http://{url}")).map(|_| ""))
            .unwrap_or("");
        let host = if host.is_empty() {
            url.trim_start_matches("http://")
                .trim_start_matches("https://")
                .split(['/', '?', '#'])
                .next()
                .unwrap_or("")
        } else {
            host
        };
        let (domain, tld) = registrable_domain(host);
        s.author_url_commercial = has_commercial(&domain) || CHEAP_TLDS.contains(&tld.as_str());
        s.author_url_vice = commercial_match(&domain).is_some_and(|k| !MILD.contains(&k));
        if is_referral(&url) {
            s.referral_links += 1;
        }
        s.author_url_domain = domain;
    }
    s.attack_probe |= is_injection(&c.author);
    // "Jen (mortgage broker)", "Tomás Ruiz (electricista)": a capitalised name with the writer's
    // trade in brackets is how professionals sign. Link builders' anchor text leads with the
    // keyword, so only the name before the brackets is read for one.
    let author = signed_name(&c.author).unwrap_or(&c.author);
    let name = crate::normalize::normalize_text(author);
    if !name.is_empty() {
        s.author_name_is_url =
            name.contains("http") || name.contains("www.") || link_host(&name).is_some();
        let words: Vec<&str> = name
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // A strong commercial word ("casino", "essay") is enough. Shop and trade words are
        // also surnames ("Owen Price", "Seo", "Sam Cook"): they need a second keyword or a
        // name of three or more words ("emergency plumber Leeds").
        let is_kw = |w: &str| word_kind(w).commercial || word_kind(w).name || word_kind(w).trade;
        let keywords = words.iter().filter(|&&w| is_kw(w)).count();
        // A person's name is capitalised, or is one handle; a keyword phrase has lowercase
        // words ("emergency plumber Leeds").
        let raw: Vec<&str> = author.split_whitespace().collect();
        let phrase = raw.len() >= 3
            && raw.iter().any(|w| {
                w.chars().next().is_some_and(char::is_lowercase) && !PARTICLES.contains(w)
            });
        let single = words.iter().any(|&w| {
            (word_kind(w).name || word_kind(w).trade)
                && !(word_kind(w).commercial && whole_part_only(w))
        });
        // A trade and a place or brand that the website's domain repeats ("Mold Removal
        // Phoenix", phoenixmoldremovalpros.com): a business's anchor text.
        let domain = s.author_url_domain.replace('-', "");
        let echoed = words
            .iter()
            .any(|&w| word_kind(w).trade && !word_kind(w).commercial)
            && words
                .iter()
                .filter(|w| w.len() >= 4 && domain.contains(**w))
                .count()
                >= 2;
        let keyword = words
            .iter()
            .any(|&w| word_kind(w).commercial && !whole_part_only(w))
            || keywords >= 2
            || (single && phrase)
            || echoed
            || has_commercial(&name.replace([' ', '-'], ""))
            || {
                // A trade or offer in any language the phrase lists know ("Takipçi Satın Al",
                // "Snel Lenen", "Renda Extra", "nhà cái uy tín").
                let mut t = Signals::default();
                scan_phrases(&name, &mut t);
                t.commerce + t.money_offers > 0
            };
        s.author_name_keyword = keyword && (words.len() >= 2 || s.author_url);
    }
    let email = c.email.trim().to_ascii_lowercase();
    if let Some((_, domain)) = email.rsplit_once('@') {
        s.email_disposable = DISPOSABLE.contains(&domain);
    }
}

/// The name in "Name (trade)": one to three capitalised words before a closing bracketed part.
fn signed_name(author: &str) -> Option<&str> {
    let (head, rest) = author.split_once('(')?;
    if !rest.trim_end().ends_with(')') {
        return None;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    let capitalised = |w: &&str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.all(|c| c.is_lowercase() || matches!(c, '.' | '\'' | '-'))
    };
    ((1..=3).contains(&words.len()) && words.iter().all(capitalised)).then_some(head.trim())
}

fn bot_user_agent(ua: &str, ip: &str) -> bool {
    let ua = ua.to_ascii_lowercase();
    if ua.trim().is_empty() {
        return !ip.trim().is_empty();
    }
    [
        "curl/",
        "python-requests",
        "python-urllib",
        "wget/",
        "go-http-client",
        "java/",
        "libwww",
        "httpclient",
        "okhttp",
        "scrapy",
        "headlesschrome",
        "phantomjs",
    ]
    .iter()
    .any(|b| ua.contains(b))
}

/// Script family expected for a site language (ISO 639-1).
fn expected_script(lang: &str) -> Option<u8> {
    let l = lang.trim().to_ascii_lowercase();
    let l = l.split(['-', '_']).next().unwrap_or("");
    Some(match l {
        "" => return None,
        "ru" | "uk" | "bg" | "sr" | "mk" | "be" | "kk" | "ky" | "mn" => 1,
        "el" => 2,
        "ar" | "fa" | "he" | "ur" | "yi" | "ps" => 3,
        "zh" | "ja" | "ko" => 4,
        "hi" | "bn" | "th" | "ta" | "te" | "mr" | "gu" | "kn" | "ml" | "pa" | "si" | "my"
        | "km" | "lo" | "ka" | "hy" | "am" | "ne" => 5,
        _ => 0,
    })
}

fn script_mismatch(lang: &str, sc: &ScriptCounts) -> bool {
    let Some(want) = expected_script(lang) else {
        return false;
    };
    let counts = [sc.latin, sc.cyrillic, sc.greek, sc.rtl, sc.cjk, sc.other];
    let total: u32 = counts.iter().sum();
    if total < 10 {
        return false;
    }
    let (best, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|(_, n)| **n)
        .unwrap_or((0, &0));
    // Written in the site's language around quoted code, an error message or English terms
    // ("भाई, ये error क्यों आता है?"): 15% of the letters or more in the site's script is a
    // reader of the site. (Normalisation drops the vowel signs of the Indic scripts, so their
    // letters count short.)
    let wanted = counts.get(usize::from(want)).copied().unwrap_or(0);
    n * 10 >= total * 6 && best as u8 != want && wanted * 20 < total * 3
}

const STOP: &[&str] = &[
    "the", "and", "for", "that", "this", "with", "from", "have", "what", "your", "about", "will",
    "they", "their", "there", "been", "were", "into", "more", "than", "when", "which", "html",
    "www", "http", "https", "com", "says", "after", "over", "just", "news",
];

fn title_overlap(text: &str, title: &str, permalink: &str) -> Option<f32> {
    if title.trim().is_empty() && permalink.trim().is_empty() {
        return None;
    }
    let slug = permalink.rsplit('/').find(|p| !p.is_empty()).unwrap_or("");
    let source = format!(
        "{} {}",
        crate::normalize::normalize_text(title),
        slug.to_ascii_lowercase()
    );
    let words: Vec<&str> = source
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && !STOP.contains(w))
        .collect();
    if words.len() < 2 {
        return None;
    }
    let hits = words
        .iter()
        .filter(|w| count_phrase(text, w) > 0 || text.contains(*w))
        .count();
    Some(hits as f32 / words.len() as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn sig(content: &str) -> Signals {
        let c = Comment {
            content: content.to_string(),
            ..Comment::default()
        };
        sig_of(&c)
    }

    fn sig_of(c: &Comment) -> Signals {
        let n = normalize(&c.content);
        Signals::extract(c, &n.text, n.stats)
    }

    #[test]
    fn links_count_domains_and_ratio() {
        let s = sig(
            "Great post! Visit https://www.best-casino-bonus.xyz/promo and http://bit.ly/3xYz or cheap-pills.top",
        );
        assert_eq!(s.links, 3);
        assert_eq!(s.shorteners, 1);
        assert_eq!(s.cheap_tlds, 2);
        assert_eq!(s.commercial_domains, 2);
        assert_eq!(s.distinct_domains, 3);
        assert!(s.link_ratio > 0.3);
    }

    #[test]
    fn a_news_link_is_a_media_link() {
        let s = sig(
            "He said the opposite last year: https://www.bbc.co.uk/news/uk-politics-123456 so which is it?",
        );
        assert_eq!(s.links, 1);
        assert_eq!(s.media_links, 1);
        assert_eq!(s.domains, vec!["bbc.co.uk".to_string()]);
        let s = sig("Full speech here https://youtu.be/dQw4w9WgXcQ at 12:30");
        assert_eq!(s.media_links, 1);
    }

    #[test]
    fn gambling_and_loan_domains_in_other_languages_are_commercial() {
        for t in [
            "переходи по ссылке kazino-x.ru",
            "wejdź na pozyczka-teraz.pl",
            "tıklayın: www.bahis-bonus.xyz",
            "Jetzt beantragen auf kredit-sofort24.de",
        ] {
            assert_eq!(sig(t).commercial_domains, 1, "{t}");
        }
        for t in [
            "see judiciary.gov.uk",
            "the forecast on wetter.de",
            "essexlive.news",
        ] {
            assert_eq!(sig(t).commercial_domains, 0, "{t}");
        }
    }

    #[test]
    fn bare_messenger_and_shortener_links_count() {
        let s = sig("Crypto signals group with 95% accuracy, join now: t.me/pumpsignals");
        assert_eq!(s.links, 1);
        assert_eq!(s.messengers, 1);
        let s = sig("see t.co/Ab12Cd and wa.me/15551234567");
        assert_eq!(s.links, 2);
        assert_eq!(s.shorteners, 1);
        // A one-letter word before a full stop is still not a link.
        assert_eq!(sig("I got an A.me too").links, 0);
        assert_eq!(sig("plan b.it was late").links, 0);
    }

    #[test]
    fn abbreviations_and_prices_are_not_links() {
        let s = sig("e.g. the price went from 3.50 to 4.20, i.e. up 20%. etc.");
        assert_eq!(s.links, 0);
    }

    #[test]
    fn video_ids_in_links_are_not_leetspeak() {
        let s = sig("watch from 3:20 https://www.youtube.com/watch?v=8fRk2Lx0QpA");
        assert_eq!(s.leet_words, 0);
        assert_eq!(s.gibberish_words, 0);
    }

    #[test]
    fn referral_codes_in_links() {
        assert_eq!(
            sig("join me https://www.binance.com/en/register?ref=P9L9FQKY").referral_links,
            1
        );
        assert_eq!(
            sig("app: es-glzx.com/#/pages/login/register?invitecode=ubabjp").referral_links,
            1
        );
        assert_eq!(
            sig("my portfolio http://audiojungle.net/user/x/portfolio?ref=x").referral_links,
            1
        );
        // A shop's own navigation, an ordinary query, and the word in prose are not codes.
        assert_eq!(
            sig("got it here https://www.amazon.com/dp/B00MPPQHRI/ref=sr_1_7").referral_links,
            0
        );
        assert_eq!(
            sig("see https://example.org/search?q=ref&page=2").referral_links,
            0
        );
        assert_eq!(sig("does anyone have a referral code?").referral_links, 0);
        let mut c = Comment {
            content: "Your article helped me a lot, thanks!".into(),
            ..Comment::default()
        };
        c.url = "https://www.binance.com/en/register?ref=P9L9FQKY".into();
        assert_eq!(sig_of(&c).referral_links, 1);
    }

    #[test]
    fn numbers_and_addresses_written_to_dodge_filters() {
        let s = sig("call Coinbase customer support 24/7 at +1-8O8-2O4-3166 (toll free)");
        assert_eq!(s.phones, 1);
        assert_eq!(sig("the 2o22 season, top 10 of 2o23").phones, 0);
        assert_eq!(
            sig("they got my funds back. cybergeniewizard @ gmail dot com").emails,
            1
        );
        assert_eq!(sig("I use gmail, dot points are fine").emails, 0);
        assert_eq!(
            sig("<script>alert(document.cookie)</script>").script_markup,
            1
        );
    }

    #[test]
    fn readers_quoted_by_handle() {
        let s = sig("Totally agree with what @sunflower_sarah said upthread. #publicschools");
        assert_eq!((s.handles, s.name_handles), (0, 0));
        assert!(s.reply_mention);
        assert_eq!(sig("@tom_b is right about the fares").handles, 0);
        // An account pointed to is still a handle.
        let s = sig("I got $9,000 thanks to @hazel_mcewan, message her now");
        assert_eq!((s.handles, s.name_handles), (1, 1));
    }

    #[test]
    fn spelled_out_links() {
        let s = sig("v i s i t   b e s t l o a n s 2 4 . c o m   n o w");
        assert_eq!((s.links, s.spaced_links), (1, 1));
        assert!(s.commercial_domains >= 1);
        // Initials and a spelled-out word are not links.
        assert_eq!(sig("the U . S . A and N A T O said no").links, 0);
        assert_eq!(sig("she spelled it out: p a t i e n c e").links, 0);
    }

    #[test]
    fn ip_hosts_are_flagged() {
        assert_eq!(sig("login at http://185.234.72.19/verify now").ip_hosts, 1);
        // A loopback or private address in a config snippet is not a link at all.
        let s = sig("proxy_pass http://127.0.0.1:8080; or http://192.168.1.10/admin on the LAN");
        assert_eq!((s.links, s.ip_hosts), (0, 0));
    }

    #[test]
    fn html_and_bbcode_anchors() {
        let s = sig(
            r#"nice <a href="http://x.example/">cheap essays</a> [url=http://y.example]loans[/url]"#,
        );
        assert_eq!(s.html_anchors, 1);
        assert_eq!(s.bbcode_links, 1);
        // The addresses inside the markup are links too.
        assert_eq!(s.links, 2);
        assert_eq!(s.domains, ["x.example", "y.example"]);
        let s = sig(
            "[url=http://replica-watches.top]replica watches[/url] [url]www.pills.example[/url]",
        );
        assert_eq!(s.links, 2);
        assert_eq!(s.cheap_tlds, 1);
        assert_eq!(s.commercial_domains, 2);
        assert_eq!(sig("more at link:http://shop.example/x").links, 1);
    }

    #[test]
    fn phone_numbers_with_separators_and_tollfree() {
        let s = sig("Call Norton support now +1 (888) 555-0199 for help");
        assert_eq!(s.phones, 1);
        assert!(s.tollfree_phone);
        let s = sig("Call 09061743810 to claim your prize");
        assert_eq!(s.phones, 1);
        assert!(!s.tollfree_phone);
    }

    #[test]
    fn phone_numbers_with_look_alike_zeros_and_padded_brackets() {
        for t in [
            "Número de atención al cliente de Iberia +34 9O1 55O 327 para cambios de vuelo",
            "Купить диплом недорого. Звоните: 8 (9OO) 347-21-55",
            "QuickBooks Payroll Support Number +1-855-( 738 )-2784 | QuickBooks Error 15276",
            "Pôžička bez ručiteľa do 24 hodín! Volajte 0911 4l8 225",
            "Ennill £500 y dydd! WhatsApp +44 7l00 845 213",
        ] {
            assert_eq!(sig(t).phones, 1, "{t}");
        }
        // An 'o' beside a digit or two is a typo or a score, not a number in disguise.
        assert_eq!(
            sig("born in 199o, scored 9o in both tests, top 1o").phones,
            0
        );
        assert_eq!(sig("bought 2 10l tanks and 3 5l cans for 2024").phones, 0);
    }

    #[test]
    fn a_domain_with_a_grammatical_suffix_is_a_link() {
        let s = sig("En ucuz fiyatlar takipcimarket.com.tr'de!");
        assert_eq!(s.links, 1);
        assert_eq!(s.domains, vec!["takipcimarket.com.tr".to_string()]);
    }

    #[test]
    fn generic_praise_in_more_languages() {
        for t in [
            "Toller Beitrag, vielen Dank für die hilfreichen Infos!",
            "Ótimo post, muito bem explicado! Parabéns pelo conteúdo.",
            "Artikelnya sangat bermanfaat, terima kasih admin",
            "文章写得很好，支持一下！",
        ] {
            assert!(sig(t).generic_praise > 0, "{t}");
        }
        assert_eq!(
            sig("Der Beitrag ist falsch: die Zahlen stammen von 2019.").generic_praise,
            0
        );
    }

    #[test]
    fn ids_inside_links_are_not_phone_numbers() {
        let s = sig("the study: https://www.derstandard.at/story/2000123456/studie");
        assert_eq!(s.links, 1);
        assert_eq!(s.phones, 0);
        // A number next to a link still counts.
        assert_eq!(sig("www.example.com call 0161 496 0123").phones, 1);
    }

    #[test]
    fn styled_digits_in_phone_numbers_fold() {
        let s = sig("𝟏-𝟖𝟎𝟎-𝟓𝟓𝟓-𝟎𝟏𝟗𝟗 customer care");
        assert_eq!(s.phones, 1);
        assert!(s.tollfree_phone);
    }

    #[test]
    fn years_prices_and_dates_are_not_phones() {
        let s = sig(
            "In 2008 the deficit was $1,200,000,000 and on 12.03.2021 it doubled to 4.5 trillion",
        );
        assert_eq!(s.phones, 0);
    }

    #[test]
    fn short_codes() {
        assert_eq!(sig("Text WIN to 87121 to receive entry").short_codes, 1);
    }

    #[test]
    fn emails_handles_and_messengers() {
        let s = sig(
            "Contact her on WhatsApp +1 415 555 0134 or email agnes.fx@gmail.com, instagram @agnes_trades",
        );
        assert_eq!(s.emails, 1);
        assert_eq!(s.handles, 1);
        assert_eq!(s.finance_handles, 1);
        assert!(s.messengers >= 1);
        assert!(s.contact_phrases >= 1);
        assert_eq!(s.phones, 1);
    }

    #[test]
    fn reply_mentions_hashtags_and_name_handles() {
        let s = sig("@mike_r you are wrong about the tax rate");
        assert!(s.reply_mention);
        assert_eq!(s.handles, 0);
        let s = sig("she changed my life, reach her #hazel_mcewan or @lorissa.trades");
        assert_eq!(s.hashtags, 1);
        assert_eq!(s.handles, 1);
        assert_eq!(s.name_handles, 2);
        assert_eq!(s.finance_handles, 1);
        // The account replied to is not an advertised one; one named later in the text is.
        let s = sig("@financewithsharan please share the spreadsheet");
        assert!(s.reply_mention);
        assert_eq!(s.finance_handles, 0);
        assert_eq!(
            sig("@anna thanks to @financewithsharan I doubled my money").finance_handles,
            1
        );
    }

    #[test]
    fn quotes_do_not_break_a_contact_phrase() {
        assert_eq!(
            sig("funding six bands for first ten people to \u{201c}inbox\u{201d} me")
                .contact_phrases,
            1
        );
        assert_eq!(sig("\"DM\" me for details").contact_phrases, 1);
        assert_eq!(sig("she said \"contact\" and meant it").contact_phrases, 0);
    }

    #[test]
    fn contact_invitations_in_several_languages() {
        for t in [
            "Please write me at anna.lovely88@gmail.com",
            "Escríbeme al WhatsApp",
            "Schreib mir auf Telegram",
            "напиши мне в телеграм",
            "hubungi saya sekarang",
        ] {
            assert!(sig(t).contact_phrases > 0, "{t}");
        }
        for t in [
            "تواصل معي على واتساب",
            "liên hệ Zalo 0912 345 678",
            "微信 abc12345",
        ] {
            assert!(sig(t).messengers > 0, "{t}");
        }
        assert_eq!(sig("great goal by Gonzalo tonight").messengers, 0);
        // Phrases in scripts without word boundaries match inside longer runs.
        assert_eq!(
            sig("加我微信 abc12345 每天赚500元 兼职日结").money_offers,
            1
        );
        assert_eq!(sig("请大家订阅我的频道").self_promotion, 2);
        assert_eq!(sig("채널 구독해주세요").self_promotion, 1);
        assert_eq!(
            sig("I'll write more about this tomorrow").contact_phrases,
            0
        );
    }

    #[test]
    fn dm_me_is_a_contact_phrase() {
        assert_eq!(sig("I can help you recover it, DM me").contact_phrases, 1);
        // Negated invitations are warnings.
        for t in [
            "They are scammers, do not DM them or send money",
            "Don't message him, it's a bot",
            "never contact anyone who offers to get your funds back",
        ] {
            assert_eq!(sig(t).contact_phrases, 0, "{t}");
        }
        assert_eq!(
            sig("Don't hesitate to contact him, he got my funds back").contact_phrases,
            1
        );
        assert_eq!(sig("my dmv appointment").contact_phrases, 0);
    }

    #[test]
    fn crypto_addresses() {
        assert_eq!(
            sig("send to 0x52908400098527886E0F7030069857D2E4169EE7 today").crypto_addresses,
            1
        );
        assert_eq!(
            sig("btc: bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq").crypto_addresses,
            1
        );
        // Base58 addresses whose letters include `o`, `i` or `l` once case is folded.
        assert_eq!(
            sig("send 0.1 BTC to 1BoatSLRHtKNngkdXEeobR76b53LETtpyT now").crypto_addresses,
            1
        );
        assert_eq!(
            sig("usdt trc20 - tjo71k1yy6lrlyyjxys5baferzxwyqweug thank you").crypto_addresses,
            1
        );
        assert_eq!(sig("the year 1999 was fine").crypto_addresses, 0);
        assert_eq!(
            sig("thisisaverylongwordwithoutanydigitsatall").crypto_addresses,
            0
        );
    }

    #[test]
    fn spaced_letters_and_leetspeak() {
        let s = sig("play c a s i n o now and get fr33 v1agra");
        assert_eq!(s.spaced_runs, 1);
        assert_eq!(s.leet_words, 2);
        assert_eq!(sig("I think a b test is fine").spaced_runs, 0);
        // Ages and years written after a word are not leetspeak.
        assert_eq!(
            sig("hey, im17 years old, ask mike13 or jo2015").leet_words,
            0
        );
        // Nor are codes: visas, lab tests, flu strains.
        assert_eq!(
            sig("I have H1B, my wife H4, her A1C is fine, no H1N1").leet_words,
            0
        );
        assert_eq!(sig("s3xy ch3ap pr0n").leet_words, 3);
        // Nor is the Arabic chat alphabet.
        assert_eq!(
            sig("Wallahi el as3ar fe masr ba2et mesh ma3 2oula. Rabena yostor 3aleina").leet_words,
            0
        );
    }

    #[test]
    fn handles_are_names_not_disguised_words() {
        assert_eq!(sig("@d0pesaucee follow him on youtube").leet_words, 0);
        assert_eq!(sig("@kente44 this is how i feel").leet_words, 0);
        assert_eq!(sig("@xkcdfnrtz lol").gibberish_words, 0);
        // The same disguise in the text itself still counts.
        assert_eq!(sig("buy ch3ap v1agra @d0pesaucee").leet_words, 2);
    }

    #[test]
    fn shape_of_an_all_caps_rant() {
        let s = sig("THIS GOVERNMENT IS A DISGRACE!!!! RESIGN NOW");
        assert!(s.caps_ratio > 0.9);
        assert_eq!(s.exclamations, 4);
        assert_eq!(s.repeat_runs, 1);
        assert_eq!(s.links, 0);
    }

    #[test]
    fn gibberish_and_repetition() {
        let s = sig("xkcdqwrtz bnmvcxz buy buy buy buy");
        assert_eq!(s.gibberish_words, 2);
        assert!(s.word_repeat_ratio > 0.4);
    }

    #[test]
    fn words_of_unspaced_scripts_are_counted() {
        // Ten Han and kana characters are a sentence of several words, not one word.
        assert_eq!(sig("这首歌太好听了每天循环").words, 5);
        assert_eq!(sig("good song").words, 2);
    }

    #[test]
    fn self_promotion_and_money_offers_in_several_languages() {
        for t in [
            "Check out my channel for more covers!",
            "Everyone check my newest sound, tell me what you think",
            "Suscríbete a mi canal por favor",
            "Inscreva-se no meu canal, estou começando agora",
            "Abonniert meinen Kanal, ich mache auch Musik!",
            "Подпишитесь на мой канал, там много интересного!",
            "Iscriviti al mio canale per favore",
            "Use my code SAVE20 on the app to get $100 off",
            "Best prices, visit our website now.",
            "I covered this in more depth on my site, link in my name 👆",
            "Just click on my picture. Thanks, and thumbs up so others may see?",
            "I've used SurfGuard VPN for years, and they have 80% off this month with code NEWS80.",
        ] {
            assert!(sig(t).self_promotion > 0, "{t}");
        }
        for t in [
            "Gana dinero desde casa, escríbeme",
            "Заработок в интернете от 5000 рублей в день",
            "Zarabiaj 2000 zł tygodniowo w domu",
            "learn to make money online today",
            "ELON MUSK BTC GIVEAWAY 🚀 Send 0.1 BTC and receive 0.2 BTC back instantly!",
        ] {
            assert!(sig(t).money_offers > 0, "{t}");
        }
        assert!(
            sig("Earned $24,600 last month with him. His email: tlee.fx@gmail.com").contact_phrases
                > 0
        );
        assert_eq!(
            sig("Dad forgot his email password again").contact_phrases,
            0
        );
        assert_eq!(sig("got it for $20: amzn.to/3PqX9rT").shorteners, 1);
        // Readers talking about channels, money and wages.
        for t in [
            "The channel 4 documentary on this was better.",
            "Mi hermano gana muy poco dinero desde que cerraron la fábrica.",
            "Ich verdiene zu wenig, um hier eine Wohnung zu mieten.",
            "Средняя зарплата учителя не растёт уже пять лет.",
            "Does anyone know how much money the council spent on this?",
            "Does anyone have a referral code for the gym?",
            "Does anyone have a promo code that still works?",
            "I wrote about the same issue on my blog last year.",
        ] {
            let s = sig(t);
            assert_eq!((s.self_promotion, s.money_offers), (0, 0), "{t}");
        }
    }

    #[test]
    fn private_contact_and_home_earnings_in_more_languages() {
        for t in [
            "Vrei să câștigi bani din casă? Scrie-mi în privat și îți explic tot",
            "Việc làm online tại nhà. Inbox mình để được hướng dẫn nha",
            "Kumita kahit nasa bahay! PM lang po 😊",
            "רוצים להרוויח מהבית? שלחו לי הודעה בוואטסאפ",
            "スマホだけで稼げる副業、気になる方はDMください。",
        ] {
            assert!(sig(t).contact_phrases > 0, "{t}");
        }
        for t in [
            "Castiga bani de acasa, doar cu telefonul",
            "Kiếm thêm thu nhập tại nhà, việc nhẹ lương cao",
            "ঘরে বসে আয় করুন প্রতিদিন",
            "Κερδίστε χρήματα από το σπίτι, μόνο με το κινητό σας",
        ] {
            assert!(sig(t).money_offers > 0, "{t}");
        }
        for t in [
            "Need to catch a cheating partner? A professional hacker can access any phone.",
            "Designer handbags, mirror quality, same leather as the original.",
        ] {
            assert!(sig(t).commerce > 0, "{t}");
        }
        // Readers talking about remote work and side jobs.
        for t in [
            "Pracuję zdalnie od trzech lat i nie wróciłbym do biura.",
            "Mein Nebenjob im Café bringt kaum etwas ein.",
            "Làm việc tại nhà giúp tôi có thêm thời gian cho con.",
        ] {
            assert_eq!(sig(t).money_offers, 0, "{t}");
        }
    }

    #[test]
    fn disguised_phone_numbers() {
        for t in [
            "Appelez le 06 ☆ 12 ☆ 45 ☆ 78 ☆ 90",
            "Bilgi için WhatsApp: 0 5 3 2 • 4 1 8 • 7 7 • 2 1",
            "Chama no zap 👉 (11) 9 8 7 4 2 - 0 3 1 5",
            "Scrie-mi pe WhatsApp: 07 ✦ 45 ✦ 123 ✦ 456",
            "пишіть у вайбер: +380 ❾❺ 1 2 3 ❹ ❺ ❻ 7",
            "He is on whats app: plus one, two zero nine, five five five, zero one four seven.",
            "Liên hệ: không chín tám, một hai ba, bốn năm sáu bảy",
            "واتساب: +9 6 6 5 0 ٣ ٤ ٥ ٦ ٧ ٨ ٩",
        ] {
            let s = sig(t);
            assert!(s.disguised_numbers > 0 && s.phones == 1, "{t}: {s:?}");
        }
        for t in [
            "Call me on 07700 900123 when you land",
            "Prices rose 2.5%, 3.1% and 4.0% in 2022, 2023 and 2024.",
            "Final score 2-1 after extra time, 120 minutes of football.",
            "Kilo el lahma b 480 geneh, w el 3esh b 20, w el zeit b 95",
            "One, two, three, go!",
            "The bill went from 1,234,567 to 2,345,678 pounds.",
            "Elections • 2019 • 2021 • 2024 • what changed?",
        ] {
            assert_eq!(sig(t).disguised_numbers, 0, "{t}");
        }
    }

    #[test]
    fn earnings_claims() {
        for t in [
            "I'm making $95 an hour working from home",
            "Ich verdiene jetzt über 4.800 € im Monat von zu Hause",
            "Κερδίζω 300€ την ημέρα δουλεύοντας από το σπίτι",
            "Evden çalışarak günde 3.000 TL kazanıyorum",
            "재택부업 하루 2시간 일당 30만원 가능",
            "หารายได้เสริมทำที่บ้าน วันละ 1,000-3,000 บาท",
        ] {
            assert!(sig(t).earnings_claims > 0, "{t}");
        }
        assert_eq!(sig("An hour later the police arrived.").earnings_claims, 0);
    }

    #[test]
    fn messenger_ids_are_handles() {
        for t in [
            "급전 대출 당일 입금, 카톡 ID: money24",
            "hi handsome why you not reply me? i am waiting you on Signal: sweetjulia.88",
            "代写论文 加微信 lunwen_daixie",
            "办理各类证件 VX: zhengjian_666",
            "고수익 보장 재택알바! 카톡 아이디: job2026kr",
            "Подробности в ТГ: t . me / dogovor_match_vip",
            // An enquiry word between, a Latin messenger name against Chinese, a label
            // written without a space.
            "저신용 대출 가능, 카톡 문의 ID: loan7979",
            "高价收U，秒到账，加vx usdt_buy88",
            "USDT回收 诚信第一 飞机：@usdt_shou168",
        ] {
            assert!(sig(t).handles > 0, "{t}");
        }
        for t in [
            "My uncle met him in a WhatsApp group and lost everything",
            "Telegram: the app of choice for 2024 protests",
            "坐飞机去东京只要三个小时",
        ] {
            assert_eq!(sig(t).handles, 0, "{t}");
        }
    }

    #[test]
    fn junk_and_keyword_lists() {
        for t in [
            "asdfghjkl",
            "test",
            "sdfsdf test 123",
            "qwrtxvbnmpl",
            "fgfhgjhkjk",
            "test test 123",
        ] {
            assert!(sig(t).junk_only, "{t}");
        }
        for t in [
            "hmmmm",
            "wkwkwkwk",
            "hahahaha",
            "kkkkkk",
            "grrrr",
            "Salads!",
            "Test cricket is back",
            "typewriter",
            "ㅋㅋㅋ",
            "555",
        ] {
            assert!(!sig(t).junk_only, "{t}");
        }
        let c = Comment {
            content: "kitchen remodel near me | roof repair Dallas | water damage restoration Houston | emergency plumber 24/7".into(),
            ..Comment::default()
        };
        assert!(sig_of(&c).keyword_list);
        let c = Comment {
            content: "Polls: Labour 34 | Reform 29 | Tories 18. Make of that what you will.".into(),
            ..Comment::default()
        };
        assert!(!sig_of(&c).keyword_list);
        assert!(
            sig("best dentist in miami, dental implants miami, cheap dentist miami, emergency dentist miami open now")
                .keyword_list
        );
        for t in [
            "We need eggs, milk, flour, sugar and butter",
            "London, Paris, Berlin, Rome",
            "Well, honestly, I think, maybe, he is right about the budget",
        ] {
            assert!(!sig(t).keyword_list, "{t}");
        }
    }

    #[test]
    fn search_bait() {
        for t in [
            "Just google KetoSlim Burn official and thank me later.",
            "Procura no Google 'chá secabarriga site oficial'",
            "cari aja di google MAHJONG WAYS 2 terpercaya",
            "Type \"lean belly morning ritual\" on Google and watch it before it's gone.",
            "Einfach bei Google „Bauchfett Abend Trick\" eingeben",
        ] {
            assert!(sig(t).search_bait > 0, "{t}");
        }
        for t in [
            "Google has been fined again by the EU, about time.",
            "I typed this on my phone, sorry for the typos",
        ] {
            assert_eq!(sig(t).search_bait, 0, "{t}");
        }
    }

    #[test]
    fn health_claims_and_remedies() {
        for t in [
            "Lost 23 lbs in 5 weeks without changing my diet",
            "Emagreci 12 kg em 30 dias com o chá",
            "Abnehmen ohne Sport 🔥 -15kg in 4 Wochen",
            "Ben de 2 ayda 17 kilo verdim",
            "My dad's blood sugar went from 240 to 110 in 3 weeks",
        ] {
            assert!(sig(t).health_claims > 0, "{t}");
        }
        for t in [
            "The bridge takes 40 tonnes and was built in 3 years",
            "I cycled 12 km in 30 minutes this morning",
            "Blood sugar tests are free at the pharmacy this week",
        ] {
            assert_eq!(sig(t).health_claims, 0, "{t}");
        }
        let s = sig("My sister had knee pain for years until she tried these capsules");
        assert!(s.health_problems > 0 && s.health_products > 0);
    }

    #[test]
    fn betting_brands_in_domains() {
        for d in [
            "bet777br.com",
            "22bet.ng",
            "bet9ja.com",
            "sportsbetprotips.bet",
        ] {
            assert!(
                commercial_match(d).is_some_and(|k| !MILD.contains(&k)),
                "{d}"
            );
        }
        for d in [
            "alphabet.com",
            "diabetes.org.uk",
            "betterhomes.com",
            "tibetpost.net",
        ] {
            assert!(commercial_match(d).is_none(), "{d}");
        }
    }

    #[test]
    fn nine_digit_numbers_in_groups() {
        assert_eq!(sig("presupuesto gratis, 612 44 81 93").phones, 1);
        assert_eq!(sig("Ligue 912 345 678").phones, 1);
        assert_eq!(sig("The budget is 250 000 000 euros").phones, 0);
        assert_eq!(sig("Order 123456789 shipped").phones, 0);
    }

    #[test]
    fn split_domains() {
        for t in [
            "Bahis sitesi güncel giriş adresi: betkral512 . com",
            "Get 10k TikTok followers in 24h ➡ tiktokboost . shop",
            "Verify your account: wordpress-verify-support[.]com/appeal",
            "Visit: assignmenthelp-uk dot co dot uk",
            "Situs terpercaya, bonus new member 100% ➡️ bola-jitu88 .com",
            "write me on hotdates-local .xyz (remove the space)",
            // "dot" in other languages, a space after the dot, a bracketed dot before a
            // country's domain.
            "Apuestas con bono del 200%: apuestas-ya24 punto com",
            "Pinjaman cepat cair 5 menit di danacepat-88 titik com",
            "Займы без отказа: zaim-online24 точка ru",
            "Free license keys for all IDEs at devkeysfree. xyz",
            "دانلود رایگان نسخه کامل: soft-full(.)ir",
        ] {
            let s = sig(t);
            assert!(s.links >= 1 && s.spaced_links >= 1, "{t}");
        }
        for t in [
            "I agree . me too",
            "Good point . work is hard enough",
            "Write to hackmaster0 at proton dot me",
            "It costs 3 . 50 now",
            "It ended in a draw .so what",
            "Built with .NET and .com is taken",
            "En este punto es importante votar",
            "Went to the shop. shop owners were kind",
            "Open README.md and main.rs first",
        ] {
            assert_eq!(sig(t).spaced_links, 0, "{t}");
        }
    }

    #[test]
    fn money_amounts() {
        let s = sig("I invested $1000 and got $9,500 back, about 8000 usd profit");
        assert_eq!(s.money_amounts, 3);
        let s = sig("Comecei com R$ 200 e já tirei R$ 9.000, e ganhei ₱1,000 e ₩ 50,000");
        assert_eq!(s.money_amounts, 4);
        assert_eq!(sig("R$ para quem? $ nada").money_amounts, 0);
    }

    #[test]
    fn typographic_apostrophes_in_phrases() {
        assert!(sig("Beware, it’s a scam").warnings > 0);
        assert!(sig("doctors hate it: before it’s gone").clickbait > 0);
    }

    #[test]
    fn generic_praise() {
        assert!(sig("Very informative post, thanks for sharing!").generic_praise >= 2);
        assert_eq!(
            sig("The minister's post on taxes is wrong").generic_praise,
            0
        );
    }

    #[test]
    fn author_fields() {
        let c = Comment {
            content: "Nice article".into(),
            author: "Best Essay Writers".into(),
            url: "https://cheap-essay-help.online/order".into(),
            email: "x7kq@mailinator.com".into(),
            ..Comment::default()
        };
        let s = sig_of(&c);
        assert!(s.author_url);
        assert!(s.author_url_commercial);
        assert_eq!(s.author_url_domain, "cheap-essay-help.online");
        assert!(s.author_name_keyword);
        assert!(s.email_disposable);
        let c = Comment {
            content: "Nice".into(),
            author: "Mary Jones".into(),
            ..Comment::default()
        };
        assert!(!sig_of(&c).author_name_keyword);
        // Real names and personal sites that contain a short keyword.
        for (author, url) in [
            ("Klaus-Dieter", ""),
            ("Anand Pillai", "https://pillai.dev"),
            ("Seo-yeon Park", "https://seoulfoodie.kr"),
            ("Tom Hackett", "https://hackett.me"),
            ("Ann", "https://dieterschmidt.de"),
            ("Owen Price", "https://owenprice.net"),
            ("Mary Ann Price", ""),
            ("Ana de la Cruz Best", ""),
            // "ahmedsaleh" holds "meds" and "sale" only by sharing a letter.
            ("Ahmed Saleh", "https://salehspices.com"),
            // A professional signing with their trade in brackets.
            ("Dave (mortgage adviser)", "https://harbourmortgages.co.uk"),
            (
                "Lucía Gómez (abogada de extranjería)",
                "https://gomezabogados.es",
            ),
        ] {
            let c = Comment {
                content: "Nice".into(),
                author: author.into(),
                url: url.into(),
                ..Comment::default()
            };
            let s = sig_of(&c);
            assert!(
                !s.author_name_keyword && !s.author_url_commercial,
                "{author} {url}"
            );
        }
        for author in [
            "emergency plumber Leeds",
            "Packers and Movers Bangalore",
            "Mortgage Brokers Toronto",
            "Keto Gummies",
            "Kredit Hilfe",
            "Takipçi Satın Al",
            "Prestiti Privati",
            // The keyword first, or a name that is no person's.
            "Cheap Loans (UK)",
            "best essay writing service (24/7)",
        ] {
            let c = Comment {
                content: "Nice".into(),
                author: author.into(),
                ..Comment::default()
            };
            assert!(sig_of(&c).author_name_keyword, "{author}");
        }
        for (author, url) in [
            (
                "Mold Removal Phoenix AZ",
                "https://phoenixmoldremovalpros.com",
            ),
            (
                "Idraulico Milano Pronto Intervento",
                "https://www.idraulico-milano-pronto.it",
            ),
        ] {
            let c = Comment {
                content: "Nice".into(),
                author: author.into(),
                url: url.into(),
                ..Comment::default()
            };
            assert!(sig_of(&c).author_name_keyword, "{author}");
        }
        for (url, vice) in [
            ("https://casinoreviewhub.net", true),
            ("https://generic-pills-store.net/sildenafil", true),
            ("https://cryptotomblog.com", false),
            ("https://janedoe.xyz", false),
        ] {
            let c = Comment {
                content: "Nice".into(),
                author: "Ann".into(),
                url: url.into(),
                ..Comment::default()
            };
            assert_eq!(sig_of(&c).author_url_vice, vice, "{url}");
        }
        for url in [
            "https://cheap-seo-links.com",
            "https://bestloans.xyz",
            "https://buy-meds.net",
            "https://vapeshop-deals.net",
        ] {
            let c = Comment {
                content: "Nice".into(),
                author: "Ann".into(),
                url: url.into(),
                ..Comment::default()
            };
            assert!(sig_of(&c).author_url_commercial, "{url}");
        }
    }

    #[test]
    fn warnings_quoting_a_scam() {
        let s = sig(
            "The replies saying 'I lost $38,000 until I contacted Dr. Ethan Hacks on WhatsApp' are bots. Don't reply to them.",
        );
        assert!(s.warnings > 0);
        assert_eq!(
            (s.unquoted_adverts, s.messengers, s.contact_phrases),
            (0, 0, 0)
        );
        let s =
            sig("Beware of scammers, the only real expert is \"Anna\" on WhatsApp +1 302 555 0188");
        assert!(s.unquoted_adverts > 0 && s.messengers > 0);
        let s = sig("Beware of fakes. The real one is \"+1 302 555 0188\" on WhatsApp");
        assert!(s.phones > 0 && s.unquoted_adverts > 0);
        // A number given as the caller's is evidence too.
        let s = sig(
            "To everyone replying to the recovery lady above - it's a scam. I messaged the WhatsApp number (+44 7418 362951) and they wanted a $500 fee. Admin, please delete those.",
        );
        assert_eq!((s.unquoted_adverts, s.phones, s.messengers), (0, 0, 0));
        let s = sig(
            "Warning: I got a call from +1 (202) 555-0143 claiming to be USCIS. It's a scam, never pay in gift cards.",
        );
        assert_eq!((s.unquoted_adverts, s.phones), (0, 0));
        let s = sig(
            "Heads up, I got a text to pay $1.99 redelivery at usps-redeliver-care[.]com. It's fake.",
        );
        assert!(s.spaced_links > 0 && s.unquoted_adverts == 0, "{s:?}");
        let s = sig("Beware of fake hackers, it's a scam. Text me instead on +1 302 555 0188");
        assert!(s.phones > 0 && s.unquoted_adverts > 0);
        assert_eq!(strip_quoted("I'm sure it's fine"), None);
        assert_eq!(strip_quoted("a “b” c").as_deref(), Some("a   c"));
    }

    #[test]
    fn spin_syntax_from_templates() {
        assert_eq!(
            sig("{Hello|Hi|Hey} there! {I just|I simply} wanted to say your {blog|site} is great")
                .spintax,
            3
        );
        for t in [
            "Use {x | y} in the formula",
            "In code: if (a || b) { return; }",
            "set {} and {a,b}",
            "the pipe | character and a {brace}",
        ] {
            assert!(sig(t).spintax <= 1, "{t}");
        }
    }

    #[test]
    fn language_script_mismatch() {
        let c = Comment {
            content: "Лучшие займы онлайн без отказа, заходите".into(),
            lang: "en".into(),
            ..Comment::default()
        };
        assert!(sig_of(&c).script_mismatch);
        let c = Comment {
            content: "Лучшие займы онлайн без отказа, заходите".into(),
            lang: "ru".into(),
            ..Comment::default()
        };
        assert!(!sig_of(&c).script_mismatch);
        let c = Comment {
            content: "Лучшие займы онлайн".into(),
            ..Comment::default()
        };
        assert!(!sig_of(&c).script_mismatch);
        // A Hindi question around an English error message is written for the Hindi site.
        let c = Comment {
            content: "भाई जब मैं `gradle assembleRelease` चलाता हूँ तो ये error आता है: Execution failed for task ':app:checkDebugAarMetadata'. Could not resolve all files for configuration. कोई बताए क्या करूँ?".into(),
            lang: "hi".into(),
            ..Comment::default()
        };
        assert!(!sig_of(&c).script_mismatch);
    }

    #[test]
    fn title_overlap_measures_relevance() {
        let mut c = Comment {
            content: "The budget cuts to schools will hurt rural districts most".into(),
            ..Comment::default()
        };
        c.context.article_title = "Government announces budget cuts to rural schools".into();
        assert!(sig_of(&c).title_overlap.is_some_and(|o| o > 0.5));
        c.content = "Great post, visit my site for cheap watches".into();
        assert!(sig_of(&c).title_overlap.is_some_and(|o| o == 0.0));
    }

    #[test]
    fn behaviour_fields() {
        let c = Comment {
            content: "hello".into(),
            honeypot: "http://spam.example".into(),
            seconds_to_submit: Some(0.8),
            user_ip: "203.0.113.9".into(),
            user_agent: "python-requests/2.31".into(),
            context: crate::Context {
                recent_duplicates: 3,
                author_approved_comments: 0,
                article_title: String::new(),
            },
            ..Comment::default()
        };
        let s = sig_of(&c);
        assert!(s.honeypot && s.fast_submit && s.bot_user_agent);
        assert_eq!(s.recent_duplicates, 3);
        let c = Comment {
            content: "hello".into(),
            seconds_to_submit: Some(45.0),
            user_agent: "Mozilla/5.0".into(),
            ..Comment::default()
        };
        let s = sig_of(&c);
        assert!(!s.honeypot && !s.fast_submit && !s.bot_user_agent);
    }
}
