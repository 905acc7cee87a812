#!/usr/bin/env bash
# Rebuilds crates/cli/tests/fixtures/wordpress-export.xml: a WXR file written by WordPress's own
# exporter, from a scratch WordPress site filled through WordPress's own API.
#
#   scripts/make-wxr-fixture.sh [OUT.xml]
#
# Needs Debian's WordPress and a MariaDB/MySQL server, as root (it writes a config file into
# /etc/wordpress):
#
#   apt-get install wordpress php-cli php-mysql
#
# The server is reached with the `mysql` client and from PHP as WXR_DB_USER (root) with
# WXR_DB_PASSWORD (empty) at WXR_DB_HOST:WXR_DB_PORT (127.0.0.1:3306). The script creates the
# database `retort_wxr_fixture` and /etc/wordpress/config-wordpress.example.org.php, installs
# WordPress into them from the PHP command line (wp_install), writes posts, a page and their
# comments with wp_insert_post, wp_insert_comment, wp_new_comment, wp_trash_comment and
# wp_spam_comment, runs export_wp() (Tools → Export, "All content") and writes what it prints
# to OUT.xml. Then it drops the database and removes the config file. No web server is involved
# and WordPress makes no HTTP requests (pre_http_request answers them all with an error).
#
# All people, addresses and sites are made up: e-mail and web addresses under example.org and
# example.com, IPs from the documentation ranges 192.0.2.0/24, 198.51.100.0/24 and 2001:db8::/32.
# Dates are fixed, so two runs differ only in the export's own timestamps (the `created` of the
# generator comment and the channel's <pubDate>).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="${1:-crates/cli/tests/fixtures/wordpress-export.xml}"
DB_HOST="${WXR_DB_HOST:-127.0.0.1}"
DB_PORT="${WXR_DB_PORT:-3306}"
DB_USER="${WXR_DB_USER:-root}"
DB_PASSWORD="${WXR_DB_PASSWORD:-}"
DB_NAME=retort_wxr_fixture
WP_HOST=wordpress.example.org
WP=/usr/share/wordpress
CONFIG="/etc/wordpress/config-$WP_HOST.php"

[ -f "$WP/wp-load.php" ] || { echo "no $WP/wp-load.php: apt-get install wordpress php-cli php-mysql" >&2; exit 1; }
command -v php >/dev/null || { echo "no php: apt-get install php-cli php-mysql" >&2; exit 1; }
[ ! -e "$CONFIG" ] || { echo "$CONFIG exists; not touching a site that is not ours" >&2; exit 1; }

sql() { MYSQL_PWD="$DB_PASSWORD" mysql -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -e "$1"; }

work="$(mktemp -d)"
cleanup() {
  sql "DROP DATABASE IF EXISTS $DB_NAME" || true
  rm -f "$CONFIG"
  rm -rf "$work"
}
trap cleanup EXIT

sql "DROP DATABASE IF EXISTS $DB_NAME; CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

