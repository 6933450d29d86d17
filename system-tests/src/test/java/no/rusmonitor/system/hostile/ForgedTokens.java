package no.rusmonitor.system.hostile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import no.rusmonitor.testsupport.TestTokens;

/**
 * Authorization header values no service may accept: tokens signed by a stranger, unsigned ({@code alg:
 * none}), with a broken signature, HMAC-signed with the public key as secret (the algorithm-confusion
 * attack), from another issuer, expired, and things that are not bearer tokens at all.
 */
public final class ForgedTokens {

    private ForgedTokens() {
    }

    /** Each forged Authorization value by what is wrong with it. */
    public static Map<String, String> all(Path keyDirectory) {
        String genuine = TestTokens.operator();
        String[] parts = genuine.split("\\.");
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("signed by an untrusted key", "Bearer " + TestTokens.forgedOperator());
        forged.put("alg none", "Bearer " + encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
        forged.put("signature altered", "Bearer " + parts[0] + "." + parts[1] + "." + flipped(parts[2]));
        forged.put("claims altered after signing", "Bearer " + parts[0] + "." + encode(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8).replace("\"operator\"", "\"analyst\",\"operator\"")) + "." + parts[2]);
        forged.put("HS256 with the public key as secret", "Bearer " + hmacWithPublicKey(parts[1], keyDirectory));
        forged.put("wrong issuer", "Bearer " + TestTokens.foreignIssuerOperator());
        forged.put("another application's audience", "Bearer " + TestTokens.foreignAudienceOperator());
        forged.put("expired", "Bearer " + TestTokens.expiredMunicipality("0301"));
        forged.put("not a JWT", "Bearer not-a-token");
        forged.put("empty bearer", "Bearer ");
        forged.put("three empty parts", "Bearer ..");
        forged.put("basic credentials", "Basic " + Base64.getEncoder().encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8)));
        forged.put("injection in the token", "Bearer ' OR '1'='1");
        forged.put("jndi lookup as token", "Bearer ${jndi:ldap://127.0.0.1:1/a}");
        forged.put("8 KB of junk", "Bearer " + "A".repeat(8192));
        return forged;
    }

    private static String hmacWithPublicKey(String payload, Path keyDirectory) {
        try {
            byte[] secret = Files.readAllBytes(TestTokens.writePublicKey(keyDirectory));
            String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String flipped(String signature) {
        char last = signature.charAt(signature.length() / 2);
        return signature.substring(0, signature.length() / 2) + (last == 'A' ? 'B' : 'A') + signature.substring(signature.length() / 2 + 1);
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
