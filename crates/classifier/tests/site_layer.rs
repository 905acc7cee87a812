//! Per-site learning: after a handful of moderator labels, one site catches a new kind of spam
//! that the global model lets through, while another site's verdicts stay exactly as they were.

use retort_classifier::{Comment, Label, Model, SiteLayer};

fn c(text: &str) -> Comment {
    Comment {
        content: text.to_string(),
        ..Comment::default()
    }
}

/// A spam genre absent from every training set: herbal-supplement promotion written like a
/// reader's comment, no links, no phone numbers.
const NEW_SPAM: &[&str] = &[
    "Kratom Kings sells the best red vein kratom capsules, I take them every morning, order from Kratom Kings today",
    "Honestly Kratom Kings changed my life, their green maeng da kratom powder is the best quality, order from Kratom Kings",
    "Everyone should try Kratom Kings white vein kratom, best prices and free shipping, order from Kratom Kings now",
    "My back pain is gone thanks to Kratom Kings kratom capsules, order from Kratom Kings, tell them I sent you",
    "Kratom Kings has a sale on bali kratom this week, best kratom vendor around, order from Kratom Kings",
];

const SITE_HAM: &[&str] = &[
    "The council should publish the full budget, not just the summary.",
    "I walked past the new library yesterday, it looks great inside.",
];

#[test]
fn a_handful_of_labels_flip_one_site_only() {
    let model = Model::builtin();
    let unseen = c(
        "Just tried Kratom Kings red bali kratom capsules, best kratom I ever had, order from Kratom Kings",
    );
    let before = model.classify(&unseen);
    assert_eq!(
        before.label,
        Label::Ham,
        "the global model should not know this genre yet: {before:?}"
    );

    let mut site_a = SiteLayer::new();
    let site_b = SiteLayer::new();
    for t in NEW_SPAM {
        site_a.learn(model, &c(t), true);
    }
    for t in SITE_HAM {
        site_a.learn(model, &c(t), false);
    }
    assert_eq!(site_a.updates(), (NEW_SPAM.len() + SITE_HAM.len()) as u32);

    let after_a = model.classify_for_site(&unseen, &site_a);
    assert!(
        after_a.label.is_spam(),
        "site A should now catch it: {after_a:?}"
    );
    assert!(
        after_a.reasons.iter().any(|r| r.code == "site"),
        "{after_a:?}"
    );

    let after_b = model.classify_for_site(&unseen, &site_b);
    assert_eq!(after_b, before, "site B must be unchanged");

    // Site A still publishes its readers' ordinary comments, including one on the same topic.
    for t in [
        "The council meeting ran late again, nothing on the agenda was decided.",
        "My doctor warned me about kratom, the article is right that it is not regulated.",
    ] {
        let v = model.classify_for_site(&c(t), &site_a);
        assert_eq!(v.label, Label::Ham, "{t}: {v:?}");
    }

    // The layer survives a round trip through bytes.
    let restored = SiteLayer::from_bytes(&site_a.to_bytes()).expect("round trip");
    assert_eq!(model.classify_for_site(&unseen, &restored), after_a);
}

#[test]
fn ham_labels_unflag_a_false_positive_for_one_site() {
    let model = Model::builtin();
    // A site whose readers post odds and prices (a sports-betting news site, say).
    let text = "Odds on the favourite dropped from 5/1 to 2/1 after the team news, free bet offers everywhere today";
    let p0 = model.classify(&c(text)).spam_probability;
    let mut site = SiteLayer::new();
    for t in [
        "Odds on the away side drifted to 7/2 after the injury news, bookies never learn",
        "Free bet offers are everywhere this week but the odds on the favourite are poor",
        "Odds on a home win dropped from 3/1 to 6/4 after the line-up came out",
    ] {
        site.learn(model, &c(t), false);
    }
    let p1 = model.classify_for_site(&c(text), &site).spam_probability;
    assert!(
        p1 < p0,
        "ham labels should lower the site's score ({p0} -> {p1})"
    );
}

#[test]
fn spam_reports_alone_do_not_drag_a_sites_ordinary_comments() {
    // A site's moderators report five spams and confirm nothing: the layer learns the site's
    // baseline too, and it must not move ordinary comments, angry or not, into the spam folder.
    let model = Model::builtin();
    let mut site = SiteLayer::new();
    for t in NEW_SPAM {
        site.learn(model, &c(t), true);
    }
    for t in [
        "THIS GOVERNMENT IS A COMPLETE DISGRACE!!! THEY RAISED TAXES AGAIN AND CALL IT GROWTH.",
        "i dont think the mayor evn read the report, the numbers dont add up",
        "Does anyone know if the road will reopen before Christmas? I commute on it every day.",
        "My property tax went from $3,200 to $4,100 in two years. Something has to give.",
        "He said the exact opposite in 2019, watch from 3:20 https://www.youtube.com/watch?v=8fRk2Lx0QpA",
        "lol this aged well",
        "Great article, thank you. My grandmother lived through the same floods in 1953.",
        "As a nurse I can tell you the waiting lists are worse than the article says.",
    ] {
        let before = model.classify(&c(t));
        let after = model.classify_for_site(&c(t), &site);
        assert_eq!(after.label, Label::Ham, "{t}: {after:?}");
        assert!(
            after.spam_probability < before.spam_probability + 0.25,
            "{t}: {} -> {}",
            before.spam_probability,
            after.spam_probability
        );
    }
}
