package io.clamator.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test run and a server certificate it signed for
 * {@code 127.0.0.1} and {@code localhost}, as PEM files: what a TLS Redis serves, and what its
 * clients trust. Needs BouncyCastle ({@code org.bouncycastle:bcpkix-jdk18on}) on the test classpath.
 *
 * @param caCertificate     the authority's certificate, for clients' trust stores
 * @param serverCertificate the server's certificate
 * @param serverKey         the server's private key (PKCS #8)
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(2);

    /** Generates the authority and the server certificate into {@code directory}. */
    public static TestCertificates generate(Path directory) {
        try {
            KeyPair authority = newKeyPair();
            KeyPair server = newKeyPair();
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofHours(1)));
            Date until = Date.from(now.plus(VALIDITY));
            X500Name authorityName = new X500Name("CN=clamator test CA");
            X509Certificate authorityCertificate = sign(new JcaX509v3CertificateBuilder(authorityName, serial(), from, until,
                    authorityName, authority.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), authority);
            X509Certificate serverCertificate = sign(new JcaX509v3CertificateBuilder(authorityCertificate, serial(), from, until,
                    new X500Name("CN=localhost"), server.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, LoopbackPorts.HOST),
                        new GeneralName(GeneralName.dNSName, "localhost")})), authority);
            Files.createDirectories(directory);
            TestCertificates files = new TestCertificates(directory.resolve("ca.crt"), directory.resolve("server.crt"),
                    directory.resolve("server.key"));
            writePem(files.caCertificate(), authorityCertificate);
            writePem(files.serverCertificate(), serverCertificate);
            writePem(files.serverKey(), new JcaPKCS8Generator(server.getPrivate(), null));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write test certificates to " + directory, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate test certificates", e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static X509Certificate sign(X509v3CertificateBuilder certificate, KeyPair issuer)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        PrivateKey key = issuer.getPrivate();
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
        return new JcaX509CertificateConverter().getCertificate(certificate.build(signer));
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }
}
