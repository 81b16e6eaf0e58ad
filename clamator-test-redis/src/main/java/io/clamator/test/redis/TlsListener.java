package io.clamator.test.redis;

/**
 * The TLS port of a test Redis and the certificates it serves.
 *
 * @param port         the loopback port that speaks TLS only
 * @param certificates the server's certificate, its key, and the authority that signed it
 */
record TlsListener(int port, TestCertificates certificates) {
}
