/**
 * {@code migcert allure}: renders a run's Allure results as Allure's HTML report, offline, with
 * Allure's own command line. That command line is fetched once through Maven (so the user's
 * settings, mirrors and local repository apply), checked against a pinned SHA-256, unpacked into a
 * cache and run as a plain Java process; Allure's history is carried from one render to the next.
 */
package org.migcert.allure;
