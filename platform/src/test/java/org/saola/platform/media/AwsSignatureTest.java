package org.saola.platform.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The S3 API reference's example of Signature Version 4 ("Example: GET Object"), signed as the reference does. */
class AwsSignatureTest {

    @Test
    void theReferencesGetObjectExampleIsSignedAsTheReferenceSigns() {
        AwsSignature aws = new AwsSignature("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
        String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(AwsSignature.sha256Hex(new byte[0])).isEqualTo(empty);
        String authorization = aws.authorization("GET", "/test.txt", Map.of("Host", "examplebucket.s3.amazonaws.com",
                "Range", "bytes=0-9", "x-amz-content-sha256", empty, "x-amz-date", "20130524T000000Z"), empty,
                Instant.parse("2013-05-24T00:00:00Z"));
        assertThat(authorization).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }
}
