package org.saola.participation.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.saola.platform.residents.ContactCipher;

/**
 * A process's ballot key, the lock of its ballot box. During the vote it seals each ballot (AES-256-GCM, a
 * random nonce each time) and derives each voter's slot (HMAC-SHA256 of the voter), so that a resident's
 * ballot can be found again to be changed without the box storing who cast it. Whoever holds the database
 * but not this key (it is kept sealed with the platform key, outside the database) can neither read a ballot
 * nor tell whose it is; at the count the key is destroyed, and with it any way to link the two.
 */
public final class BallotKey {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec sealing;
    private final SecretKeySpec slots;
    private final byte[] raw;

    public BallotKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("a ballot key has 32 bytes; got " + raw.length);
        }
        this.raw = raw.clone();
        this.sealing = new SecretKeySpec(ContactCipher.derive(raw, "saola.ballot.seal"), "AES");
        this.slots = new SecretKeySpec(ContactCipher.derive(raw, "saola.ballot.slot"), "HmacSHA256");
    }

    public static BallotKey generate() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return new BallotKey(raw);
    }

    public byte[] raw() {
        return raw.clone();
    }

    /** Where this voter's ballot sits in the box: the same voter always gets the same slot under this key. */
    public byte[] slot(String voter) {
        return ContactCipher.mac(slots, voter.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] seal(Ballot ballot) {
        if (ballot.scope().contains("\n")) {
            throw new IllegalArgumentException("a budget scope has no line break");
        }
        String text = ballot.scope() + "\n" + String.join("\n", ballot.projects());
        return ContactCipher.seal(sealing, text.getBytes(StandardCharsets.UTF_8));
    }

    public Ballot open(byte[] sealed) {
        try {
            String text = new String(ContactCipher.open(sealing, sealed), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            String scope = lines.remove(0);
            return new Ballot(scope, lines.stream().filter(l -> !l.isEmpty()).toList());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a ballot could not be opened with its process's key", e);
        }
    }
}
