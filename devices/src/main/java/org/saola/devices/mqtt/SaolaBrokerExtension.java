package org.saola.devices.mqtt;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import com.hivemq.extension.sdk.api.interceptor.puback.PubackOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.puback.parameter.PubackOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.puback.parameter.PubackOutboundOutput;
import com.hivemq.extension.sdk.api.interceptor.pubrec.PubrecOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.pubrec.parameter.PubrecOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.pubrec.parameter.PubrecOutboundOutput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.puback.ModifiablePubackPacket;
import com.hivemq.extension.sdk.api.packets.pubrec.ModifiablePubrecPacket;
import com.hivemq.extension.sdk.api.packets.publish.ModifiableConnectPacket;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.ModifiablePublishPacket;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.domain.DeviceRegistryService;
import org.saola.devices.domain.IngestionMetrics;
import org.saola.devices.domain.ReadingIngestion;
import org.saola.devices.domain.RejectedReading;
import org.saola.devices.domain.RejectionReason;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.RateLimits;
import org.saola.platform.security.SaolaPrincipal;

/**
 * Saola's extension inside the embedded broker: authenticates each device with its own credentials, and
 * ingests each publish before the broker acknowledges it. The interceptor is asynchronous: the PUBACK of a
 * QoS 1 publish goes out only when the readings are committed, or carries an error reason code (MQTT 5) that
 * says why they were refused.
 */
public class SaolaBrokerExtension implements ExtensionMain {

    static final String DEVICE_ATTRIBUTE = "saola.device";
    /** Set on connections of API-key clients (applications receiving NGSI-LD notifications): their tenant. */
    static final String CLIENT_ATTRIBUTE = "saola.client-tenant";

    /**
     * Where stored publishes end ({@link #finishStored}): under {@code saola/}, where devices may publish (a device
     * publishing here itself is refused by the interceptor, as on any topic not its own), and which no client's
     * permissions let it subscribe to.
     */
    static final String STORED_TOPIC = "saola/stored";

    private final DeviceRegistryService registry;
    private final ReadingIngestion ingestion;
    private final IngestionMetrics metrics;
    private final MqttProperties properties;
    private final ApiKeys apiKeys;
    private final RateLimits limits;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

    private final org.saola.devices.domain.CommandService commands;
    private final EmbeddedCommandChannel commandChannel;
    private final org.saola.devices.fiware.IotAgentMqtt fiware;

