package org.saola.platform.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.saola.platform.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebPushEncryptionTest {

    // RFC 8291, Appendix A: the example's keys, salt and message, and the body it gives
    static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    static byte[] b(String s) {
        return P256.fromBase64Url(s);
    }

    @Test
    void encryptsTheRfcExampleToTheBytesItPrints() {
        KeyPair as = P256.pair(b(AS_PRIVATE), b(AS_PUBLIC));
        byte[] body = WebPushEncryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), b(UA_PUBLIC), b(AUTH), as, b(SALT));
        assertThat(P256.base64Url(body)).isEqualTo(BODY);
    }

    @Test
    void theBrowsersSideOpensTheRfcExample() throws Exception {
        byte[] plain = WebPushEncryption.decrypt(b(BODY), P256.privateKey(b(UA_PRIVATE)), b(UA_PUBLIC), b(AUTH));
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
    }

    @Test
    void eachMessageHasItsOwnKeyAndSaltAndOnlyThatBrowserCanReadIt() throws Exception {
        KeyPair browser = P256.generate();
        byte[] uaPublic = P256.encode((ECPublicKey) browser.getPublic());
        byte[] auth = new byte[16];
        new java.security.SecureRandom().nextBytes(auth);
        byte[] message = "Cảnh báo lũ: mực nước 3,2 m".getBytes(StandardCharsets.UTF_8);
        byte[] one = WebPushEncryption.encrypt(message, uaPublic, auth);
        byte[] two = WebPushEncryption.encrypt(message, uaPublic, auth);
        assertThat(one).isNotEqualTo(two);
        assertThat(new String(WebPushEncryption.decrypt(one, (ECPrivateKey) browser.getPrivate(), uaPublic, auth), StandardCharsets.UTF_8))
                .isEqualTo("Cảnh báo lũ: mực nước 3,2 m");
        KeyPair other = P256.generate();
        assertThatThrownBy(() -> WebPushEncryption.decrypt(one, (ECPrivateKey) other.getPrivate(),
                P256.encode((ECPublicKey) other.getPublic()), auth)).isInstanceOf(java.security.GeneralSecurityException.class);
        byte[] wrongSecret = auth.clone();
        wrongSecret[0] ^= 1;
        assertThatThrownBy(() -> WebPushEncryption.decrypt(one, (ECPrivateKey) browser.getPrivate(), uaPublic, wrongSecret))
                .isInstanceOf(java.security.GeneralSecurityException.class);
        assertThatThrownBy(() -> WebPushEncryption.encrypt(new byte[WebPushEncryption.MAX_PLAINTEXT + 1], uaPublic, auth))
                .hasMessageContaining("at most");
    }

    @Test
    void aPointOffTheCurveIsRefused() {
        byte[] point = b(UA_PUBLIC);
        point[64] ^= 1;                                   // y no longer fits x
        assertThatThrownBy(() -> P256.publicKey(point)).hasMessageContaining("not a point on P-256");
        assertThatThrownBy(() -> P256.publicKey(new byte[33])).hasMessageContaining("65 bytes");
    }

    @Test
    void theVapidTokenIsAnEs256JwtForThePushServicesOriginThatItsPublicKeyVerifies() throws Exception {
        KeyPair keys = P256.generate();
        Vapid vapid = new Vapid(keys, "mailto:warnings@danang.gov.vn");
        Instant now = Instant.parse("2026-12-01T03:00:00Z");
        String header = vapid.authorization(URI.create("https://fcm.googleapis.com:443/fcm/send/abc?x=1"), now);
        assertThat(header).startsWith("vapid t=").contains(", k=" + vapid.publicKey());
        String jwt = header.substring("vapid t=".length(), header.indexOf(", k="));
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode head = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(head.get("alg").asString()).isEqualTo("ES256");
        assertThat(claims.get("aud").asString()).as("an origin: no default port").isEqualTo("https://fcm.googleapis.com");
        assertThat(claims.get("sub").asString()).isEqualTo("mailto:warnings@danang.gov.vn");
        assertThat(claims.get("exp").asLong()).isEqualTo(now.getEpochSecond() + 12 * 3600);
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        assertThat(signature).hasSize(64);                // r || s, not DER
        Signature verify = Signature.getInstance("SHA256withECDSAinP1363Format");
        verify.initVerify(P256.publicKey(b(vapid.publicKey())));
        verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(signature)).isTrue();
        assertThat(P256.publicKey(b(vapid.publicKey())).getW().getAffineX()).isEqualTo(((ECPublicKey) keys.getPublic()).getW().getAffineX());
        assertThat(new Vapid(keys, "https://danang.gov.vn").publicKey()).isEqualTo(vapid.publicKey());
        assertThat(vapid.authorization(URI.create("http://127.0.0.1:9000/p/1"), now)).isNotNull();
        assertThatThrownBy(() -> new Vapid(keys, "someone")).hasMessageContaining("mailto:");
        assertThatThrownBy(() -> new Vapid(keys, "http://danang.gov.vn")).hasMessageContaining("https:");
    }

    @Test
    void aSubscriptionIsCheckedAsItArrives() {
        PushSubscription ok = PushSubscription.parse("https://updates.push.services.mozilla.com/wpush/v2/gAAAA", UA_PUBLIC, AUTH);
        assertThat(ok.auth()).hasSize(16);
        assertThat(PushSubscription.parse("http://127.0.0.1:9000/push/1", UA_PUBLIC + "=", AUTH + "==").endpoint().getPort()).isEqualTo(9000);
        assertThatThrownBy(() -> PushSubscription.parse("http://push.example.com/1", UA_PUBLIC, AUTH))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> PushSubscription.parse("https://user:pw@push.example.com/1", UA_PUBLIC, AUTH))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PushSubscription.parse("https://push.example.com/1", "not-a-key", AUTH))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("p256dh");
        assertThatThrownBy(() -> PushSubscription.parse("https://push.example.com/1", UA_PUBLIC, "c2hvcnQ"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("16-byte");
        assertThatThrownBy(() -> PushSubscription.parse(null, UA_PUBLIC, AUTH)).isInstanceOf(InvalidInputException.class);
        assertThat(new BigInteger(1, P256.scalar(P256.privateKey(b(UA_PRIVATE))))).isEqualTo(new BigInteger(1, b(UA_PRIVATE)));
        java.util.List<String> services = java.util.List.of("fcm.googleapis.com", "push.services.mozilla.com");
        assertThat(PushSubscription.accept("https://updates.push.services.mozilla.com/wpush/v2/x", UA_PUBLIC, AUTH, services))
                .isNotNull();
        assertThat(PushSubscription.accept("https://fcm.googleapis.com/fcm/send/x", UA_PUBLIC, AUTH, services)).isNotNull();
        assertThatThrownBy(() -> PushSubscription.accept("https://victim.example.com/x", UA_PUBLIC, AUTH, services))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("push service");
        assertThatThrownBy(() -> PushSubscription.accept("https://evilfcm.googleapis.com.example/x", UA_PUBLIC, AUTH, services))
                .isInstanceOf(InvalidInputException.class);
    }
}
