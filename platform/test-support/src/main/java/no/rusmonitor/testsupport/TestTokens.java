package no.rusmonitor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Signed bearer tokens for tests, made the way the platform's issuer makes them: RS256, issuer
 * {@value #ISSUER}, audience {@value #AUDIENCE}, roles in {@code groups}, the municipality code in the
 * {@code municipality} claim.
 * <p>
 * The key pair is generated once per test JVM; {@link JwtTestResource} hands its public half to the service.
 */
public final class TestTokens {

    public static final String ISSUER = "https://rusmonitor.no/issuer";
    public static final String AUDIENCE = "rusmonitor";

    private static final KeyPair KEYS = sharedKeyPair("rusmonitor.test.jwt.trusted");
    private static final KeyPair STRANGER = sharedKeyPair("rusmonitor.test.jwt.stranger");

    private TestTokens() {
    }

    public static String municipality(String code) {
        return token("kommune-" + code, Set.of("municipality"), code, KEYS.getPrivate(), Instant.now().plusSeconds(3600));
    }

    /**
     * A municipality's token whose claim is a JSON number, as an identity provider might send it: a code is
     * text ("0301"), and this token acts for no municipality.
     */
    public static String municipalityAsNumber(int code) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("kommune-" + code).upn("kommune-" + code).groups(Set.of("municipality"))
                .claim("municipality", code).expiresAt(Instant.now().plusSeconds(3600)).sign(KEYS.getPrivate());
    }

    public static String analyst() {
        return token("analyst@fafo.test", Set.of("analyst"), null, KEYS.getPrivate(), Instant.now().plusSeconds(3600));
    }

    /** An analyst's token that expires at {@code expiresAt}. */
    public static String analystUntil(Instant expiresAt) {
        return token("analyst@fafo.test", Set.of("analyst"), null, KEYS.getPrivate(), expiresAt);
    }

    public static String operator() {
        return operator("operator@rusmonitor.test");
    }

    /** An operator of another name, for telling two operators' actions apart. */
    public static String operator(String name) {
        return token(name, Set.of("operator"), null, KEYS.getPrivate(), Instant.now().plusSeconds(3600));
    }

    /** A token that was valid once but has expired. */
    public static String expiredMunicipality(String code) {
        return token("kommune-" + code, Set.of("municipality"), code, KEYS.getPrivate(), Instant.now().minusSeconds(600));
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String forgedOperator() {
        return token("intruder", Set.of("operator"), null, STRANGER.getPrivate(), Instant.now().plusSeconds(3600));
    }

    /** Signed with the trusted key, but by an issuer the services do not trust. */
    public static String foreignIssuerOperator() {
        return token("https://evil.example/issuer", "intruder", Set.of("operator"), null, KEYS.getPrivate(), Instant.now().plusSeconds(3600));
    }

    /** Signed with the trusted key by the trusted issuer, but for another application. */
    public static String foreignAudienceOperator() {
        return token(ISSUER, "another-app", "intruder", Set.of("operator"), null, KEYS.getPrivate(), Instant.now().plusSeconds(3600));
    }

    /** Writes the trusted public key as PEM and returns its path. */
    public static Path writePublicKey(Path directory) {
        return writePem(directory.resolve("jwt-public.pem"), "PUBLIC KEY", KEYS.getPublic().getEncoded());
    }

    /**
     * Writes the trusted private key as PEM (PKCS#8) and returns its path: for programs that sign their own
     * tokens with the development key, as the tools behind bin/demo and bin/bench do.
     */
    public static Path writePrivateKey(Path directory) {
        return writePem(directory.resolve("jwt-private.pem"), "PRIVATE KEY", KEYS.getPrivate().getEncoded());
    }

    private static Path writePem(Path file, String label, byte[] encoded) {
        String pem = "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(encoded)
                + "\n-----END " + label + "-----\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(String subject, Set<String> groups, String municipality, PrivateKey key, Instant expiresAt) {
        return token(ISSUER, AUDIENCE, subject, groups, municipality, key, expiresAt);
    }

    private static String token(String issuer, String subject, Set<String> groups, String municipality, PrivateKey key, Instant expiresAt) {
        return token(issuer, AUDIENCE, subject, groups, municipality, key, expiresAt);
    }

    private static String token(String issuer, String audience, String subject, Set<String> groups, String municipality, PrivateKey key,
            Instant expiresAt) {
        var claims = Jwt.issuer(issuer)
                .audience(audience)
                .subject(subject)
                .upn(subject)
                .groups(groups)
                .issuedAt(expiresAt.minusSeconds(3600))
                .expiresAt(expiresAt);
        if (municipality != null) {
            claims.claim("municipality", municipality);
        }
        return claims.sign(key);
    }

    /**
     * One key pair per JVM, even when this class is loaded by more than one class loader (the test
     * resource and the test class may be): the encoded keys travel in system properties.
     */
    private static KeyPair sharedKeyPair(String property) {
        synchronized (System.getProperties()) {
            String encoded = System.getProperty(property);
            try {
                KeyFactory factory = KeyFactory.getInstance("RSA");
                if (encoded == null) {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair pair = generator.generateKeyPair();
                    System.setProperty(property, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                            + "." + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
                    return pair;
                }
                String[] parts = encoded.split("\\.");
                return new KeyPair(
                        factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1]))),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0]))));
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
