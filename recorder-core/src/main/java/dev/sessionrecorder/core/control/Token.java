package dev.sessionrecorder.core.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret of a TCP control channel and the framing that proves it. Loopback TCP is reachable by every
 * local user, so every request must show the token from the endpoint file, which only SYSTEM and
 * administrators can read.
 *
 * <p>Neither side ever sends the token itself: a request carries an HMAC-SHA256 of a fresh nonce and the
 * command, and the reply carries an HMAC of that nonce and the reply. When a recorder dies, its port can
 * be taken by any local process (the recorded user's, say); a client that sent the token there would hand
 * it over, and that process could then pose as a live recorder: block the next recorder from starting,
 * or feed the SYSTEM hooks invented replies. With MACs it learns nothing it can answer with.
 *
 * <pre>
 * request: &lt;nonce&gt; &lt;mac("request", nonce, command)&gt; [command]
 * reply:   &lt;mac("reply", nonce, reply)&gt; &lt;reply&gt;
 * refused: {"error":"unauthorized"}            (unsigned; the handler never sees the request)
 * </pre>
 * An empty command is a liveness probe, answered by the channel itself.
 */
final class Token {
    /** 256 bits; the brief asks for at least 128. */
    static final int BYTES = 32;
    private static final int NONCE_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;

    private Token(byte[] secret) {
        this.secret = secret;
    }

    static Token generate() {
        byte[] b = new byte[BYTES];
        RANDOM.nextBytes(b);
        return new Token(b);
    }

    /** @throws IllegalArgumentException when {@code encoded} is not a token this class wrote */
    static Token decode(String encoded) {
        byte[] b = Base64.getUrlDecoder().decode(encoded);
        if (b.length != BYTES) {
            throw new IllegalArgumentException("a control token has " + BYTES + " bytes, not " + b.length);
        }
        return new Token(b);
    }

    /** Base64url without padding: 43 characters. */
    String encoded() {
        return ENCODER.encodeToString(secret);
    }

    /** A request line for {@code command}, and the nonce its reply must be signed over. */
    Request request(String command) {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        String nonce = ENCODER.encodeToString(n);
        String line = nonce + " " + mac("request", nonce, command) + (command.isEmpty() ? "" : " " + command);
        return new Request(nonce, command, line);
    }

    /** The request in {@code line} when it is signed with this token; empty otherwise. */
    Optional<Request> admit(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        String command = parts.length == 3 ? parts[2] : "";
        return matches(parts[1], mac("request", parts[0], command))
                ? Optional.of(new Request(parts[0], command, line)) : Optional.empty();
    }

    String seal(Request request, String reply) {
        return mac("reply", request.nonce(), reply) + " " + reply;
    }

    /** The reply in {@code line} when it is signed with this token over {@code request}'s nonce; empty otherwise. */
    Optional<String> open(Request request, String line) {
        int space = line.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String reply = line.substring(space + 1);
        return matches(line.substring(0, space), mac("reply", request.nonce(), reply)) ? Optional.of(reply) : Optional.empty();
    }

    private String mac(String purpose, String nonce, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return ENCODER.encodeToString(mac.doFinal((purpose + "\n" + nonce + "\n" + text).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    /** Constant time for equal lengths; every MAC here has the same length, so timing reveals nothing. */
    private static boolean matches(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** One signed request: its nonce, its command, and the line that carries them. */
    record Request(String nonce, String command, String line) {}
}