    public SaolaBrokerExtension(DeviceRegistryService registry, ReadingIngestion ingestion, IngestionMetrics metrics,
            MqttProperties properties, ApiKeys apiKeys, RateLimits limits, org.saola.devices.domain.CommandService commands,
            EmbeddedCommandChannel commandChannel, org.saola.devices.fiware.IotAgentMqtt fiware) {
        this.fiware = fiware;
        this.commands = commands;
        this.commandChannel = commandChannel;
        this.limits = limits;
        this.apiKeys = apiKeys;
        this.registry = registry;
        this.ingestion = ingestion;
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        commandChannel.use(Services.publishService());
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> (SimpleAuthenticator) this::authenticate);
        Services.interceptorRegistry().setConnectInboundInterceptorProvider(providerInput -> SaolaBrokerExtension::noWill);
        PublishInboundInterceptor interceptor = this::intercept;
        PubackOutboundInterceptor acknowledged = SaolaBrokerExtension::acknowledged;
        PubrecOutboundInterceptor received = SaolaBrokerExtension::received;
        Services.initializerRegistry().setClientInitializer((initializerInput, clientContext) -> {
            clientContext.addPublishInboundInterceptor(interceptor);
            clientContext.addPubackOutboundInterceptor(acknowledged);
            clientContext.addPubrecOutboundInterceptor(received);
        });
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        work.shutdown();
    }

    /**
     * A device's Will is dropped when it connects. The broker would publish it, on the device's going away, to any
     * topic the device may publish to, without passing {@link #intercept}: a device could put a message in another
     * tenant's notification topics that way. Saola reads devices' publishes through the interceptor only, so a Will
     * would reach nobody it is meant for anyway; a device's silence is seen by the health watch. Applications
     * connecting with an API key keep theirs (they may publish only under their own tenant's notifications).
     */
    private static void noWill(ConnectInboundInput input, ConnectInboundOutput output) {
        ModifiableConnectPacket connect = output.getConnectPacket();
        boolean application = connect.getPassword().map(p -> application(bytes(p))).orElse(false);
        if (!application && connect.getModifiableWillPublish().isPresent()) {
            connect.setWillPublish(null);
        }
    }

    /** Whether a connection's password is an application's API key, not a device's secret. */
    private static boolean application(byte[] password) {
        return new String(password, java.nio.charset.StandardCharsets.UTF_8).startsWith(ApiKeys.PREFIX);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
        Optional<String> username = input.getConnectPacket().getUserName();
        Optional<ByteBuffer> password = input.getConnectPacket().getPassword();
        if (username.isEmpty() || password.isEmpty()) {
            metrics.rejected(RejectionReason.BAD_CREDENTIALS);
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    "devices connect with their username <tenant>/<deviceId> and secret");
            return;
        }
        byte[] secret = bytes(password.get());
        if (application(secret)) {
            authenticateClient(input, output, new String(secret, java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        // A database look-up (and bcrypt, for a secret stored before 2026-12): off the broker's threads.
        Async<SimpleAuthOutput> async = output.async(properties.ackTimeout(), TimeoutFallback.FAILURE);
        work.submit(() -> {
            try {
                Optional<DeviceIdentity> device = registry.authenticate(username.get(), secret);
                if (device.isEmpty()) {
                    metrics.rejected(RejectionReason.BAD_CREDENTIALS);
                    output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
                            "unknown device or wrong secret");
                    return;
                }
                input.getConnectionInformation().getConnectionAttributeStore()
                        .putAsString(DEVICE_ATTRIBUTE, device.get().username());
                ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
                // Devices publish. Publishing to another device's topic is let through to
                // the interceptor, so it is recorded against the device that tried, then refused there.
                permissions.add(Builders.topicPermission().topicFilter("saola/#")
                        .activity(TopicPermission.MqttActivity.PUBLISH)
                        .type(TopicPermission.PermissionType.ALLOW).build());
                // FIWARE devices publish on /ul/<apikey>/<id>/attrs and the like (checked by the interceptor too).
                permissions.add(Builders.topicPermission().topicFilter("/#")
                        .activity(TopicPermission.MqttActivity.PUBLISH)
                        .type(TopicPermission.PermissionType.ALLOW).build());
                fiware.commandTopic(device.get()).ifPresent(topic -> permissions.add(Builders.topicPermission()
                        .topicFilter(topic).activity(TopicPermission.MqttActivity.SUBSCRIBE).qos(TopicPermission.Qos.ALL)
                        .type(TopicPermission.PermissionType.ALLOW).build()));
                // An actuator subscribes to its own commands, and to nothing else.
                permissions.add(Builders.topicPermission().topicFilter(device.get().commandsTopic())
                        .activity(TopicPermission.MqttActivity.SUBSCRIBE).qos(TopicPermission.Qos.ALL)
                        .type(TopicPermission.PermissionType.ALLOW).build());
                permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
                output.authenticateSuccessfully();
            } catch (RuntimeException e) {
                output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "device registry unavailable");
            } finally {
                async.resume();
            }
        });
    }

    /**
     * An application with an API key (e.g. receiving NGSI-LD notifications by MQTT) may publish and subscribe
     * under {@code saola/<its tenant>/notifications/} and nowhere else.
     */
    private void authenticateClient(SimpleAuthInput input, SimpleAuthOutput output, String key) {
        Async<SimpleAuthOutput> async = output.async(properties.ackTimeout(), TimeoutFallback.FAILURE);
        work.submit(() -> {
            try {
                Optional<SaolaPrincipal> caller = apiKeys.authenticate(key);
                if (caller.isEmpty()) {
                    output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown or revoked API key");
                    return;
                }
                input.getConnectionInformation().getConnectionAttributeStore()
                        .putAsString(CLIENT_ATTRIBUTE, caller.get().tenant().value());
                ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
                permissions.add(Builders.topicPermission()
                        .topicFilter("saola/" + caller.get().tenant().value() + "/notifications/#")
                        .activity(TopicPermission.MqttActivity.ALL)
                        .type(TopicPermission.PermissionType.ALLOW).build());
                permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
                output.authenticateSuccessfully();
            } catch (RuntimeException e) {
                output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "API keys unavailable");
            } finally {
                async.resume();
            }
        });
    }

    private void intercept(PublishInboundInput input, PublishInboundOutput output) {
        if (input.getConnectionInformation().getConnectionAttributeStore().getAsString(CLIENT_ATTRIBUTE).isPresent()) {
            return;                     // an application's publish under its notifications topics: delivered as usual
        }
        Optional<DeviceIdentity> device = input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(DEVICE_ATTRIBUTE).flatMap(DeviceIdentity::fromUsername);
        if (device.isEmpty()) {
            output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "not a device connection");
            return;
        }
        if (!limits.reading(device.get().username()).allowed()) {
            metrics.rejected(RejectionReason.RATE_LIMITED);
            output.preventPublishDelivery(AckReasonCode.QUOTA_EXCEEDED, "too many messages from this device; slow down");
            return;
        }
        String topic = input.getPublishPacket().getTopic();
        if (topic.equals(device.get().commandResultTopic())) {
            answer(device.get(), input, output);
            return;
        }
        byte[] payload = payload(input);
        boolean fiwareTopic = org.saola.devices.fiware.IotAgentMqtt.isFiwareTopic(topic);
        offTheBrokersThreads(output, "readings not committed in time; send them again",
                "readings not stored; send them again", () -> {
            ReadingIngestion.Outcome outcome = (fiwareTopic ? fiware.fromDevice(device.get(), topic, payload)
                    : ingestion.ingest(device.get(), topic, payload)).join();
            if (outcome.needsResend()) {
                output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "readings not stored; send them again");
            } else if (outcome.fullyRejected()) {
                RejectedReading first = outcome.rejected().getFirst();
                output.preventPublishDelivery(ackCode(first.reason()), first.detail());
            } else {
                finishStored(output);
            }
        });
    }

    /** A device's answer to a command: recorded off the broker's threads; never delivered to anyone else. */
    private void answer(DeviceIdentity device, PublishInboundInput input, PublishInboundOutput output) {
        byte[] payload = payload(input);
        offTheBrokersThreads(output, "answer not recorded in time; send it again", "answer not recorded; send it again",
                () -> commands.answer(device, payload).ifPresentOrElse(
                why -> output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID, why),
                () -> finishStored(output)));
    }

    /**
     * A publish whose content is stored: nobody else reads device topics (the platform is the consumer), so it goes
     * on empty, not retained, to {@link #STORED_TOPIC}, which no client may subscribe to. It is not dropped
     * ({@code preventPublishDelivery(SUCCESS)}) because HiveMQ CE (2025.5) then writes the PUBACK past its QoS 1
     * flow handler, which keeps an entry per packet id of every such publish until the id comes again: up to
     * 65 535 per connection (~3.6 MB) for devices numbering their packets 1, 2, 3 … as most do, a heap that grew
     * ~40 MB a minute under 1 000 devices. Finished normally, the broker's own PUBACK releases it. The PUBACK is
     * still sent only now, after the commit: the broker waits for this interceptor to resume.
     */
    private static void finishStored(PublishInboundOutput output) {
        ModifiablePublishPacket packet = output.getPublishPacket();
        packet.setTopic(STORED_TOPIC);
        packet.setRetain(false);
        packet.setPayload(ByteBuffer.allocate(0));
    }

    /**
     * A stored publish reached no subscriber, by design: its MQTT 5 PUBACK says success, not "no matching
     * subscribers" (both are successes; only the wording differs for the device).
     */
    private static void acknowledged(PubackOutboundInput input, PubackOutboundOutput output) {
        ModifiablePubackPacket puback = output.getPubackPacket();
        if (storedByDevice(puback.getReasonCode(), input)) {
            puback.setReasonCode(AckReasonCode.SUCCESS);
        }
    }

    /** The same for a QoS 2 publish's PUBREC. */
    private static void received(PubrecOutboundInput input, PubrecOutboundOutput output) {
        ModifiablePubrecPacket pubrec = output.getPubrecPacket();
        if (storedByDevice(pubrec.getReasonCode(), input)) {
            pubrec.setReasonCode(AckReasonCode.SUCCESS);
        }
    }

    /** Whether an acknowledgement is of a device's publish that went on to {@link #STORED_TOPIC}. */
    private static boolean storedByDevice(AckReasonCode code, ClientBasedInput input) {
        return code == AckReasonCode.NO_MATCHING_SUBSCRIBERS
                && input.getConnectionInformation().getConnectionAttributeStore().getAsString(DEVICE_ATTRIBUTE).isPresent();
    }

    private static byte[] payload(PublishInboundInput input) {
        return input.getPublishPacket().getPayload().map(SaolaBrokerExtension::bytes).orElse(new byte[0]);
    }

    /**
     * Holds the PUBACK while {@code work} (database work) runs on Saola's own threads, at most the ack timeout;
     * {@code work} sets the PUBACK; if it is late or fails, the device is told so ({@code late}, {@code failed}).
     */
    private void offTheBrokersThreads(PublishInboundOutput output, String late, String failed, Runnable work) {
        Async<PublishInboundOutput> async = output.async(properties.ackTimeout(), TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR, late);
        this.work.submit(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, failed);
            } finally {
                async.resume();
            }
        });
    }

    private static AckReasonCode ackCode(RejectionReason reason) {
        return switch (reason) {
            case MALFORMED_PAYLOAD, TOO_LARGE, UNKNOWN_ATTRIBUTE, OUT_OF_SCHEMA, OUT_OF_RANGE, FAR_FUTURE ->
                    AckReasonCode.PAYLOAD_FORMAT_INVALID;
            case FORBIDDEN_TOPIC, BAD_CREDENTIALS, NOT_BEHIND_GATEWAY -> AckReasonCode.NOT_AUTHORIZED;
            case NOT_STORED -> AckReasonCode.UNSPECIFIED_ERROR;
            case REPLAYED -> AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
            case RATE_LIMITED -> AckReasonCode.QUOTA_EXCEEDED;
        };
    }
}
