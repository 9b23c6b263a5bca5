package org.saola.simulator;

import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.devices.DeviceCredentials;
import org.saola.devices.DeviceRegistry;
import org.saola.devices.MqttEndpoint;
import org.saola.devices.NewDevice;
import org.saola.platform.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Runs the demo city: registers its districts, stations and sensors (new secrets at every start, since only
 * hashes are stored), then each device connects to the broker with its own credentials and publishes a reading
 * every interval at QoS 1, like a real device.
 */
@Component
@ConditionalOnProperty(name = "saola.simulator.enabled", havingValue = "true")
@EnableConfigurationProperties(SimulatorProperties.class)
public class CitySimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CitySimulator.class);

    private final DeviceRegistry registry;
    private final ContextService context;
    private final MqttEndpoint broker;
    private final SimulatorProperties properties;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("city-simulator").daemon(true).factory());
    private final List<Mqtt5AsyncClient> clients = new ArrayList<>();

    private final Departments departments;
    private final org.saola.devices.register.SensorRegister register;
    private final java.time.InstantSource clock;

    private final org.saola.platform.security.ApiKeys apiKeys;
    private final org.saola.alerts.RuleImport rules;
    /** The episodes the demo can be put through ({@code POST /api/v1/demo/scenarios/{flood|pollution}}). */
    private final Scenarios scenarios = new Scenarios();
    private final org.saola.alerts.RulePackSwitch packs;
    private final org.saola.domains.waste.WastePlanner wastePlanner;
    private final org.saola.domains.water.LeakDetector leaks;
    private final org.saola.domains.traffic.CongestionWatch traffic;
    private final org.saola.domains.lighting.LightingWatch lighting;
    private final org.springframework.core.env.Environment environment;
    /** The name of the API key the demo's ChirpStack stand-in posts with; replaced at every start. */
    static final String CHIRPSTACK_KEY = "demo ChirpStack integration";

    public CitySimulator(DeviceRegistry registry, ContextService context, MqttEndpoint broker,
            SimulatorProperties properties, Departments departments, java.time.InstantSource clock,
            org.saola.devices.register.SensorRegister register, org.saola.platform.security.ApiKeys apiKeys,
            org.springframework.core.env.Environment environment, org.saola.alerts.RuleImport rules,
            org.saola.alerts.RulePackSwitch packs, org.saola.domains.waste.WastePlanner wastePlanner,
            org.saola.domains.water.LeakDetector leaks, org.saola.domains.traffic.CongestionWatch traffic,
            org.saola.domains.lighting.LightingWatch lighting) {
        this.lighting = lighting;
        this.traffic = traffic;
        this.wastePlanner = wastePlanner;
        this.leaks = leaks;
        this.rules = rules;
        this.packs = packs;
        this.apiKeys = apiKeys;
        this.environment = environment;
        this.register = register;
        this.clock = clock;
        this.departments = departments;
        this.registry = registry;
        this.context = context;
        this.broker = broker;
        this.properties = properties;
    }

    /** Starts a flood or a pollution episode of {@code length} (after a ten-minute rise); when it will end. */
    public Instant startScenario(String name, java.time.Duration length) {
        return switch (name) {
            case "flood" -> scenarios.startFlood(clock.instant(), length);
            case "pollution" -> scenarios.startPollution(clock.instant(), length);
            default -> throw new org.saola.platform.NotFoundException("no scenario '" + name + "'; there are flood and pollution");
        };
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        TenantId tenant = TenantId.DEFAULT;
        var f = JsonNodeFactory.instance;
        for (DemoCity.District d : DemoCity.DISTRICTS) {
            var polygon = f.objectNode().put("type", "Polygon");
            var ring = polygon.putArray("coordinates").addArray();
            for (double[] p : d.ring()) {
                ring.addArray().add(p[0]).add(p[1]);
            }
            context.upsert(new EntityUpdate(tenant, "urn:ngsi-ld:District:da-nang:" + d.slug(), "District", Map.of(
                    "name", Attribute.property(f.stringNode(d.name())),
                    "location", Attribute.geoProperty(polygon)))).join();
        }
        for (Department d : DemoCity.departments()) {
            if (departments.find(tenant, d.code()).isEmpty()) {
                departments.create(tenant, d);
            }
        }
        // The demo's rules, unless the city has them already (an operator's edits survive a restart).
        java.util.Set<String> have = rules.ruleNames(tenant);
        List<org.saola.alerts.RuleDraft> missing = DemoCity.rules().stream().filter(r -> !have.contains(r.name())).toList();
        if (!missing.isEmpty()) {
            rules.importRules(tenant, missing);
        }
        // The packs the demo has on (an operator who switched one off keeps it off: only a new city gets them).
        if (packs.enabled(tenant).isEmpty() && have.isEmpty()) {
            for (String pack : DemoCity.PACKS) {
                packs.switchOn(tenant, pack, "demo");
            }
        }
        // Each river gauge's flood alarm levels, which the flood pack compares its water with.
        for (DemoCity.Sensor s : DemoCity.sensors()) {
            if (s.profile().equals("water-level")) {
                context.upsert(new EntityUpdate(tenant, "urn:ngsi-ld:WaterObserved:" + s.id(), "WaterObserved", Map.of(
                        "alarmLevel1", Attribute.property(f.numberNode(DemoCity.ALARM_LEVELS[0]), null, "MTR"),
                        "alarmLevel2", Attribute.property(f.numberNode(DemoCity.ALARM_LEVELS[1]), null, "MTR"),
                        "alarmLevel3", Attribute.property(f.numberNode(DemoCity.ALARM_LEVELS[2]), null, "MTR")))).join();
            }
        }
        for (org.saola.devices.register.ListedSensor l : DemoCity.listedSensors()) {
            if (register.listed(tenant, l.id()).isPresent()) {
                register.replace(tenant, l);
            } else {
                register.add(tenant, l);
            }
        }
        List<Runnable> devices = new ArrayList<>();
        var misbehaving = DemoCity.misbehaving();
        for (DemoCity.Station s : DemoCity.stations()) {
            AirQualityModel model = new AirQualityModel(s.district().basePm25(), s.id().hashCode(), scenarios);
            devices.add(() -> run(tenant, new NewDevice(s.id(), s.name(), "air-quality", s.latitude(), s.longitude(),
                    DemoCity.stewardship("air-quality"), java.util.Optional.empty()), misbehaving.get(s.id()), model::nextPayload,
                    null, model::backlog));
        }
        // Gateways first: the devices behind them name them when they are registered.
        List<DemoCity.Sensor> sensors = new ArrayList<>(DemoCity.sensors());
        sensors.sort(java.util.Comparator.comparing(s -> !s.profile().equals("gateway")));
        Map<String, SensorModel> models = new java.util.HashMap<>();
        Map<String, SensorModel.WasteContainer> bins = new java.util.HashMap<>();
        Map<String, List<SensorModel.WaterMeter>> households = new java.util.HashMap<>();
        Map<String, SensorModel.TrafficCounter> counters = new java.util.HashMap<>();
        Map<String, SensorModel.StreetLight> lights = new java.util.HashMap<>();
        Map<String, SensorModel.WaterLevel> gauges = new java.util.HashMap<>();
        for (DemoCity.Sensor s : sensors) {
            SensorModel model = SensorModel.of(s.profile(), s.id().hashCode(), scenarios);
            if (s.profile().equals("water-meter")) {
                SensorModel.WaterMeter meter = new SensorModel.WaterMeter(s.id().hashCode(), DemoCity.HOUSEHOLD_LEAKS.getOrDefault(s.id(), 0.0));
                households.computeIfAbsent(s.district().slug(), k -> new ArrayList<>()).add(meter);
                model = meter;
            }
            if (s.profile().equals("water-level") && model instanceof SensorModel.WaterLevel gauge) {
                gauges.put(s.id(), gauge);
            }
            if (s.profile().equals("street-light")) {
                SensorModel.StreetLight light = new SensorModel.StreetLight(s.id().hashCode(), s.id().equals(DemoCity.FAILED_LAMP));
                lights.put(s.id(), light);
                model = light;
            }
            if (s.profile().equals("traffic-counter")) {
                SensorModel.TrafficCounter counter = new SensorModel.TrafficCounter(s.id().hashCode());
                if (s.id().equals(DemoCity.INCIDENT_COUNTER)) {
                    // An accident began an hour and a half ago and holds the road for another half hour.
                    counter.incident(clock.instant().plus(java.time.Duration.ofMinutes(30)));
                }
                counters.put(s.id(), counter);
                model = counter;
            }
            if (s.profile().equals("waste-container")) {
                SensorModel.WasteContainer bin = new SensorModel.WasteContainer(s.id().hashCode(), s.district().wastePerHour());
                bins.put("urn:ngsi-ld:WasteContainer:" + s.id(), bin);
                model = bin;
            }
            SensorModel.Misbehaviour how = misbehaving.get(s.id());
            models.put(s.id(), how == null ? model : SensorModel.misbehaving(model, how));
        }
        ChirpStackStandIn chirpstack = chirpStack(tenant);
        for (DemoCity.Sensor s : sensors) {
            NewDevice device = new NewDevice(s.id(), s.name(), s.profile(), s.latitude(), s.longitude(),
                    DemoCity.stewardship(s.profile()), s.gateway());
            if (s.gateway().isPresent()) {
                devices.add(() -> register(tenant, device));
                continue;
            }
            if (s.profile().equals("water-meter")) {
                devices.add(() -> runLorawan(tenant, device, models.get(s.id()), chirpstack));
                continue;
            }
            List<DemoCity.Sensor> behind = sensors.stream().filter(c -> c.gateway().equals(java.util.Optional.of(s.id()))).toList();
            // A gateway sends, besides its own state, one message with a reading of each device behind it.
            java.util.function.Function<Instant, String> relayed = behind.isEmpty() ? null : now -> behind.stream()
                    .map(c -> "\"" + c.id() + "\":" + models.get(c.id()).nextPayload(now))
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
            SensorModel.WasteContainer bin = bins.get("urn:ngsi-ld:WasteContainer:" + s.id());
            SensorModel.TrafficCounter counter = misbehaving.containsKey(s.id()) ? null : counters.get(s.id());
            SensorModel.StreetLight light = lights.get(s.id());
            SensorModel.WaterLevel gauge = misbehaving.containsKey(s.id()) ? null : gauges.get(s.id());
            java.util.function.Function<Instant, List<String>> backlog = bin != null ? bin::backlog : counter != null ? counter::backlog
                    : light != null ? light::backlog : gauge != null ? at -> gauge.backlog(at, gaugeDays(tenant, s.id(), at)) : null;
            devices.add(() -> run(tenant, device, misbehaving.get(s.id()), models.get(s.id())::nextPayload, relayed, backlog));
        }
        DemoWaste waste = new DemoWaste(wastePlanner, scheduler, clock, bins);
        // Each district's water network has a meter at its inlet (the water company's, not a household's).
        for (DemoCity.District d : DemoCity.DISTRICTS) {
            SensorModel.DistrictInlet inlet = new SensorModel.DistrictInlet(d.slug().hashCode(),
                    households.getOrDefault(d.slug(), List.of()), DemoCity.NETWORK_LEAKS.getOrDefault(d.slug(), 0.0));
            NewDevice device = new NewDevice(DemoCity.inletOf(d), "Đồng hồ tổng " + d.name(), "water-meter",
                    Math.round((d.south() + 0.004) * 1e5) / 1e5, Math.round((d.west() + 0.004) * 1e5) / 1e5,
                    DemoCity.stewardship("water-inlet"), java.util.Optional.empty());
            devices.add(() -> run(tenant, device, null, inlet::nextPayload, null, inlet::backlog));
        }
        if (leaks.settings(tenant).districts().isEmpty()) {
            leaks.setSettings(tenant, DemoCity.waterSettings(), "demo");
        }
        // The traffic counters' week is their usual (a real city looks at four).
        if (!traffic.watching(tenant)) {
            traffic.setSettings(tenant, new org.saola.domains.traffic.TrafficSettings(7, null, null), "demo");
        }
        if (!lighting.watching(tenant)) {
            lighting.setSettings(tenant, DemoCity.lighting(), "demo");
        }
        runReports(tenant);
        runParticipation(tenant);
        waste.start(tenant);
        scheduler.schedule(() -> guarded(() -> runOpenData(tenant)), 20, TimeUnit.SECONDS);
        delayStep = Math.max(1, properties.interval().toMillis() / devices.size());
        devices.forEach(Runnable::run);
        runFiware(tenant);
        log.info("Demo city Đà Nẵng: {} districts, {} departments, {} air-quality stations and {} other devices "
                + "publishing every {} ({} unconnected cameras and counters listed on /city/sensors); residents file reports "
                + "through Open311 and officers work them (/operations/reports); residents vote on the community budget and propose, support and discuss green-space ideas (/city/participation); waste rounds are planned and driven (/operations/waste); water meters and district inlets show last night's planted leaks (/operations/water); an accident slows a road (/operations/traffic); a street lamp has failed (/operations/lighting); residents' codes and report updates appear on /demo/outbox; open data on /api/3/action/package_list", DemoCity.DISTRICTS.size(), DemoCity.departments().size(),
                DemoCity.stations().size(), DemoCity.sensors().size(), properties.interval(), DemoCity.listedSensors().size());
    }

    private long delayStep;
    private int started;

    /**
     * Registers a device (or gives it a new secret), connects it with its own credentials and starts it publishing;
     * a silent one is registered only.
     */
    private void run(TenantId tenant, NewDevice device, SensorModel.Misbehaviour how,
            java.util.function.Function<java.time.Instant, String> payloads,
            java.util.function.Function<java.time.Instant, String> relayed) {
        run(tenant, device, how, payloads, relayed, null);
    }

    /**
     * How many days a river gauge sends from its buffer when it connects: a month the first time (so that the demo's
     * history reaches past the week after which days are compacted, docs/ngsi-ld.md), three days after that.
     */
    private int gaugeDays(TenantId tenant, String id, Instant now) {
        boolean monthHeld = !context.history(tenant, "urn:ngsi-ld:WaterObserved:" + id, "waterLevel",
                now.minus(java.time.Duration.ofDays(31)), now.minus(java.time.Duration.ofDays(8)), 1).isEmpty();
        return monthHeld ? 3 : 30;
    }

    /** As above; {@code backlog}: the readings the device kept before it connected, sent once connected. */
    private void run(TenantId tenant, NewDevice device, SensorModel.Misbehaviour how,
            java.util.function.Function<java.time.Instant, String> payloads,
            java.util.function.Function<java.time.Instant, String> relayed,
            java.util.function.Function<java.time.Instant, List<String>> backlog) {
        DeviceCredentials credentials = register(tenant, device);
        if (how == SensorModel.Misbehaviour.SILENT) {
            return;
        }
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5()
                .identifier("sim-" + device.id())
                .serverHost(broker.host()).serverPort(broker.port())
                .automaticReconnectWithDefaultConfig()
                .simpleAuth().username(credentials.username())
                .password(credentials.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildAsync();
        clients.add(client);
        client.connect().whenComplete((ack, failure) -> {
            if (failure != null) {
                log.warn("Simulated device {} could not connect: {}", device.id(), failure.toString());
            } else {
                if (device.profile().equals("street-light")) {
                    obeyCommands(client, new org.saola.devices.DeviceIdentity(tenant, device.id()).commandsTopic());
                }
                if (backlog == null) {
                    return;
                }
                // Paced at ten a second, under the per-device rate limit (a real device's buffer drains the same way).
                List<String> kept = backlog.apply(clock.instant());
                for (int i = 0; i < kept.size(); i++) {
                    String p = kept.get(i);
                    scheduler.schedule(() -> publish(client, credentials.topic(), p), 100L * i, TimeUnit.MILLISECONDS);
                }
            }
        });
        long delay = 1000 + delayStep * started++;
        scheduler.scheduleAtFixedRate(() -> publish(client, credentials.topic(), payloads.apply(clock.instant())),
                delay, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
        if (relayed != null) {
            String gatewayTopic = new org.saola.devices.DeviceIdentity(tenant, device.id()).gatewayTopic();
            scheduler.scheduleAtFixedRate(() -> publish(client, gatewayTopic, relayed.apply(clock.instant())),
                    delay + properties.interval().toMillis() / 2, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The demo's water meters are LoRaWAN devices: their readings reach Saola through a network server's HTTP
     * integration (a ChirpStack stand-in on real HTTP, with a device manager's API key issued for it).
     */
    private ChirpStackStandIn chirpStack(TenantId tenant) {
        return new ChirpStackStandIn(saola(), deviceManagerKey(tenant, CHIRPSTACK_KEY));
    }

    /** A device manager's API key named {@code name} for a stand-in of the demo, the last start's revoked. */
    private String deviceManagerKey(TenantId tenant, String name) {
        return key(tenant, name, org.saola.platform.security.StaffRole.DEVICE_MANAGER);
    }

    /** An API key named {@code name} with {@code role} for a stand-in of the demo, the last start's revoked. */
    private String key(TenantId tenant, String name, org.saola.platform.security.StaffRole role) {
        return apiKeysFor(tenant, name, role, null);
    }

    /** A fresh key of this name (an earlier run's is revoked), scoped to a department when one is given. */
    private String apiKeysFor(TenantId tenant, String name, org.saola.platform.security.StaffRole role, String department) {
        for (var key : apiKeys.list(tenant)) {
            if (key.name().equals(name)) {
                apiKeys.revoke(tenant, key.id());
            }
        }
        return apiKeys.issue(tenant, name, role, java.util.Optional.ofNullable(department), "demo city").secret();
    }

    /**
     * Residents' reports in the demo city: the catalogue (through the staff API, with an administrator's key
     * revoked once done), residents filing through Open311 every {@code report-every}, officers working the queue.
     * A first handful are filed at once, so the queue is not empty at the first visit.
     */
    private void runReports(TenantId tenant) {
        String admin = key(tenant, "demo city catalogue", org.saola.platform.security.StaffRole.ADMIN);
        try {
            DemoReports.setUpCatalogue(saola(), admin);
        } finally {
            for (var k : apiKeys.list(tenant)) {
                if (k.name().equals("demo city catalogue")) {
                    apiKeys.revoke(tenant, k.id());
                }
            }
        }
        DemoReports demo = new DemoReports(saola(), key(tenant, "demo residents' app", org.saola.platform.security.StaffRole.ANALYST),
                key(tenant, "demo duty officers", org.saola.platform.security.StaffRole.OPERATOR));
        long every = properties.reportEvery().toMillis();
        scheduler.schedule(() -> {
            for (int i = 0; i < 12; i++) {
                demo.residentFiles();
            }
        }, 1, TimeUnit.SECONDS);
        scheduler.scheduleAtFixedRate(() -> guarded(demo::residentFiles), every, every, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(() -> guarded(demo::residentUsesTheForm), every + every / 2, every * 2, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(() -> guarded(demo::officersWork), every / 2, every / 2, TimeUnit.MILLISECONDS);
    }

    /**
     * The demo city's open data: once its stations have reported, an administrator (a key revoked once done)
     * publishes the latest air quality, the sensor register and the monthly counts of residents' reports
     * (through disclosure control); the catalogue keeps them current from then on. The water company's hourly meter
     * readings are shared, not opened, with a university under an agreement, whose server reads them every two
     * minutes ({@link DemoDataSharing}).
     */
    private void runOpenData(TenantId tenant) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
        String admin = key(tenant, "demo city open data", org.saola.platform.security.StaffRole.ADMIN);
        try {
            for (String body : List.of(
                    "{\"source\":\"context.latest:AirQualityObserved\",\"name\":\"chat-luong-khong-khi\",\"department\":\"moi-truong\","
                            + "\"keywords\":[\"không khí\",\"air quality\",\"PM2.5\",\"VN_AQI\"]}",
                    "{\"source\":\"devices.sensor-register\",\"name\":\"danh-ba-cam-bien\"}",
                    "{\"source\":\"reports.monthly-counts\",\"name\":\"phan-anh-theo-thang\"}",
                    "{\"source\":\"reports.anonymised\",\"name\":\"phan-anh-an-danh\"}",
                    "{\"source\":\"indicators.values\",\"name\":\"chi-so-thanh-pho\"}")) {
                var answer = DemoHttp.send(http, saola(), "POST", "/api/v1/opendata/datasets", body, admin);
                if (answer.statusCode() != 201 && answer.statusCode() != 409) {
                    log.warn("Demo open data: publishing {} gave {}: {}", body, answer.statusCode(), answer.body());
                }
            }
            DemoDataSharing sharing = new DemoDataSharing(saola());
            sharing.setUp(admin, clock.instant());
            scheduler.scheduleAtFixedRate(() -> guarded(sharing::partnerReads), 10, 120, TimeUnit.SECONDS);
        } finally {
            for (var k : apiKeys.list(tenant)) {
                if (k.name().equals("demo city open data")) {
                    apiKeys.revoke(tenant, k.id());
                }
            }
        }
    }

    /**
     * Participatory budgeting in the demo city: a vote under way, a neighbourhood vote that closes a few minutes
     * after the start (and is counted by the count timer a minute later), and a process collecting proposals (set up
     * through the staff API with an administrator's key revoked once done), and residents who sign in by the
     * code on their phone and vote on the ballot page, a first few at once, then one every half
     * {@code report-every}; residents propose, support and comment in the process collecting proposals three
     * times as often, and the department's officer answers a proposal that reached the threshold and gives news
     * of an accepted one every {@code report-every}.
     */
    private void runParticipation(TenantId tenant) {
        String admin = key(tenant, "demo city participation", org.saola.platform.security.StaffRole.ADMIN);
        // The department's officer who answers residents' proposals keeps a key scoped to it.
        DemoParticipation demo = new DemoParticipation(saola(), apiKeysFor(tenant, "demo planning officer",
                org.saola.platform.security.StaffRole.OFFICER, "xay-dung"));
        try {
            demo.setUp(admin, "xay-dung", DemoCity.DISTRICTS.stream().map(DemoCity.District::name).toList(),
                    java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneId.of(environment.getProperty("saola.time-zone", "Asia/Ho_Chi_Minh"))));
        } finally {
            for (var k : apiKeys.list(tenant)) {
                if (k.name().equals("demo city participation")) {
                    apiKeys.revoke(tenant, k.id());
                }
            }
        }
        long every = Math.max(1000, properties.reportEvery().toMillis() / 2);
        scheduler.schedule(() -> {
            for (int i = 0; i < 8; i++) {
                guardedVote(demo);
            }
        }, 3, TimeUnit.SECONDS);
        scheduler.scheduleAtFixedRate(() -> guardedVote(demo), every, every, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> {
            for (int i = 0; i < 10; i++) {
                guardedTakePart(demo);
            }
        }, 5, TimeUnit.SECONDS);
        scheduler.scheduleAtFixedRate(() -> guardedTakePart(demo), every / 3, every / 3, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(() -> guarded(demo::officerWorks), every * 2, every * 2, TimeUnit.MILLISECONDS);
    }

    private static void guardedTakePart(DemoParticipation demo) {
        try {
            demo.residentTakesPart();
        } catch (Exception e) {
            log.debug("A demo resident could not take part: {}", e.toString());
        }
    }

    private static void guardedVote(DemoParticipation demo) {
        try {
            if (java.util.concurrent.ThreadLocalRandom.current().nextInt(4) == 0) {
                demo.residentVotesBySms();                 // one in four has no smartphone
                return;
            }
            demo.residentVotes();
        } catch (Exception e) {
            log.debug("A demo resident could not vote: {}", e.toString());
        }
    }

    private static void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.debug("A demo step failed: {}", e.toString());
        }
    }

    /** This Saola's HTTP address, for the stand-ins that call it as the outside world would. */
    private java.net.URI saola() {
        return java.net.URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port"));
    }

    /** Registers a LoRaWAN device, gives it its DevEUI (a new session) and has the network server post its uplinks. */
    private void runLorawan(TenantId tenant, NewDevice device, SensorModel model, ChirpStackStandIn chirpstack) {
        register(tenant, device);
        String devEui = ChirpStackStandIn.devEui(device.id());
        chirpstack.bind(device.id(), devEui);
        java.util.concurrent.atomic.AtomicLong frames = new java.util.concurrent.atomic.AtomicLong();
        if (model instanceof SensorModel.WaterMeter meter) {
            // The day's hourly counts the meter kept, sent first (oldest first), each at the time it was read.
            for (String kept : meter.backlog(clock.instant())) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(",\"dateObserved\":\"([^\"]*)\"").matcher(kept);
                if (m.find()) {
                    chirpstack.uplink(device.id(), devEui, frames.getAndIncrement(), Instant.parse(m.group(1)), m.replaceFirst(""), true);
                }
            }
        }
        scheduler.scheduleAtFixedRate(() -> {
            Instant now = clock.instant();
            // The codec decodes what the meter measured; the time is the network server's.
            String object = model.nextPayload(now).replaceFirst(",\"dateObserved\":\"[^\"]*\"", "");
            chirpstack.uplink(device.id(), devEui, frames.getAndIncrement(), now, object);
        }, 1000 + delayStep * started++, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The name of the API key the demo's FIWARE provisioning script runs with; replaced at every start. */
    static final String FIWARE_KEY = "demo FIWARE provisioning";

    /**
     * A city's FIWARE devices: provisioned through the IoT Agent API by a script over real HTTP, an UltraLight
     * kiosk posting to /iot/d, an UltraLight lamp on MQTT that obeys its commands.
     */
    private void runFiware(TenantId tenant) {
        FiwareStandIn fiware = new FiwareStandIn(saola(), deviceManagerKey(tenant, FIWARE_KEY));
        fiware.provision();
        registry.updateStewardship(tenant, FiwareStandIn.KIOSK, DemoCity.stewardship("weather"));
        registry.updateStewardship(tenant, FiwareStandIn.LAMP, DemoCity.stewardship("street-light"));
        long every = properties.interval().toMillis();
        java.util.Random random = new java.util.Random(7);
        scheduler.scheduleAtFixedRate(() -> fiware.kioskMeasure(27 + 3 * Math.sin(clock.millis() / 3_600_000.0)
                + random.nextGaussian() * 0.2, 75 + random.nextInt(10)), 1500, every, TimeUnit.MILLISECONDS);
        Mqtt5AsyncClient lamp = fiware.lamp(broker, registry.resetCredentials(tenant, FiwareStandIn.LAMP));
        clients.add(lamp);
        scheduler.scheduleAtFixedRate(() -> fiware.lampMeasure(lamp, 0.8), 2500, every, TimeUnit.MILLISECONDS);
    }

    /** A demo street light takes the commands sent to it from its page or the API, and says it did. */
    private static void obeyCommands(Mqtt5AsyncClient client, String commandsTopic) {
        client.subscribeWith().topicFilter(commandsTopic).qos(MqttQos.AT_LEAST_ONCE).callback(command -> {
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(new String(command.getPayloadAsBytes(), StandardCharsets.UTF_8));
            if (id.find()) {
                client.publishWith().topic(commandsTopic + "/result").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("{\"id\":\"" + id.group(1) + "\",\"status\":\"OK\",\"info\":\"done (demo light)\"}")
                                .getBytes(StandardCharsets.UTF_8)).send();
            }
        }).send();
    }

    /** Registers a device, or gives the one registered by an earlier run a new secret and today's register entry. */
    private DeviceCredentials register(TenantId tenant, NewDevice device) {
        var existing = registry.find(tenant, device.id());
        if (existing.isPresent()) {
            registry.updateStewardship(tenant, device.id(), device.stewardship());
            if (!existing.get().gateway().equals(device.gateway())) {
                registry.updateGateway(tenant, device.id(), device.gateway());    // a data directory of an older demo
            }
            return registry.resetCredentials(tenant, device.id());
        }
        return registry.register(tenant, device);
    }

    private void publish(Mqtt5AsyncClient client, String topic, String payload) {
        if (!client.getState().isConnected()) {
            return;
        }
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        for (Mqtt5AsyncClient c : clients) {
            c.disconnect().orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null);
        }
    }
}