php_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/[\\\\']/\\\\&/g")"; }
cat >"$CONFIG" <<EOF
<?php
// Scratch site of scripts/make-wxr-fixture.sh (Retort); removed when the script ends.
define('DB_NAME', '$DB_NAME');
define('DB_USER', $(php_quote "$DB_USER"));
define('DB_PASSWORD', $(php_quote "$DB_PASSWORD"));
define('DB_HOST', $(php_quote "$DB_HOST:$DB_PORT"));
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', 'https://$WP_HOST');
define('WP_SITEURL', 'https://$WP_HOST');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_DEBUG', false);
\$table_prefix = 'wp_';
EOF
chmod 600 "$CONFIG"

cat >"$work/make.php" <<'PHP'
<?php
// Runs inside WordPress: install, write content with WordPress's API, export.
$out = $argv[1];
$_SERVER['HTTP_HOST'] = $argv[2];
$_SERVER['SERVER_NAME'] = $argv[2];
$_SERVER['REQUEST_URI'] = '/wp-admin/install.php';
$_SERVER['SCRIPT_NAME'] = '/wp-admin/install.php';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';

define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';

function fail($what) {
    fwrite(STDERR, "make-wxr-fixture: $what\n");
    exit(1);
}

// No network: WordPress would otherwise probe its own URL for pretty permalinks.
add_filter('pre_http_request', function () {
    return new WP_Error('offline', 'no HTTP requests while building the fixture');
});
add_filter('pre_wp_mail', '__return_false');

/*
 * wp_install() calls this pluggable function for the starter content; ours keeps only the
 * default category (which every post needs), not the sample post, comment and pages.
 */
function wp_install_defaults($user_id) {
    global $wpdb;
    $wpdb->insert($wpdb->terms, array('term_id' => 1, 'name' => 'Uncategorized', 'slug' => 'uncategorized', 'term_group' => 0));
    $wpdb->insert($wpdb->term_taxonomy, array('term_id' => 1, 'taxonomy' => 'category', 'description' => '', 'parent' => 0, 'count' => 0));
}

require_once ABSPATH . 'wp-admin/includes/upgrade.php';
if (is_blog_installed()) {
    fail('the scratch database already holds a WordPress site');
}
$installed = wp_install('Harbour Lane Notes', 'marta', 'marta@example.org', true, '', wp_generate_password(32), 'en_US');
$owner = (int) $installed['user_id'];
wp_update_user(array('ID' => $owner, 'display_name' => 'Marta Quist', 'first_name' => 'Marta', 'last_name' => 'Quist', 'user_url' => 'https://marta.example.org/'));
update_option('blogdescription', 'Notes from a street by the harbour');
update_option('timezone_string', 'Europe/Helsinki');
update_option('thread_comments_depth', 10);
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%postname%/');

function post($args) {
    global $owner;
    $id = wp_insert_post(wp_slash($args + array(
        'post_type' => 'post',
        'post_status' => 'publish',
        'post_author' => $owner,
        'comment_status' => 'open',
        'ping_status' => 'open',
    )), true);
    if (is_wp_error($id)) {
        fail('wp_insert_post: ' . $id->get_error_message());
    }
    return $id;
}

const AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0';

// A comment as WordPress stores it (wp_insert_comment keeps the content as given, as for an
// administrator's comment or an imported one).
function comment($post, $args) {
    $id = wp_insert_comment(wp_slash($args + array(
        'comment_post_ID' => $post,
        'comment_author_url' => '',
        'comment_type' => 'comment',
        'comment_approved' => 1,
        'comment_parent' => 0,
        'comment_agent' => AGENT,
        'user_id' => 0,
    )));
    if (!$id) {
        fail('wp_insert_comment failed for ' . $args['comment_author']);
    }
    return $id;
}

// Fixed times for WordPress's trash bookkeeping, so that reruns give the same file.
function trash($id, $at) {
    if (!wp_trash_comment($id)) {
        fail("wp_trash_comment $id");
    }
    update_comment_meta($id, '_wp_trash_meta_time', strtotime($at . ' UTC'));
}

/* ---- Post 1: a long discussion, replies ten levels deep. ---- */
$threaded = post(array(
    'post_title' => 'Threaded replies on the harbour wall',
    'post_name' => 'threaded-replies',
    'post_date' => '2023-03-02 09:15:00',
    'post_content' => "<p>The council wants to rebuild the harbour wall. Tell us what you think.</p>\n<p>Replies can go ten levels deep here.</p>",
));
$people = array(
    array('Oskar Lind', 'oskar.lind@example.org', 'https://oskar.example.org/', '192.0.2.10'),
    array('Zoë Åberg', 'zoe@example.com', '', '198.51.100.23'),
    array('Jürgen Groß', 'juergen@example.org', 'https://example.org/~juergen', '2001:db8::17'),
    array('Ngô Thị Hoa', 'hoa@example.com', '', '192.0.2.44'),
    array('Дарья Соколова', 'daria@example.org', 'https://daria.example.com/', '198.51.100.7'),
);
$lines = array(
    'The old stones should stay; patch them instead.',
    'Patching has been tried twice since 1990, and it did not hold.',
    'It held until the 2011 storm, which nothing would have survived.',
    'The new plan is concrete faced with the old stones, so both of you get something.',
    'Faced with the old stones? The drawings show granite from elsewhere.',
    'Page 14 of the plan says the old stones go back on the seaward side.',
    'That page is about the north arm only; the south arm is all new.',
    'Then the meeting on the 20th is the place to ask for the south arm too.',
    'Will the meeting be in the library again, or in the school hall?',
    'The school hall, at 18:00. See you there.',
);
$parent = 0;
$chain = array();
foreach ($lines as $i => $line) {
    list($name, $email, $url, $ip) = $people[$i % count($people)];
    $parent = comment($threaded, array(
        'comment_author' => $name,
        'comment_author_email' => $email,
        'comment_author_url' => $url,
        'comment_author_IP' => $ip,
        'comment_date' => sprintf('2023-03-02 %02d:%02d:00', 10 + $i, 5 * $i),
        'comment_content' => sprintf('Depth %02d. %s', $i + 1, $line),
        'comment_parent' => $parent,
    ));
    $chain[] = $parent;
}
$question = comment($threaded, array(
    'comment_author' => 'Siobhán O\'Neill',
    'comment_author_email' => 'siobhan@example.com',
    'comment_author_url' => 'https://example.com/siobhan',
    'comment_author_IP' => '198.51.100.61',
    'comment_date' => '2023-03-03 08:30:00',
    'comment_content' => "Who pays for it: the town, or the port company?\n\nI could not find it in the plan.",
));
comment($threaded, array(
    'comment_author' => 'Marta Quist',
    'comment_author_email' => 'marta@example.org',
    'comment_author_url' => 'https://marta.example.org/',
    'comment_author_IP' => '192.0.2.1',
    'comment_date' => '2023-03-03 09:02:00',
    'comment_content' => 'Both: the town two thirds, the port company one third. It is on page 31.',
    'comment_parent' => $question,
    'user_id' => $owner,
));
comment($threaded, array(
    'comment_author' => 'Oskar Lind',
    'comment_author_email' => 'oskar.lind@example.org',
    'comment_author_url' => 'https://oskar.example.org/',
    'comment_author_IP' => '192.0.2.10',
    'comment_date' => '2023-03-03 09:40:00',
    'comment_content' => 'And the state grant covers the survey, if it comes through.',
    'comment_parent' => $question,
));
comment($threaded, array(
    'comment_author' => 'Αλεξάνδρα Παππά',
    'comment_author_email' => 'alexandra@example.com',
    'comment_author_IP' => '2001:db8:5::a',
    'comment_date' => '2023-03-03 11:15:00',
    'comment_content' => 'Waiting for a moderator: my first comment here.',
    'comment_approved' => 0,
));
$spam = comment($threaded, array(
    'comment_author' => 'Cheap Flights',
    'comment_author_email' => 'offers@example.com',
    'comment_author_url' => 'https://example.com/cheap-flights',
    'comment_author_IP' => '198.51.100.250',
    'comment_date' => '2023-03-03 12:00:00',
    'comment_content' => 'Great post! <a href="https://example.com/cheap-flights">Cheap flights</a> to every harbour.',
    'comment_approved' => 0,
));
if (!wp_spam_comment($spam)) {
    fail('wp_spam_comment');
}
update_comment_meta($spam, '_wp_trash_meta_time', strtotime('2023-03-03 12:30:00 UTC'));

/* ---- Post 2: markup in comments, some of which a comment system must not publish as is. ---- */
$markup = post(array(
    'post_title' => 'Markup in comments',
    'post_name' => 'markup-in-comments',
    'post_date' => '2023-03-20 17:45:00',
    'post_content' => '<p>What readers typed, as WordPress kept it.</p>',
));
comment($markup, array(
    'comment_author' => 'Jürgen Groß',
    'comment_author_email' => 'juergen@example.org',
    'comment_author_url' => 'https://example.org/~juergen',
    'comment_author_IP' => '2001:db8::17',
    'comment_date' => '2023-03-20 18:01:00',
    'comment_content' => "Some <strong>bold</strong>, some <em>italics</em> and <code>code</code>.\n\n<blockquote>A quotation from the plan.</blockquote>\nAnd <a href=\"https://example.org/plan.pdf\">a link to the plan</a>.",
));
comment($markup, array(
    'comment_author' => 'Mallory Example',
    'comment_author_email' => 'mallory@example.com',
    'comment_author_url' => 'https://example.com/',
    'comment_author_IP' => '198.51.100.66',
    'comment_date' => '2023-03-20 18:20:00',
    'comment_content' => "Nice <script>alert(document.cookie)</script> post.\n<a href=\"https://example.com/prize\" onclick=\"steal()\">Click here</a> <img src=\"https://example.com/pixel.png\" onerror=\"alert(2)\"> <a href=\"javascript:alert(3)\">or here</a>.",
));
comment($markup, array(
    'comment_author' => 'Ngô Thị Hoa',
    'comment_author_email' => 'hoa@example.com',
    'comment_author_IP' => '192.0.2.44',
    'comment_date' => '2023-03-20 19:05:00',
    'comment_content' => "Tiếng Việt có dấu, 日本語, ελληνικά, and a coffee ☕.\nSymbols: 2 < 3 & 5 > 4, \"quotes\" and 'apostrophes'.",
));
// A visitor's comment through wp_new_comment, the path of the comment form: WordPress's kses
// filter removes the script and adds rel="nofollow ugc" to the link before storing it.
$visitor = wp_new_comment(wp_slash(array(
    'comment_post_ID' => $markup,
    'comment_author' => 'Oskar Lind',
    'comment_author_email' => 'oskar.lind@example.org',
    'comment_author_url' => 'https://oskar.example.org/',
    'comment_author_IP' => '192.0.2.10',
    'comment_agent' => AGENT,
    'comment_date' => '2023-03-21 07:10:00',
    'comment_date_gmt' => get_gmt_from_date('2023-03-21 07:10:00'),
    'comment_content' => "From the comment form: <b>bold</b> <script>alert(4)</script><a href=\"https://example.org/minutes\" onclick=\"x()\">minutes</a>.",
    'comment_type' => 'comment',
    'comment_parent' => 0,
    'user_id' => 0,
)), true);
if (is_wp_error($visitor)) {
    fail('wp_new_comment: ' . $visitor->get_error_message());
}
if (wp_get_comment_status($visitor) !== 'approved') {
    fail('wp_new_comment did not approve the comment: ' . wp_get_comment_status($visitor));
}

/* ---- A page: pingbacks and trackbacks, all published. ---- */
$page_id = post(array(
    'post_type' => 'page',
    'post_title' => 'Pingbacks and trackbacks',
    'post_name' => 'pingbacks-and-trackbacks',
    'post_date' => '2023-04-10 12:00:00',
    'post_content' => '<p>Other sites that wrote about the harbour wall.</p>',
));
comment($page_id, array(
    'comment_author' => 'Zoë Åberg',
    'comment_author_email' => 'zoe@example.com',
    'comment_author_IP' => '198.51.100.23',
    'comment_date' => '2023-04-10 13:00:00',
    'comment_content' => 'A list like this is useful, thank you.',
));
comment($page_id, array(
    'comment_author' => 'Coastal Towns Weekly',
    'comment_author_email' => '',
    'comment_author_url' => 'https://coastal.example.com/2023/04/walls/',
    'comment_author_IP' => '198.51.100.80',
    'comment_agent' => 'WordPress/6.1.9; https://coastal.example.com',
    'comment_date' => '2023-04-11 08:20:00',
    'comment_content' => '[&#8230;] the residents of Harbour Lane have been <a href="https://wordpress.example.org/pingbacks-and-trackbacks/">collecting links</a> [&#8230;]',
    'comment_type' => 'pingback',
));
comment($page_id, array(
    'comment_author' => 'Tide Tables',
    'comment_author_email' => '',
    'comment_author_url' => 'https://tides.example.org/entries/42',
    'comment_author_IP' => '192.0.2.99',
    'comment_agent' => 'Example Trackback Client/1.0',
    'comment_date' => '2023-04-12 21:40:00',
    'comment_content' => "<strong>Spring tides and the harbour wall</strong>\n\nThe highest tides of the year reach the top of the wall twice.",
    'comment_type' => 'trackback',
));
comment($page_id, array(
    'comment_author' => 'Mapping the Coast',
    'comment_author_email' => '',
    'comment_author_url' => 'https://example.com/mapping/harbour-lane',
    'comment_author_IP' => '2001:db8:1::80',
    'comment_agent' => 'WordPress/6.1.9; https://example.com/mapping',
    'comment_date' => '2023-04-14 10:05:00',
    'comment_content' => '[&#8230;] a map of every wall on this coast, with Harbour Lane&#8217;s in red [&#8230;]',
    'comment_type' => 'pingback',
));

/* ---- Post 3: no comments at all. ---- */
post(array(
    'post_title' => 'Notice: street cleaning on Friday',
    'post_name' => 'street-cleaning',
    'post_date' => '2023-04-20 06:30:00',
    'post_content' => '<p>Please move your cars by 07:00.</p>',
    'comment_status' => 'closed',
    'ping_status' => 'closed',
));

/* ---- Post 4: a trashed comment with a published reply, a pending reply, more scripts. ---- */
$cafe = post(array(
    'post_title' => 'Ævar’s café opens «on the corner»',
    'post_name' => 'cafe-opens',
    'post_date' => '2023-05-05 10:00:00',
    'post_content' => '<p>Coffee, cinnamon buns and a view of the boats.</p>',
));
$rude = comment($cafe, array(
    'comment_author' => 'Bertil Rask',
    'comment_author_email' => 'bertil@example.com',
    'comment_author_IP' => '198.51.100.13',
    'comment_date' => '2023-05-05 11:00:00',
    'comment_content' => 'Overpriced. Nobody should go there.',
));
comment($cafe, array(
    'comment_author' => 'Ævar Þórsson',
    'comment_author_email' => 'aevar@example.org',
    'comment_author_url' => 'https://cafe.example.org/',
    'comment_author_IP' => '2001:db8:cafe::1',
    'comment_date' => '2023-05-05 11:30:00',
    'comment_content' => 'Sorry to hear that; the first coffee is on the house next time.',
    'comment_parent' => $rude,
));
trash($rude, '2023-05-06 08:00:00');
$buns = comment($cafe, array(
    'comment_author' => 'Дарья Соколова',
    'comment_author_email' => 'daria@example.org',
    'comment_author_url' => 'https://daria.example.com/',
    'comment_author_IP' => '198.51.100.7',
    'comment_date' => '2023-05-05 14:10:00',
    'comment_content' => 'The <em>cardamom</em> buns are the best in town!',
));
comment($cafe, array(
    'comment_author' => 'Zoë Åberg',
    'comment_author_email' => 'zoe@example.com',
    'comment_author_IP' => '198.51.100.23',
    'comment_date' => '2023-05-05 15:00:00',
    'comment_content' => 'Agreed <span onclick="alert(5)" style="color:red">completely</span>. <iframe src="https://example.com/ad"></iframe>',
    'comment_parent' => $buns,
    'comment_approved' => 0,
));
comment($cafe, array(
    'comment_author' => 'Oskar Lind',
    'comment_author_email' => 'oskar.lind@example.org',
    'comment_author_IP' => '192.0.2.10',
    'comment_date' => '2023-05-06 09:00:00',
    'comment_content' => 'Open on Sundays too?',
));

// WordPress's exporter, as Tools → Export → "All content" runs it.
require_once ABSPATH . 'wp-admin/includes/export.php';
ob_start();
export_wp(array('content' => 'all'));
$wxr = ob_get_clean();
if (strpos($wxr, '</rss>') === false) {
    fail('the export did not finish');
}
file_put_contents($out, $wxr);
fwrite(STDERR, sprintf("WordPress %s wrote %s (%d bytes)\n", get_bloginfo('version'), $out, strlen($wxr)));
PHP

php -d display_errors=stderr -d error_reporting=E_ALL "$work/make.php" "$work/export.xml" "$WP_HOST"
# The file must be well-formed XML before it replaces the fixture.
python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$work/export.xml"
mv "$work/export.xml" "$OUT"
echo "wrote $OUT"
