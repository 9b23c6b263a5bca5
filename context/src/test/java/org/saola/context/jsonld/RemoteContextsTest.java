package org.saola.context.jsonld;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saola.platform.outbound.OutboundHttp;
import org.saola.platform.outbound.OutboundPolicy;
import org.springframework.util.unit.DataSize;

class RemoteContextsTest {

    private final RemoteContexts guarded = new RemoteContexts(new OutboundHttp(new OutboundPolicy(
            new OutboundPolicy.Properties(List.of(), Duration.ofSeconds(2), Duration.ofSeconds(2), DataSize.ofMegabytes(1)),
            tenant -> List.of(), java.net.InetAddress::getAllByName)), Duration.ofSeconds(2), Duration.ofHours(1),
            InstantSource.system());

    @Test
    void contextsOnTheMachinesOwnNetworksAreNotFetched() {
        for (String url : new String[] {"http://127.0.0.1:9/ctx.jsonld", "http://localhost/ctx.jsonld",
                "http://10.0.0.5/ctx.jsonld", "http://192.168.1.1/ctx.jsonld", "http://169.254.169.254/latest",
                "http://100.64.0.1/ctx.jsonld", "http://[::1]/ctx.jsonld"}) {
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
