package no.rusmonitor.platform.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An event's bytes as JSON text, which is UTF-8 (RFC 8259). Consumers read records as bytes and decode them here
 * rather than in a StringDeserializer, which replaces bytes that are not UTF-8: a record of them is then refused
 * as what it is, and reaches the dead-letter topic with the bytes it came with.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The text, or an exception where the bytes are not UTF-8. */
    public static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }
}
