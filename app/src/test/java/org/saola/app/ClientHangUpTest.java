package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A client that hangs up before its answer is written (a phone losing its signal, a script timing out) is nothing
 * the operators must look into: the platform writes nothing more and logs no error for it, and answers the next
 * client as before. Until 2026-12-07 every such request logged "Unexpected NGSI-LD error" with a stack of some
 * 170 lines, 241 of them while a client loading a million entities dropped each batch's answer unread.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientHangUpTest extends PlatformTest {

    @Test
    void aClientThatHangsUpBeforeItsAnswerIsWrittenLogsNoError(CapturedOutput logged) throws Exception {
        String type = "HangUp" + UUID.randomUUID().toString().substring(0, 8);
        String key = client().issueApiKey("hang-up " + type);          // a rate limit of its own
        SaolaClient api = client().withApiKey(key);
        StringBuilder entities = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            entities.append(i == 0 ? "" : ",").append("{\"id\": \"urn:ngsi-ld:").append(type).append(':').append(i)
                    .append("\", \"type\": \"").append(type).append("\", \"description\": {\"type\": \"Property\", \"value\": \"")
                    .append("x".repeat(600)).append("\"}}");
        }
        assertThat(api.post("/ngsi-ld/v1/entityOperations/create", entities.append(']').toString()).status())
                .isEqualTo(201);
        // ~70 kB of answer, more than the container and Jackson buffer: written while it is serialized, after the
        // client has reset the connection.
        String query = "/ngsi-ld/v1/entities?type=" + type + "&limit=100";
        String authorization = "Bearer " + key;
        for (int i = 0; i < 10; i++) {
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoLinger(true, 0);               // close with a reset, as a dropped connection ends
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + query + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                        + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }

        SaolaClient.Response answered = api.get(query);
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.json().size()).isEqualTo(100);
        Thread.sleep(1000);                                  // the last hung-up requests' handlers have finished
        assertThat(logged.getAll()).doesNotContain("Unexpected NGSI-LD error").doesNotContain("Unexpected error")
                .doesNotContain("Broken pipe");
    }
}
