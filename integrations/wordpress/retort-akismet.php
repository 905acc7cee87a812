<?php
/**
 * Plugin Name: Retort for Akismet
 * Description: Sends the Akismet plugin's requests to a self-hosted Retort server instead of
 *              rest.akismet.com, so comments, e-mail addresses and IPs stay on your own servers.
 * Version:     1.0.0
 * License:     AGPL-3.0-or-later
 *
 * Install: copy this file to wp-content/mu-plugins/ and add to wp-config.php
 *     define( 'RETORT_AKISMET_URL', 'https://comments.example.org' );
 * Then enter a key made with `retort keys create --site https://your-blog.example` in the
 * Akismet plugin's settings. The Akismet plugin itself is unchanged.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Rewrites https://rest.akismet.com/... and https://KEY.rest.akismet.com/... to the Retort URL,
 * keeping the path (/1.1/comment-check, ...) and the request body. Other requests pass through.
 */
function retort_akismet_redirect( $preempt, $args, $url ) {
	if ( false !== $preempt || ! defined( 'RETORT_AKISMET_URL' ) ) {
		return $preempt;
	}
	$host = wp_parse_url( $url, PHP_URL_HOST );
	if ( ! is_string( $host ) || ( 'rest.akismet.com' !== $host && ! str_ends_with( $host, '.rest.akismet.com' ) ) ) {
		return $preempt;
	}
	$path  = (string) wp_parse_url( $url, PHP_URL_PATH );
	$query = wp_parse_url( $url, PHP_URL_QUERY );
	$target = untrailingslashit( RETORT_AKISMET_URL ) . $path . ( $query ? '?' . $query : '' );
	// The Akismet plugin sets an explicit Host header for rest.akismet.com; let WordPress set
	// the right one for the Retort server.
	if ( isset( $args['headers'] ) && is_array( $args['headers'] ) ) {
		unset( $args['headers']['Host'], $args['headers']['host'] );
	}
	return wp_remote_request( $target, $args );
}
add_filter( 'pre_http_request', 'retort_akismet_redirect', 10, 3 );
