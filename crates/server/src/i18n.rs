//! Translations of the data-processing and self-service pages (English, German, French,
//! Spanish). Each language is one [`Strings`] table; a site's `lang` picks it, with English as
//! the fallback. Placeholders in braces (`{n}`, `{m}`, `{site}`) are filled in by the page.

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

static FR: Strings = Strings {
    lang: "fr",
    title: "Comment vos données de commentaire sont traitées",
    intro: "Cette page décrit ce que {site} enregistre quand vous commentez, pourquoi et pour combien de temps. Elle est générée à partir de la configuration en cours de ce serveur Retort et change avec elle.",
    stored_heading: "Ce qui est enregistré, et pourquoi",
    columns: ["Donnée", "Finalité", "Publiée ?", "Conservée"],
    yes_no: ["Oui", "Jamais"],
    fields: &[
        (
            "name",
            "Votre nom",
            "Pour indiquer qui a écrit le commentaire",
        ),
        (
            "email",
            "Votre adresse e-mail",
            "Pour que l'éditeur du site puisse vous joindre au sujet de votre commentaire, pour vous envoyer les e-mails que vous demandez, pour reconnaître les personnes qui reviennent commenter (filtre anti-spam) et pour dessiner votre avatar (à partir d'une empreinte secrète, jamais de l'adresse)",
        ),
        (
            "website",
            "Votre site web (facultatif)",
            "Pour faire un lien sur votre nom",
        ),
        ("text", "Votre commentaire", "Pour le publier"),
        (
            "ip",
            "Votre adresse IP",
            "Pour lutter contre le spam et les abus",
        ),
        (
            "user_agent",
            "L'identifiant de votre navigateur",
            "Pour lutter contre le spam et les abus",
        ),
        (
            "referrer",
            "La page d'où vous veniez",
            "Pour lutter contre le spam et les abus",
        ),
        (
            "spam",
            "La note et les raisons du filtre anti-spam",
            "Pour que la modération puisse vérifier ses décisions",
        ),
        (
            "edit_token",
            "Une empreinte de la clé de modification de votre commentaire",
            "Pour que vous seul puissiez le modifier ou le supprimer pendant un certain temps",
        ),
        (
            "bookkeeping",
            "Le numéro du commentaire, sa discussion, la réponse à laquelle il répond et son statut",
            "Pour afficher la discussion dans l'ordre",
        ),
        (
            "dates",
            "Quand vous avez écrit et modifié",
            "Pour l'afficher",
        ),
        (
            "mail",
            "Les messages en attente d'envoi à votre adresse",
            "Pour remettre les e-mails demandés, même si le serveur de messagerie est indisponible un moment",
        ),
        (
            "link",
            "Les liens en libre-service (votre adresse et une empreinte du lien)",
            "Pour vous permettre d'exporter ou d'effacer vos données",
        ),
        (
            "audit",
            "Un registre des exports et effacements (avec une empreinte secrète de votre adresse, pas l'adresse)",
            "Pour rendre compte de ce qui a été fait de vos données",
        ),
        (
            "subscription",
            "Votre demande d'être prévenu des réponses, et la date de votre confirmation",
            "Pour vous envoyer les réponses à votre commentaire, seulement après confirmation de l'adresse",
        ),
        (
            "notices",
            "Les réponses déjà annoncées",
            "Pour que chaque réponse ne soit envoyée qu'une fois",
        ),
        (
            "rate_limit",
            "La part utilisée de votre quota de messages et de demandes de lien (sous une empreinte secrète de votre adresse réseau, pas l'adresse)",
            "Pour empêcher les déferlements de commentaires et d'e-mails, sur chaque serveur de ce site",
        ),
    ],
    kept_with_comment: "Tant que le commentaire existe, ou jusqu'à ce que vous demandiez l'effacement",
    kept_ip: "Réduite à son réseau (dernière partie supprimée) après {n} jours, supprimée après {m} jours",
    kept_agent: "Supprimé après {n} jours",
    kept_until_sent: "Jusqu'à l'envoi, puis supprimés",
    kept_link: "24 heures, ou jusqu'à son utilisation pour un effacement",
    kept_audit: "Conservé comme preuve",
    kept_subscription: "Jusqu'à votre désabonnement (un lien dans chaque e-mail) ou une demande d'effacement",
    kept_rate_limit: "Jusqu'à ce que le quota soit de nouveau plein (quelques minutes), puis supprimée au nettoyage suivant",
    deleted_text: "Quand un commentaire est supprimé, son texte est effacé aussitôt (par son auteur) ou dans un délai de {h} heure(s) (par la modération).",
    filtering: [
        "Filtrage du spam",
        "Chaque commentaire est vérifié par un filtre anti-spam qui fonctionne sur ce serveur. Rien de vous ni de votre commentaire n'est envoyé à un autre service pour cela. Quand un autre site fait vérifier un commentaire par ce serveur via son API compatible Akismet, le commentaire est classé en mémoire et n'est pas enregistré.",
    ],
    no_third_parties: "Aucune donnée n'est transmise à des tiers : pas de mesure d'audience, pas d'avatars d'autres services, pas de pistage. Ce serveur n'envoie pas d'e-mails.",
    smtp_relay: "Les e-mails qui vous sont destinés (seulement ceux que vous demandez) sont remis au serveur de messagerie {relay} pour distribution. Rien d'autre n'est transmis à des tiers : pas de mesure d'audience, pas d'avatars d'autres services, pas de pistage.",
    cookies: [
        "Cookies",
        "Commenter ne demande aucun cookie. Si vous cochez « Enregistrer mon nom, mon e-mail et mon site dans ce navigateur », un cookie contenant ces trois informations est déposé pour un an afin de préremplir le formulaire ; décochez la case pour le retirer. Quand votre commentaire attend une modération, un cookie vous permet, à vous seul, de le voir ; il expire après {hours} heure(s) au plus.",
    ],
    rights: [
        "Vos droits : export et effacement",
        "Saisissez l'adresse avec laquelle vous avez commenté : vous recevrez un lien, valable 24 heures, pour télécharger tout ce qui est enregistré à votre sujet ou pour l'effacer. Sur ce site, l'effacement signifie que {policy}. La réponse est la même, que l'adresse ait des commentaires ici ou non.",
    ],
    policies: [
        "vos commentaires restent, sous le nom « Anonymous », sans votre adresse e-mail, votre site web, votre adresse IP ni les informations de votre navigateur",
        "vos commentaires sont supprimés, avec votre nom, votre adresse e-mail, votre site web, votre adresse IP et les informations de votre navigateur",
    ],
    request_form: ["Votre adresse e-mail", "Recevoir un lien"],
    no_mail: "Ce serveur ne peut pas envoyer d'e-mails ; pour un export ou un effacement, adressez-vous à l'éditeur du site.",
    contact: "Contact pour les questions sur vos données : {contact}.",
    storage: "Les données sont conservées dans une base de données {backend} exploitée par l'éditeur du site.",
};

