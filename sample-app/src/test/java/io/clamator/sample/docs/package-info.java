/**
 * Examples quoted by the documentation under {@code docs/}. Every {@code java} code block of the
 * documentation is checked against these and the other sources of the repository
 * ({@code DocumentationTests}); the tests next to them run the examples.
 *
 * <p>Example components carry {@code @Profile("docs")} so that the sample application, which
 * scans {@code io.clamator.sample}, leaves them out unless a test activates that profile.
 */
package io.clamator.sample.docs;
