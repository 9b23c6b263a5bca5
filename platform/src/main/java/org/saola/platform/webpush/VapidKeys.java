package org.saola.platform.webpush;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.sql.Timestamp;
import java.time.InstantSource;
import org.saola.platform.residents.ContactCipher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The installation's VAPID key pair, kept in the database so every node signs with the same one and browsers'
 * subscriptions survive restarts: made by whichever node needs it first (the others then read that one), the
 * private key sealed with the residents' contact key.
 */
public class VapidKeys {

    private final JdbcClient jdbc;
    private final ContactCipher cipher;
    private final InstantSource clock;
    private final String subject;
    private volatile Vapid vapid;

    public VapidKeys(JdbcClient jdbc, ContactCipher cipher, InstantSource clock, String subject) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.subject = subject;
    }

    public Vapid vapid() {
        Vapid v = vapid;
        if (v == null) {
            synchronized (this) {
                if (vapid == null) {
                    vapid = new Vapid(load(), subject);
                }
                v = vapid;
            }
        }
        return v;
    }

    private KeyPair load() {
        KeyPair fresh = P256.generate();
        jdbc.sql("INSERT INTO web_push_key (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
                .params(P256.encode((ECPublicKey) fresh.getPublic()),
                        cipher.encrypt(P256.base64Url(P256.scalar((ECPrivateKey) fresh.getPrivate()))),
                        Timestamp.from(clock.instant()))
                .update();
        return jdbc.sql("SELECT public_key, private_key FROM web_push_key WHERE id = 1")
                .query((rs, i) -> P256.pair(P256.fromBase64Url(cipher.decrypt(rs.getBytes(2))), rs.getBytes(1)))
                .single();
    }
}
