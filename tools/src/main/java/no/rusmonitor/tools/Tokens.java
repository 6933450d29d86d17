package no.rusmonitor.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Signs tokens with the development key in .run/keys, the way bin/token does. */
public final class Tokens {

    private final PrivateKey key;

    public Tokens(Path privateKeyPem) throws IOException, GeneralSecurityException {
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    public String municipality(String code) {
        return sign("kommune-" + code, "municipality", ",\"municipality\":\"" + code + "\"");
    }

    public String operator() {
        return sign("operator@rusmonitor.local", "operator", "");
    }

    public String analyst() {
        return sign("analyst@rusmonitor.local", "analyst", "");
    }

    private String sign(String subject, String role, String extra) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"https://rusmonitor.no/issuer\",\"aud\":\"rusmonitor\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 43200) + ",\"jti\":\"" + UUID.randomUUID()
                + "\"" + extra + "}";
        String unsigned = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
