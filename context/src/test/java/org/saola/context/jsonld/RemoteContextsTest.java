package org.saola.context.jsonld;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RemoteContextsTest {

    private final RemoteContexts guarded = new RemoteContexts(Duration.ofSeconds(2), Duration.ofHours(1), false);

    @Test
    void contextsOnTheMachinesOwnNetworksAreNotFetched() {
        for (String url : new String[] {"http://127.0.0.1:9/ctx.jsonld", "http://localhost/ctx.jsonld",
                "http://10.0.0.5/ctx.jsonld", "http://192.168.1.1/ctx.jsonld", "http://169.254.169.254/latest"}) {
            assertThatThrownBy(() -> guarded.load(URI.create(url))).isInstanceOf(ContextNotAvailableException.class)
                    .hasMessageContaining("private or local network").hasMessageContaining(url);
        }
    }

    @Test
    void onlyHttpUrlsAreFetched() {
        assertThatThrownBy(() -> guarded.load(URI.create("file:///etc/passwd")))
                .isInstanceOf(ContextNotAvailableException.class).hasMessageContaining("not an http(s) URL");
    }
}