static ES: Strings = Strings {
    lang: "es",
    title: "Cómo se tratan los datos de tus comentarios",
    intro: "Esta página describe qué guarda {site} cuando comentas, para qué y durante cuánto tiempo. Se genera a partir de la configuración en uso de este servidor Retort, así que cambia cuando cambia la configuración.",
    stored_heading: "Qué se guarda y para qué",
    columns: ["Dato", "Para qué", "¿Se publica?", "Se conserva"],
    yes_no: ["Sí", "Nunca"],
    fields: &[
        (
            "name",
            "Tu nombre",
            "Para mostrar quién escribió el comentario",
        ),
        (
            "email",
            "Tu dirección de correo",
            "Para que los responsables del sitio puedan contactarte sobre tu comentario, para enviarte los correos que pidas, para reconocer a quienes vuelven a comentar (filtro de spam) y para dibujar tu avatar (a partir de un hash secreto, nunca de la dirección)",
        ),
        (
            "website",
            "Tu sitio web (opcional)",
            "Para enlazar tu nombre",
        ),
        ("text", "Tu comentario", "Para publicarlo"),
        (
            "ip",
            "Tu dirección IP",
            "Para combatir el spam y los abusos",
        ),
        (
            "user_agent",
            "El identificador de tu navegador",
            "Para combatir el spam y los abusos",
        ),
        (
            "referrer",
            "La página de la que venías",
            "Para combatir el spam y los abusos",
        ),
        (
            "spam",
            "La puntuación y los motivos del filtro de spam",
            "Para que la moderación pueda revisar sus decisiones",
        ),
        (
            "edit_token",
            "Un hash de la clave de edición de tu comentario",
            "Para que solo tú puedas editarlo o borrarlo durante un tiempo",
        ),
        (
            "bookkeeping",
            "El número del comentario, su hilo, a qué responde y su estado",
            "Para mostrar el hilo en orden",
        ),
        ("dates", "Cuándo escribiste y editaste", "Para mostrarlo"),
        (
            "mail",
            "Mensajes pendientes de enviarte",
            "Para entregar los correos que pediste, aunque el servidor de correo falle un tiempo",
        ),
        (
            "link",
            "Enlaces de autoservicio (tu dirección y un hash del enlace)",
            "Para que puedas exportar o borrar tus datos",
        ),
        (
            "audit",
            "Un registro de exportaciones y borrados (con un hash secreto de tu dirección, no la dirección)",
            "Para dar cuenta de lo que se hizo con tus datos",
        ),
        (
            "subscription",
            "Tu petición de recibir avisos de respuestas, y cuándo la confirmaste",
            "Para enviarte las respuestas a tu comentario, solo después de confirmar la dirección",
        ),
        (
            "notices",
            "Qué respuestas ya se avisaron",
            "Para que cada respuesta se envíe una sola vez",
        ),
        (
            "rate_limit",
            "Cuánto de tu cupo de mensajes y de peticiones de enlace has usado (bajo un hash secreto de tu dirección de red, no la dirección)",
            "Para frenar avalanchas de comentarios y de correos, en cada servidor de este sitio",
        ),
    ],
    kept_with_comment: "Mientras exista el comentario, o hasta que pidas el borrado",
    kept_ip: "Recortada a su red (se quita la última parte) a los {n} días, borrada a los {m} días",
    kept_agent: "Borrado a los {n} días",
    kept_until_sent: "Hasta el envío; después se borran",
    kept_link: "24 horas, o hasta que se use para un borrado",
    kept_audit: "Se conserva como constancia",
    kept_subscription: "Hasta que te des de baja (hay un enlace en cada correo) o pidas el borrado",
    kept_rate_limit: "Hasta que el cupo vuelva a estar lleno (minutos); después se borra en la siguiente limpieza",
    deleted_text: "Cuando se borra un comentario, su texto se elimina en el acto (si lo borra su autor) o en un plazo de {h} hora(s) (si lo borra la moderación).",
    filtering: [
        "Filtro de spam",
        "Cada comentario pasa por un filtro de spam que funciona en este servidor. Para ello no se envía nada sobre ti ni sobre tu comentario a ningún otro servicio. Cuando otro sitio pide a este servidor que revise un comentario a través de su API compatible con Akismet, el comentario se clasifica en memoria y no se guarda.",
    ],
    no_third_parties: "No se envían datos a terceros: ni analítica, ni avatares de otros servicios, ni rastreo. Este servidor no envía correos.",
    smtp_relay: "Los correos para ti (solo los que pidas) se entregan al servidor de correo {relay} para su envío. No se envía nada más a terceros: ni analítica, ni avatares de otros servicios, ni rastreo.",
    cookies: [
        "Cookies",
        "Para comentar no hace falta ninguna cookie. Si marcas «Guardar mi nombre, correo y web en este navegador», se guarda durante un año una cookie con esos tres datos para rellenar el formulario la próxima vez; desmárcalo para quitarla. Cuando tu comentario espera moderación, una cookie te permite solo a ti verlo; caduca como mucho a las {hours} hora(s).",
    ],
    rights: [
        "Tus derechos: exportación y borrado",
        "Escribe la dirección con la que comentaste y recibirás un enlace, válido durante 24 horas, para descargar todo lo que se guarda sobre ti o para borrarlo. En este sitio, borrar significa que {policy}. La respuesta es la misma tenga o no comentarios esa dirección.",
    ],
    policies: [
        "tus comentarios se quedan, con el nombre «Anonymous», sin tu dirección de correo, tu web, tu dirección IP ni los datos de tu navegador",
        "tus comentarios se borran, junto con tu nombre, tu dirección de correo, tu web, tu dirección IP y los datos de tu navegador",
    ],
    request_form: ["Tu dirección de correo", "Enviarme un enlace"],
    no_mail: "Este servidor no puede enviar correos; para una exportación o un borrado, escribe a los responsables del sitio.",
    contact: "Contacto para cuestiones sobre tus datos: {contact}.",
    storage: "Los datos se guardan en una base de datos {backend} gestionada por los responsables del sitio.",
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
        "fr" => &FR,
        "es" => &ES,
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
        for s in [&EN, &DE, &FR, &ES] {
            for f in retort_domain::privacy::STORED_FIELDS {
                assert!(!s.field(f.key).0.is_empty(), "{} lacks {}", s.lang, f.key);
            }
        }
        assert_eq!(strings("de-AT").lang, "de");
        assert_eq!(strings("fr-CA").lang, "fr");
        assert_eq!(strings("es_MX").lang, "es");
        assert_eq!(strings("it").lang, "en");
    }

    /// Every text of a table, in a fixed order.
    fn texts(s: &Strings) -> Vec<&'static str> {
        let mut v = vec![
            s.title,
            s.intro,
            s.kept_ip,
            s.kept_agent,
            s.deleted_text,
            s.smtp_relay,
            s.no_mail,
            s.contact,
            s.storage,
        ];
        v.extend(s.filtering);
        v.extend(s.cookies);
        v.extend(s.rights);
        v.extend(s.policies);
        v
    }

    fn placeholders(text: &str) -> Vec<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn translations_keep_every_placeholder() {
        for s in [&DE, &FR, &ES] {
            for (en, tr) in texts(&EN).into_iter().zip(texts(s)) {
                assert_eq!(placeholders(en), placeholders(tr), "{}: {tr}", s.lang);
            }
        }
        assert_eq!(strings("es_MX").lang, "es");
        assert_eq!(strings("it").lang, "en");
    }
}
