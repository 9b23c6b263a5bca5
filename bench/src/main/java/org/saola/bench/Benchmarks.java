package org.saola.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end benchmarks of the NGSI-LD API, as clients see it: Saola runs from its packaged jar in a JVM of
 * its own, with its embedded PostgreSQL, and this program loads it over HTTP from the same machine.
 *
 * <pre>mvn -q -DskipTests package && "$JAVA_HOME/bin/java" -jar bench/target/saola-bench.jar [app/target/saola.jar [updates batch retrieve retrieve-paced query temporal ingest]]</pre>
 *
 * Each benchmark prints one line; docs/PERFORMANCE.md records them with the machine they ran on.
 */
public final class Benchmarks {

    private static final String PASSWORD = "bench-admin-password";
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("saola.bench.warmup", 15));
    private static final Duration MEASURE = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    /** Saola's process, whose CPU (and its PostgreSQL's) each counted window reports. */
    private ProcessHandle saola;
    private int dbPort;
    private int mqttPort;
    /** CPU at the start and end of the last counted window of {@link #runFor}. */
    private Cpu windowStart;
    private Cpu windowEnd;
    /** Staff credentials (bcrypt, deliberately slow) only to issue the API key every other request uses. */
    private String auth = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private Benchmarks(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "app/target/saola.jar");
        Path data = Files.createTempDirectory("saola-bench-");
        int port = freePort();
        int dbPort = freePort();
        int mqttPort = freePort();
        SMS.start();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx4g"));
        // JVM options for an experiment, e.g. -Dsaola.bench.jvm-args="-Xlog:gc:file=/tmp/gc.log".
        String jvm = System.getProperty("saola.bench.jvm-args", "").strip();
        if (!jvm.isEmpty()) {
            command.addAll(List.of(jvm.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--saola.data-dir=" + data,
                "--saola.mqtt.port=" + mqttPort, "--saola.db.embedded-port=" + dbPort,
                "--saola.admin.password=" + PASSWORD, "--saola.simulator.enabled=false",
                // Devices are limited to 20 messages a second each against abuse; the bench measures the pipeline.
                "--saola.rate-limits.readings-per-second=1000000",
                // Likewise residents' filings (60 an hour per key) and public calls (30/s per address).
                "--saola.rate-limits.reports-per-hour=100000000", "--saola.rate-limits.public-per-second=1000000",
                // Residents' sign-in codes go to the bench's own SMS gateway (the ballots benchmark signs residents in).
                "--saola.residents.sms-url=http://127.0.0.1:" + SMS.getAddress().getPort() + "/sms",
                "--saola.outbound.allowed-networks[0]=127.0.0.1/32", "--saola.rate-limits.codes-per-address=100000000",
                "--logging.level.root=warn"));
        // History is compacted only by the benchmark that measures it (in the others, readings observed days ago
        // would be compacted under the load); it then runs every second.
        boolean compacting = List.of(args).contains("history") && !"false".equals(System.getProperty("saola.bench.compact"));
        command.addAll(List.of("--saola.context.history-compact-after=" + (compacting ? "7d" : "36500d"),
                "--saola.context.history-compaction-interval=" + (compacting ? "1s" : "1000h")));
        // More settings for an experiment, e.g. -Dsaola.bench.saola-args="--saola.db.embedded-port=55432".
        String extra = System.getProperty("saola.bench.saola-args", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        Process saola = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(data.resolve("saola.out").toFile()).start();
        try {
            Benchmarks b = new Benchmarks("http://127.0.0.1:" + port);
            b.saola = saola.toHandle();
            b.dbPort = dbPort;
            b.mqttPort = mqttPort;
            b.awaitReady();
            b.useApiKey();
            System.out.printf("Saola %s, %d cores, JDK %s%n", jar, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            List<String> only = List.of(args).subList(Math.min(1, args.length), args.length);
            if (only.isEmpty() || only.contains("updates")) {
                b.partialUpdates();
            }
            if (only.isEmpty() || only.contains("batch")) {
                b.batchUpdates();
            }
            if (only.isEmpty() || only.contains("retrieve")) {
                b.retrieveUnderLoad();
            }
            if (only.isEmpty() || only.contains("retrieve-paced")) {
                b.retrieveUnderPacedLoad(1000);
            }
            if (only.isEmpty() || only.contains("query")) {
                b.queryTypeQGeo();
            }
            if (only.contains("query-scale")) {
                int most = Integer.getInteger("saola.bench.entities", 1_000_000);
                b.queryAtScale(java.util.stream.Stream.of(10_000, 100_000, most).filter(n -> n <= most).distinct().sorted().toList());
            }
            if (only.contains("single-writes")) {
                b.singleWrites();
            }
            if (only.isEmpty() || only.contains("temporal")) {
                b.temporalAggregate();
            }
            if (only.isEmpty() || only.contains("ingest")) {
                b.ingest();
            }
            if (only.contains("ingest-floor")) {
                b.storageFloor();
            }
            if (only.contains("ingest-first")) {
                b.firstReadings(1000);
            }
            if (only.contains("ingest-mqtt")) {
                b.mqttFromDevices(1000, Instant.now().minus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
            if (only.contains("ingest-mqtt-ceiling")) {
                b.mqttCeiling(1000, jar);
            }
            if (only.contains("ingest-rules")) {
                b.ingestWithRules(1000);
            }
            if (only.contains("reports")) {
                b.reports();
            }
            if (only.contains("ballots")) {
                b.ballots();
            }
            if (only.contains("indicators")) {
                b.indicators();
            }
            if (only.contains("opendata")) {
                b.openData(Long.getLong("saola.bench.rows", 10_000_000L), Integer.getInteger("saola.bench.datasets", 1000));
            }
            if (only.contains("history")) {
                b.historyCompaction(Integer.getInteger("saola.bench.sensors", 100), Integer.getInteger("saola.bench.days", 365),
                        Integer.getInteger("saola.bench.every", 1), !"false".equals(System.getProperty("saola.bench.compact")));
            }
            if (only.contains("ingest-soak")) {
                b.ingestSoak(Duration.ofMinutes(Long.getLong("saola.bench.soak-minutes", 10)));
            }
        } finally {
            saola.destroy();
            saola.waitFor();
            SMS.stop(0);
            // The data directory holds gigabytes after the larger benchmarks (query-scale, history, ingest): left
            // behind, a few runs filled the disk. -Dsaola.bench.keep-data=true keeps it, to look into afterwards.
            if (Boolean.getBoolean("saola.bench.keep-data")) {
                System.out.println("data kept in " + data);
            } else {
                deleteTree(data);
            }
        }
    }

    /** Deletes a directory and everything in it, as far as it can. */
    static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("could not delete all of " + dir + ": " + e);
        }
    }

    /** The bench's SMS gateway: the last code each phone received. */
    private static final java.util.Map<String, String> CODES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final com.sun.net.httpserver.HttpServer SMS = smsGateway();

    private static com.sun.net.httpserver.HttpServer smsGateway() {
        try {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/sms", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                java.util.regex.Matcher to = java.util.regex.Pattern.compile("\"to\":\"([^\"]+)\"").matcher(body);
                java.util.regex.Matcher code = java.util.regex.Pattern.compile("code is (\\d{6})").matcher(body);
                if (to.find() && code.find()) {
                    CODES.put(to.group(1), code.group(1));
                }
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A resident signed in: their session cookie and the form token of their session. */
    private record Resident(String cookie, String csrf) {
    }

    /**
     * The last hour of a participatory-budget vote: residents signed in by a code (SMS) cast ballots on the ballot
     * page, as their browsers post it (form, session cookie, CSRF token), as fast as the server takes them, each
     * answered only once committed. 2 000 residents vote in 16 processes in turn, so that every ballot is a first
     * ballot (a changed one costs the same). Reported: ballots/s, latency percentiles, CPU per ballot.
     */
    private void ballots() throws Exception {
        String operator = auth;
        auth = adminAuth;
        send("POST", "/api/v1/departments", "{\"code\": \"bench-budget\", \"nameVi\": \"Tài chính\", \"nameEn\": \"Finance\"}");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        String process = """
                {"titleVi":"Ngân sách %1$d","titleEn":"Budget %1$d","department":"bench-budget",
                 "phases":[{"phase":"VOTING","starts":"%2$s","ends":"%3$s"}],
                 "voting":{"rule":"KNAPSACK","minimumSpendPercent":50},"budgets":[{"amount":1000}]}""";
        int processes = 16;
        for (int p = 0; p < processes; p++) {
            if (send("PUT", "/api/v1/participation/processes/bench-" + p, process.formatted(p, today.plusDays(1), today.plusDays(2))) / 100 != 2) {
                throw new IllegalStateException("could not define the process");
            }
            for (String[] project : new String[][] {{"a", "400"}, {"b", "300"}, {"c", "250"}, {"d", "100"}}) {
                send("PUT", "/api/v1/participation/processes/bench-" + p + "/projects/" + project[0],
                        "{\"titleVi\":\"" + project[0] + "\",\"titleEn\":\"" + project[0] + "\",\"cost\":" + project[1] + "}");
            }
            send("PUT", "/api/v1/participation/processes/bench-" + p, process.formatted(p, today, today.plusDays(1)));
        }
        auth = operator;

        int residents = Integer.getInteger("saola.bench.residents", 2000);
        List<Resident> signedIn = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger problems = new java.util.concurrent.atomic.AtomicInteger();
        long signInStart = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < residents; i++) {
                String phone = String.format(Locale.ROOT, "09%08d", 10_000_000 + i);
                pool.submit(() -> {
                    try {
                        signedIn.add(signIn(phone));
                    } catch (Exception e) {
                        if (problems.incrementAndGet() == 1) {
                            e.printStackTrace();
                        }
                    }
                });
            }
        }
        if (signedIn.size() != residents) {
            throw new IllegalStateException("only " + signedIn.size() + " of " + residents + " residents signed in");
        }
        System.out.printf(Locale.ROOT, "%d residents signed in by SMS code in %.1f s%n", residents, (System.nanoTime() - signInStart) / 1e9);

        String[] choices = {"project=a&project=b", "project=a&project=c&project=d", "project=b&project=c&project=d",
                "project=a&project=b&project=c", "project=b&project=c"};
        int clients = Integer.getInteger("saola.bench.clients", 32);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        runFor(clients, Duration.ofSeconds(10), MEASURE, done, failed, (client, worker, n) -> {
            int k = next.getAndIncrement();
            Resident r = signedIn.get(k % residents);
            int p = (k / residents) % processes;     // after 32 000 ballots a resident's second: a change
            long start = System.nanoTime();
            int status = client.send("POST", "/city/participation/bench-" + p + "/vote", "_csrf=" + enc(r.csrf()) + "&scope=&"
                    + choices[k % choices.length], "application/x-www-form-urlencoded", "Cookie: " + r.cookie() + "\r\n");
            latencies.add(System.nanoTime() - start);
            return status == 302 ? 200 : status;
        }, latencies, worker -> null);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "ballots cast on the ballot page: %.0f ballots/s (%d clients, %d s, %d failed); "
                + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", done.get() / (double) MEASURE.toSeconds(), clients,
                MEASURE.toSeconds(), failed.get(), pct(sorted, 50) / 1e6, pct(sorted, 99) / 1e6,
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        System.out.println("  " + windowEnd.since(windowStart, MEASURE.toSeconds(), done.get(), "ballot"));
    }

    /** Signs a resident in as a browser does, the code read from the bench's SMS gateway. */
    private Resident signIn(String phone) throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        try (HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build()) {
            return signIn(browser, cookies, phone);
        }
    }

    private Resident signIn(HttpClient browser, java.net.CookieManager cookies, String phone) throws Exception {
        java.util.regex.Pattern token = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        java.util.regex.Matcher csrf = token.matcher(browser.send(HttpRequest.newBuilder(URI.create(base + "/residents/sign-in")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        if (!csrf.find()) {
            throw new IllegalStateException("no form token on the sign-in page");
        }
        HttpResponse<String> sent = browser.send(HttpRequest.newBuilder(URI.create(base + "/residents/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("contact=" + phone + "&_csrf=" + enc(csrf.group(1)))).build(),
                HttpResponse.BodyHandlers.ofString());
        String request = sent.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("no code sent: " + sent.body()))
                .replaceAll(".*request=([0-9a-f-]+).*", "$1");
        String code = null;
        for (int i = 0; i < 200 && code == null; i++) {
            code = CODES.entrySet().stream().filter(e -> e.getKey().replaceAll("\\D", "").endsWith(phone.substring(1)))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
            if (code == null) {
                Thread.sleep(20);
            }
        }
        if (code == null) {
            throw new IllegalStateException("no code reached " + phone);
        }
        csrf = token.matcher(browser.send(HttpRequest.newBuilder(URI.create(base + "/residents/sign-in/code?request=" + request)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        csrf.find();
        HttpResponse<String> in = browser.send(HttpRequest.newBuilder(URI.create(base + "/residents/sign-in/code"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("request=" + request + "&code=" + code + "&_csrf=" + enc(csrf.group(1)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (in.statusCode() != 302) {
            throw new IllegalStateException("sign-in refused: " + in.statusCode());
        }
        csrf = token.matcher(browser.send(HttpRequest.newBuilder(URI.create(base + "/city/participation/bench-0/vote")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        if (!csrf.find()) {
            throw new IllegalStateException("no ballot form for a signed-in resident");
        }
        String cookie = cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        return new Resident(cookie, csrf.group(1));
    }

    private final String adminAuth = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    /**
     * Readings sent by devices over HTTP (POST /api/v1/telemetry with each device's own credentials), all the
     * way to commit: one reading per request from 64 devices at once, then gateway messages of 50 readings
     * (one for each device behind the gateway) from 8 gateways at once.
     */
    private void ingest() throws Exception {
        Instant t0 = Instant.now().minus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<String[]> stations = registerDevices("bench-aq-", 64, null);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        // The first load of a fresh JVM when ingest runs alone: four warm-ups, or its window measures the JIT
        // compiling the application (1 135 µs of the JVM a reading after 15 s, 243 µs once warm; PERFORMANCE.md).
        runFor(64, WARM_UP.multipliedBy(4), MEASURE, done, failed, (client, worker, n) -> client.send("POST", "/api/v1/telemetry",
                "{\"pm25\": " + (n % 500) + ", \"dateObserved\": \"" + t0.plusSeconds(n) + "\"}"), null,
                worker -> basic(stations.get(worker)));
        System.out.printf(Locale.ROOT, "readings over HTTP, one per request: %.0f readings/s (64 devices, %d s, %d failed)%n",
                done.get() / (double) MEASURE.toSeconds(), MEASURE.toSeconds(), failed.get());
        System.out.println("  " + windowEnd.since(windowStart, MEASURE.toSeconds(), done.get(), "reading"));

        List<String[]> gateways = registerDevices("bench-gw-", 8, null);
        for (int g = 0; g < gateways.size(); g++) {
            registerDevices("bench-gw-" + g + "-", 50, gateways.get(g)[0].substring(gateways.get(g)[0].indexOf('/') + 1));
        }
        AtomicLong messages = new AtomicLong();
        AtomicLong failedMessages = new AtomicLong();
        runFor(8, WARM_UP, MEASURE, messages, failedMessages, (client, worker, n) -> {
            StringBuilder body = new StringBuilder("{");
            for (int i = 0; i < 50; i++) {
                body.append(i == 0 ? "" : ",").append("\"bench-gw-").append(worker).append('-').append(i)
                        .append("\": {\"pm25\": ").append((n + i) % 500).append(", \"dateObserved\": \"")
                        .append(t0.plusSeconds(n)).append("\"}");
            }
            return client.send("POST", "/api/v1/telemetry/gateway", body.append('}').toString());
        }, null, worker -> basic(gateways.get(worker)));
        System.out.printf(Locale.ROOT, "readings over HTTP in gateway messages of 50: %.0f readings/s (8 gateways, %d s, "
                        + "%d failed messages)%n", messages.get() * 50 / (double) MEASURE.toSeconds(), MEASURE.toSeconds(),
                failedMessages.get());
        System.out.println("  " + windowEnd.since(windowStart, MEASURE.toSeconds(), messages.get() * 50.0, "reading"));

        ultraLightOverHttp(t0);
        mqttFromDevices(1000, t0);
        String[] footprint = historyFootprint();
        System.out.println(footprint[0]);
        copyCeiling(t0);
    }

    /** (c) FIWARE devices: UltraLight 2.0 measures to /iot/d, one per request, 64 devices provisioned by the IoT Agent API. */
    private void ultraLightOverHttp(Instant t0) throws Exception {
        String key = "bench-ul-key";
        String[] headers = {"fiware-service", "bench", "fiware-servicepath", "/"};
        send("POST", "/iot/services", "{\"services\": [{\"apikey\": \"" + key + "\", \"resource\": \"/iot/d\","
                + " \"entity_type\": \"AirQualityObserved\", \"attributes\": [{\"object_id\": \"p\", \"name\": \"pm25\","
                + " \"type\": \"Number\"}]}]}", 201, headers);
        StringBuilder devices = new StringBuilder("{\"devices\": [");
        for (int i = 0; i < 64; i++) {
            devices.append(i == 0 ? "" : ",").append("{\"device_id\": \"bench-ul-").append(i).append("\", \"static_attributes\":"
                    + " [{\"name\": \"location\", \"type\": \"geo:point\", \"value\": \"16.05, 108.2\"}]}");
        }
        send("POST", "/iot/devices", devices.append("]}").toString(), 201, headers);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        runFor(64, WARM_UP, MEASURE, done, failed, (client, worker, n) -> client.send("POST",
                "/iot/d?k=" + key + "&i=bench-ul-" + worker, t0.plusSeconds(n) + "|p|" + (n % 500), "text/plain"), null,
                worker -> null);
        System.out.printf(Locale.ROOT, "UltraLight 2.0 over HTTP (/iot/d), one measure per request: %.0f readings/s (64 devices,"
                + " %d s, %d failed)%n", done.get() / (double) MEASURE.toSeconds(), MEASURE.toSeconds(), failed.get());
        System.out.println("  " + windowEnd.since(windowStart, MEASURE.toSeconds(), done.get(), "reading"));
    }

    /**
     * (a) One reading per MQTT QoS 1 message from {@code count} devices, each connected with its own credentials
     * and waiting for each PUBACK (sent after commit) before its next message.
     */
    private void mqttFromDevices(int count, Instant t0) throws Exception {
        List<String[]> devices = registerDevices("bench-mqtt-", count, null);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        runMqtt(devices, t0, WARM_UP, MEASURE, acked, failed, null);
        System.out.printf(Locale.ROOT, "readings over MQTT, one per QoS 1 message: %.0f readings/s (%d devices, %d s, %d failed)%n",
                acked.get() / (double) MEASURE.toSeconds(), count, MEASURE.toSeconds(), failed.get());
        System.out.println("  " + windowEnd.since(windowStart, MEASURE.toSeconds(), acked.get(), "reading"));
    }

    /**
     * The MQTT load of {@link #mqttFromDevices}, the same devices and messages from the same generator, against the
     * broker Saola embeds with nothing behind it ({@link BareBroker}, started from Saola's own jar in a JVM of its own
     * as Saola's): every publish acknowledged by the broker at once, nothing decoded or stored. Its rate is what the
     * broker and the generator allow on this machine before Saola does any work; its CPU per message is the part of
     * each reading's budget that no change to Saola's pipeline can remove.
     */
    private void mqttCeiling(int count, Path jar) throws Exception {
        int port = freePort();
        Path dir = Files.createTempDirectory("saola-bench-bare-broker-");
        Path bench = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g",
                "-cp", jar.toString(), "-Dloader.path=" + bench, "-Dloader.main=org.saola.bench.BareBroker",
                "org.springframework.boot.loader.launch.PropertiesLauncher", Integer.toString(port), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("broker.out").toFile()).start();
        ProcessHandle saolaItself = saola;
        int saolaPort = mqttPort;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.readString(dir.resolve("broker.out")).contains("bare broker ready")) {
                if (!broker.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bare broker did not start: " + Files.readString(dir.resolve("broker.out")));
                }
                Thread.sleep(200);
            }
            List<String[]> devices = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                devices.add(new String[] {"bare/bench-bare-" + i, "any"});
            }
            saola = broker.toHandle();          // the CPU counted as "Saola JVM" below is the bare broker's
            mqttPort = port;
            AtomicLong acked = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            runMqtt(devices, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), WARM_UP, MEASURE, acked,
                    failed, null);
            System.out.printf(Locale.ROOT, "MQTT ceiling, the bare broker acknowledging each QoS 1 message itself: %.0f messages/s"
                    + " (%d devices, %d s, %d failed)%n", acked.get() / (double) MEASURE.toSeconds(), count,
                    MEASURE.toSeconds(), failed.get());
            System.out.println("  " + windowEnd.since(windowStart, MEASURE.toSeconds(), acked.get(), "message")
                    .replace("Saola JVM", "bare broker JVM"));
        } finally {
            saola = saolaItself;
            mqttPort = saolaPort;
            broker.destroy();
            broker.waitFor();
            deleteTree(dir);
        }
    }

    /**
     * The MQTT ingest of 1 000 stations, first with no rule, then with 1 000 rules on their type: ten on every
     * station, 990 each on one station (its own alarm level), all reading pm25, which the stations' sawtooth
     * (0 to 499) takes over and back under every threshold, so alerts are raised and resolved all along. Reports
     * the two rates, the rule engine's evaluations per second and how far it was behind when the load stopped.
     */
    private void ingestWithRules(int count) throws Exception {
        List<String[]> devices = registerDevices("bench-rules-", count, null);
        Instant t0 = Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        runMqtt(devices, t0, WARM_UP, MEASURE, acked, failed, null);
        double without = acked.get() / (double) MEASURE.toSeconds();
        System.out.printf(Locale.ROOT, "rules: %.0f readings/s over MQTT with no rule (%d devices, %d failed)%n", without,
                count, failed.get());
        System.out.println("  " + windowEnd.since(windowStart, MEASURE.toSeconds(), acked.get(), "reading"));

        StringBuilder rules = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            boolean wide = i < 10;
            rules.append(i == 0 ? "" : ",").append("{\"name\": \"bench rule ").append(i)
                    .append("\", \"entityType\": \"AirQualityObserved\", \"entityIds\": [")
                    .append(wide ? "" : "\"urn:ngsi-ld:AirQualityObserved:bench-rules-" + (i % count) + "\"")
                    .append("], \"condition\": \"pm25 > ").append(wide ? 400 + i * 5 : 200 + i % 250)
                    .append("\", \"clearCondition\": \"pm25 < 100\", \"severity\": \"MINOR\", ")
                    .append("\"messageVi\": \"PM2.5 {{pm25}}\", \"messageEn\": \"PM2.5 {{pm25}}\"}");
        }
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rules/import"))
                .timeout(Duration.ofMinutes(2)).header("Authorization", adminAuth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rules.append(']').toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (imported.statusCode() != 200) {
            throw new IllegalStateException("could not import the rules: " + imported.statusCode() + " " + imported.body());
        }
        long[] before = engine();
        acked.set(0);
        failed.set(0);
        // How far behind the engine is, every 2 s while the devices publish: a backlog that grows would show.
        List<Long> behind = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (sampling.get()) {
                try {
                    Thread.sleep(2000);
                    behind.add(engine()[6]);
                } catch (Exception e) {
                    return;
                }
            }
        });
        // Later observations than the first run's, so that each reading changes its entity (not only history).
        runMqtt(devices, t0.plus(Duration.ofDays(10)), WARM_UP, MEASURE, acked, failed, null);
        long started = System.nanoTime();
        sampling.set(false);
        sampler.join();
        long[] atStop = engine();
        double with = acked.get() / (double) MEASURE.toSeconds();
        System.out.printf(Locale.ROOT, "rules: %.0f readings/s over MQTT with 1 000 rules (%.0f %% of the rate without; %d failed)%n",
                with, 100 * with / without, failed.get());
        System.out.println("  " + windowEnd.since(windowStart, MEASURE.toSeconds(), acked.get(), "reading"));
        long[] now = atStop;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (now[6] > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = engine();
        }
        double drained = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "  rule engine: %d changes judged, %d evaluations, %d alerts raised, %d resolved;"
                + " group commits behind, every 2 s under load: %s; %s%n", now[0] - before[0], now[1] - before[1],
                now[2] - before[2], now[3] - before[3], behind,
                now[6] == 0 ? String.format(Locale.ROOT, "caught up %.1f s after the load stopped", drained)
                        : "NOT caught up within 5 min");
    }

    /** The rule engine's counters and feed position ({@code /api/v1/rules/engine}), in the order of its fields. */
    private long[] engine() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rules/engine"))
                .header("Authorization", adminAuth).GET().build(), HttpResponse.BodyHandlers.ofString());
        String[] names = {"changesJudged", "evaluations", "raised", "resolved", "feedPosition", "feedHead", "groupCommitsBehind"};
        long[] values = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + names[i] + "\"\\s*:\\s*(\\d+)").matcher(r.body());
            if (!m.find()) {
                throw new IllegalStateException("no " + names[i] + " in " + r.body());
            }
            values[i] = Long.parseLong(m.group(1));
        }
        return values;
    }

    /**
     * Each device on a virtual thread of its own, publishing and awaiting its PUBACK in a loop; counted after
     * {@code warmUp} for {@code measure}; {@code each}, if given, runs once a minute of the counted window.
     */
    private void runMqtt(List<String[]> devices, Instant t0, Duration warmUp, Duration measure, AtomicLong acked,
            AtomicLong failed, Runnable everyMinute) throws Exception {
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        // Devices connect first, then all publish.
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(devices.size());
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        AtomicLong notConnected = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.concurrent.Semaphore connecting = new java.util.concurrent.Semaphore(16);
            for (String[] d : devices) {
                pool.submit(() -> {
                    String id = d[0].substring(d[0].indexOf('/') + 1);
                    String topic = "saola/" + d[0].substring(0, d[0].indexOf('/')) + "/devices/" + id + "/readings";
                    MqttDevice opened = null;
                    for (int attempt = 0; opened == null && attempt < 20; attempt++) {
                        connecting.acquire();
                        try {
                            opened = new MqttDevice("127.0.0.1", mqttPort, d[0], d[1], topic);
                        } catch (IOException e) {
                            Thread.sleep(1000);
                        } finally {
                            connecting.release();
                        }
                    }
                    connected.countDown();
                    if (opened == null) {
                        notConnected.incrementAndGet();
                        return null;
                    }
                    go.await();
                    try (MqttDevice device = opened) {
                        for (long n = 0; !stop.get(); n++) {
                            boolean ok = device.publish(("{\"pm25\": " + (n % 500) + ", \"dateObserved\": \""
                                    + t0.plusSeconds(n) + "\"}").getBytes(StandardCharsets.UTF_8));
                            if (counting.get()) {
                                (ok ? acked : failed).incrementAndGet();
                            }
                            if (!ok) {
                                break;
                            }
                        }
                    } catch (IOException e) {
                        if (counting.get()) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            connected.await();
            if (notConnected.get() > 0) {
                System.out.println("  (" + notConnected.get() + " devices could not connect)");
            }
            go.countDown();
            Thread.sleep(warmUp);
            startWindow();
            counting.set(true);
            long minutes = measure.toMinutes();
            if (everyMinute != null && minutes > 0) {
                for (long m = 0; m < minutes; m++) {
                    Thread.sleep(Duration.ofMinutes(1));
                    everyMinute.run();
                }
                Thread.sleep(measure.minusMinutes(minutes));
            } else {
                Thread.sleep(measure);
            }
            counting.set(false);
            endWindow();
            stop.set(true);
        }
    }

    /** The history rows' table and index bytes and their count, after a {@code VACUUM ANALYZE}. */
    private long[] historyRows() throws Exception {
        try (PgWire db = new PgWire("127.0.0.1", dbPort, "postgres", "saola")) {
            db.query("VACUUM ANALYZE context_attribute_history");
            List<String> r = db.query("SELECT pg_relation_size('context_attribute_history'), pg_indexes_size("
                    + "'context_attribute_history'), count(*) FROM context_attribute_history").getFirst();
            return new long[] {Long.parseLong(r.get(0)), Long.parseLong(r.get(1)), Long.parseLong(r.get(2))};
        }
    }

    /** What the history takes on disk, per row and per reading (two rows: pm25 and dateObserved). */
    private String[] historyFootprint() throws Exception {
        long[] size = historyRows();
        long heap = size[0];
        long index = size[1];
        long rows = size[2];
        return new String[] {String.format(Locale.ROOT, "history on disk: %d rows, %.0f MB table + %.0f MB index:"
                + " %.0f bytes per row, %.0f per reading of two attributes", rows, heap / 1e6, index / 1e6,
                (heap + index) / (double) rows, 2 * (heap + index) / (double) rows)};
    }

    /**
     * The ceiling: the same rows (a reading's pm25 and dateObserved instances, as Saola stores them) loaded by raw
     * binary COPY into the same table, 2 000 readings per COPY, from two connections (the machine's two cores).
     * Its rate in readings/s.
     */
    private double copyCeiling(Instant t0) throws Exception {
        return copyLoad(t0, 0, true);
    }

    /**
     * The storage floor's readings a transaction, each measured in turn ({@code saola.bench.floor-transactions}); the
     * last also without the value index and counts.
     */
    private static final List<Integer> FLOOR_TRANSACTIONS = java.util.Arrays.stream(
            System.getProperty("saola.bench.floor-transactions", "200,2000,1000").split(",")).map(Integer::valueOf).toList();

    /**
     * The storage floor of device ingestion (issue #13, target b): the ceiling's history rows by the same binary COPY
     * and, in the same transaction, what storing a reading also writes in Saola's storage model, done by SQL inside
     * PostgreSQL with no client, protocol or parsing (bench/src/main/resources/storage-floor.sql): each entity's
     * latest state (its members changed in place), its value index rows (out and in again) and the counts by
     * bucket, in scratch copies of the tables. No implementation of that storage model stores a reading for less;
     * its rate against the ceiling's, measured just before in the same run, bounds the share of the ceiling any
     * ingestion path can reach.
     */
    private void storageFloor() throws Exception {
        Instant t0 = Instant.now().minus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        double ceiling = copyCeiling(t0);
        for (int readings : FLOOR_TRANSACTIONS) {
            double floor = copyLoad(t0, readings, true);
            System.out.printf(Locale.ROOT, "  %.0f %% of the ceiling's rate%n", 100 * floor / ceiling);
        }
        double unindexed = copyLoad(t0, FLOOR_TRANSACTIONS.getLast(), false);
        System.out.printf(Locale.ROOT, "  %.0f %% of the ceiling's rate%n", 100 * unindexed / ceiling);
    }

    /** The storage floor's tables and function, made anew (storage-floor.sql), so that every floor run starts alike. */
    private void floorTables() throws Exception {
        try (PgWire db = new PgWire("127.0.0.1", dbPort, "postgres", "saola");
                java.io.InputStream script = Benchmarks.class.getResourceAsStream("/storage-floor.sql")) {
            db.query(new String(script.readAllBytes(), StandardCharsets.UTF_8));
            for (String table : List.of("floor_entity", "floor_value", "floor_count")) {
                db.query("VACUUM ANALYZE " + table);
            }
        }
    }

    /**
     * The ceiling's load ({@code floor} 0: 2 000 readings a COPY) or the storage floor's with {@code floor} readings
     * a transaction, with the value index and counts or ({@code indexed} false) with the latest state alone; its rate
     * in readings/s.
     */
    private double copyLoad(Instant t0, int floor, boolean indexed) throws Exception {
        if (floor < 0 || floor > 2000) {
            throw new IllegalArgumentException("the storage floor's transactions hold 1 to 2 000 readings (a worker's"
                    + " entities, each written once); got " + floor);
        }
        if (floor > 0) {
            floorTables();
        }
        AtomicLong readings = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    try (PgWire db = new PgWire("127.0.0.1", dbPort, "postgres", "saola")) {
                        CopyRows rows = new CopyRows();
                        int size = floor > 0 ? floor : 2000;
                        for (long batch = 0; !stop.get(); batch++) {
                            rows.reset();
                            for (int i = 0; i < size; i++) {
                                long n = batch * size + i;
                                // The floor writes a worker's 2 000 entities in turn (storage-floor.sql).
                                Instant at = floor > 0 ? t0.plusSeconds(batch) : t0.plusSeconds(n / 1000);
                                String entity = "urn:ngsi-ld:AirQualityObserved:" + (floor > 0 ? "floor-" + worker + "-" + n % 2000
                                        : "ceiling-" + worker + "-" + (i % 1000));
                                rows.add("default", entity, "https://uri.etsi.org/ngsi-ld/default-context/pm25", at,
                                        "{\"type\":\"Property\",\"value\":" + (n % 500) + ",\"unitCode\":\"GQ\",\"observedAt\":\"" + at + "\"}");
                                rows.add("default", entity, "https://uri.etsi.org/ngsi-ld/default-context/dateObserved", at,
                                        "{\"type\":\"Property\",\"value\":{\"@type\":\"DateTime\",\"@value\":\"" + at
                                                + "\"},\"observedAt\":\"" + at + "\"}");
                            }
                            if (floor > 0) {
                                db.query("BEGIN");
                                db.copy(CopyRows.copyInto("floor_history"), rows.finish(),
                                        rows.size());
                                db.query("SELECT floor_rest(" + worker + ", " + batch + ", " + size + ", '" + t0.plusSeconds(batch) + "', " + indexed + ")");
                                db.query("COMMIT");
                            } else {
                                db.copy(CopyRows.COPY, rows.finish(), rows.size());
                            }
                            if (counting.get()) {
                                readings.addAndGet(size);
                            }
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(Duration.ofSeconds(5));
            Cpu start = Cpu.of(saola);
            counting.set(true);
            Thread.sleep(MEASURE);
            counting.set(false);
            Cpu end = Cpu.of(saola);
            stop.set(true);
            for (java.util.concurrent.Future<?> w : workers) {
                w.get();                        // a worker's failure is the run's, not a lower rate
            }
            double rate = readings.get() / (double) MEASURE.toSeconds();
            System.out.printf(Locale.ROOT, floor > 0
                    ? "storage floor, the same history rows by binary COPY with the latest state" + (indexed ? ", value index and"
                            + " counts" : " alone") + " by SQL in the same transaction (2 connections, " + floor
                            + " readings a transaction): %.0f readings/s%n"
                    : "ceiling, the same history rows by raw binary COPY (2 connections, 2 000 readings per COPY):"
                            + " %.0f readings/s%n", rate);
            System.out.println("  " + end.since(start, MEASURE.toSeconds(), readings.get(), "reading"));
            return rate;
        }
    }

    /**
     * Ten minutes (or {@code saola.bench.soak-minutes}) of MQTT readings from 1 000 devices: readings per second
     * and Saola's heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}) each minute.
     */
    private void ingestSoak(Duration length) throws Exception {
        Instant t0 = Instant.now().minus(Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<String[]> devices = registerDevices("bench-soak-", 1000, null);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[] last = {0, System.nanoTime()};
        System.out.println("soak: minute, readings/s in that minute, Saola heap used after a full GC (MB)");
        int[] minute = {0};
        runMqtt(devices, t0, WARM_UP, length, acked, failed, () -> {
            long now = System.nanoTime();
            long count = acked.get();
            double rate = (count - last[0]) / ((now - last[1]) / 1e9);
            last[0] = count;
            last[1] = now;
            System.out.printf(Locale.ROOT, "  %d  %.0f  %s%n", ++minute[0], rate, heapAfterGc());
        });
        System.out.printf(Locale.ROOT, "soak: %.0f readings/s over %d min (1 000 devices, %d failed)%n",
                acked.get() / (double) length.toSeconds(), length.toMinutes(), failed.get());
        System.out.println("  " + windowEnd.since(windowStart, length.toSeconds(), acked.get(), "reading"));
    }

    /** Saola's heap in use right after a full collection, in MB, by the JDK's own jcmd. */
    private String heapAfterGc() {
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            new ProcessBuilder(jcmd, Long.toString(saola.pid()), "GC.run").redirectErrorStream(true).start().waitFor();
            Process info = new ProcessBuilder(jcmd, Long.toString(saola.pid()), "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            info.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) / 1024 + "" : "? (" + text.lines().findFirst().orElse("") + ")";
        } catch (IOException e) {
            return "? (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** A request by the admin with extra headers, which must answer {@code expected}. */
    private void send(String method, String path, String body, int expected, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", adminAuth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + " " + r.body());
        }
    }

    private static String basic(String[] credentials) {
        return "Basic " + Base64.getEncoder().encodeToString((credentials[0] + ":" + credentials[1])
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Devices that post over HTTP less often than once a minute, as most of a city's do: {@code count} devices
     * registered by one bulk CSV (timed), then one reading from each, on a connection of its own, 64 at once. No
     * device has been verified within the minute, so each reading's secret is checked against the stored hash.
     * Twice, with new devices: the first round warms the JVM up, the second is the one to read.
     */
    private void firstReadings(int count) throws Exception {
        for (String round : List.of("warm-up", "counted")) {
            long started = System.nanoTime();
            List<String[]> devices = registerDevices("bench-first-" + round + "-", count, null);
            System.out.printf(Locale.ROOT, "%s: bulk registration of %d devices by CSV: %.1f s%n", round, count,
                    (System.nanoTime() - started) / 1e9);
            Instant t0 = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            URI uri = URI.create(base);
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            AtomicLong stored = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            startWindow();
            started = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(64)) {
                List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < 64; w++) {
                    workers.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < devices.size(); i = next.getAndIncrement()) {
                            try (KeepAliveClient client = new KeepAliveClient(uri.getHost(), uri.getPort(), basic(devices.get(i)))) {
                                int status = client.send("POST", "/api/v1/telemetry",
                                        "{\"pm25\": " + (i % 500) + ", \"dateObserved\": \"" + t0 + "\"}");
                                (status / 100 == 2 ? stored : failed).incrementAndGet();
                            } catch (IOException e) {
                                failed.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> w : workers) {
                    w.get();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            endWindow();
            System.out.printf(Locale.ROOT, "%s: first reading of each of %d devices over HTTP, its secret checked: %.0f"
                    + " readings/s (%.1f s, %d failed)%n", round, count, stored.get() / seconds, seconds, failed.get());
            System.out.println("  " + windowEnd.since(windowStart, seconds, stored.get(), "reading"));
        }
    }

    /** Registers air-quality stations {@code prefix0..}, behind {@code gateway} if given; their [username, secret]. */
    private List<String[]> registerDevices(String prefix, int count, String gateway) throws Exception {
        StringBuilder csv = new StringBuilder("id,name,profile,latitude,longitude,owner_organisation,purpose,gateway\n");
        for (int i = 0; i < count; i++) {
            csv.append(prefix).append(i).append(",Bench ").append(prefix).append(i).append(",air-quality,16.05,108.2,")
                    .append("Saola bench,measures Saola,").append(gateway == null ? "" : gateway).append('\n');
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/devices/bulk"))
                .timeout(Duration.ofMinutes(5)).header("Authorization", adminAuth).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\"username\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"secret\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        List<String[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2)});
        }
        if (r.statusCode() != 200 || out.size() != count) {
            throw new IllegalStateException("could not register " + prefix + "*: " + r.statusCode() + " " + r.body());
        }
        return out;
    }

    /** Machine clients authenticate with API keys (a hash look-up), not staff passwords (bcrypt). */
    private void useApiKey() throws Exception {
        HttpResponse<String> r = http.send(request("POST", "/api/v1/api-keys",
                "{\"name\": \"bench\", \"role\": \"OPERATOR\"}"), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("could not issue an API key: " + r.statusCode() + " " + r.body());
        }
        auth = "Bearer " + m.group(1);
    }

    /** Partial attribute updates over HTTP, 64 clients at once on 1 000 entities. */
    private void partialUpdates() throws Exception {
        String type = "BenchUpdate";
        createEntities(type, 1000, i -> "\"temperature\": {\"type\": \"Property\", \"value\": 20}");
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        runFor(64, WARM_UP, MEASURE, done, failed, (client, worker, n) -> {
            String id = "urn:ngsi-ld:" + type + ":" + ((worker * 7919 + n) % 1000);
            return client.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/temperature", "{\"value\": " + (n % 40) + "}");
        }, null);
        System.out.printf(Locale.ROOT, "partial attribute updates over HTTP: %.0f updates/s (64 clients, %d s, %d failed)%n",
                done.get() / (double) MEASURE.toSeconds(), MEASURE.toSeconds(), failed.get());
    }

    /**
     * Single writes from one client, each answered before the next is sent (#17): entity creates, then partial
     * updates of those entities, over one keep-alive connection. Beside them, in the same run, the floor a write
     * cannot go below: one row inserted and committed in PostgreSQL directly (the same database, its own
     * connection, fsync and synchronous commit as Saola runs them), and an empty request answered by Saola.
     */
    private void singleWrites() throws Exception {
        String type = "BenchSingle";
        // Latency of one request is what the JIT compiler has made of its path: a few hundred requests leave it
        // interpreted (a retrieval's median 4 ms after 200, 1.4 ms after 2 000), so each kind warms up long.
        int warm = 5000;
        int measured = 2000;
        URI uri = URI.create(base);
        List<Long> creates = new ArrayList<>();
        List<Long> patches = new ArrayList<>();
        List<Long> commits = new ArrayList<>();
        List<Long> empty = new ArrayList<>();
        try (PgWire db = new PgWire("127.0.0.1", dbPort, "postgres", "saola")) {
            db.query("CREATE TABLE IF NOT EXISTS bench_commit (i integer, v text)");
            System.out.printf(Locale.ROOT, "single writes: fsync %s, synchronous_commit %s, wal_sync_method %s%n",
                    db.query("SHOW fsync").getFirst().getFirst(), db.query("SHOW synchronous_commit").getFirst().getFirst(),
                    db.query("SHOW wal_sync_method").getFirst().getFirst());
            for (int i = 0; i < warm + measured; i++) {
                long t0 = System.nanoTime();
                db.query("INSERT INTO bench_commit VALUES (" + i + ", 'level " + i + "')");
                if (i >= warm) {
                    commits.add(System.nanoTime() - t0);
                }
            }
            db.query("DROP TABLE bench_commit");
        }
        try (KeepAliveClient client = new KeepAliveClient(uri.getHost(), uri.getPort(), auth)) {
            for (int i = 0; i < warm + measured; i++) {
                long t0 = System.nanoTime();
                int status = client.send("GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:" + type + ":none", null);
                if (status != 404) {
                    throw new IllegalStateException("retrieval of a missing entity: HTTP " + status);
                }
                if (i >= warm) {
                    empty.add(System.nanoTime() - t0);
                }
            }
            for (int i = 0; i < warm + measured; i++) {
                String body = "{\"id\": \"urn:ngsi-ld:" + type + ":" + i + "\", \"type\": \"" + type
                        + "\", \"level\": {\"type\": \"Property\", \"value\": " + i + "}}";
                long t0 = System.nanoTime();
                int status = client.send("POST", "/ngsi-ld/v1/entities", body);
                if (status != 201) {
                    throw new IllegalStateException("create failed: HTTP " + status);
                }
                if (i >= warm) {
                    creates.add(System.nanoTime() - t0);
                }
            }
            for (int i = 0; i < warm + measured; i++) {
                long t0 = System.nanoTime();
                int status = client.send("PATCH", "/ngsi-ld/v1/entities/urn:ngsi-ld:" + type + ":" + i + "/attrs",
                        "{\"level\": {\"type\": \"Property\", \"value\": " + (i + 1) + "}}");
                if (status != 204) {
                    throw new IllegalStateException("partial update failed: HTTP " + status);
                }
                if (i >= warm) {
                    patches.add(System.nanoTime() - t0);
                }
            }
        }
        for (var row : List.of(java.util.Map.entry("one row committed in PostgreSQL directly", commits),
                java.util.Map.entry("a retrieval answered 404 (no write)", empty), java.util.Map.entry("entity create (201)", creates),
                java.util.Map.entry("partial update (204)", patches))) {
            List<Long> times = row.getValue();
            Collections.sort(times);
            System.out.printf(Locale.ROOT, "  %-48s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  (%d, one at a time)%n",
                    row.getKey(), ms(pct(times, 50)), ms(pct(times, 90)), ms(pct(times, 99)), times.size());
        }
    }

    /** Attribute updates through batch update requests of 100 entities each, 8 clients at once. */
    private void batchUpdates() throws Exception {
        String type = "BenchUpdate";
        AtomicLong requests = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        runFor(8, WARM_UP, MEASURE, requests, failed, (client, worker, n) -> {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 100; i++) {
                int e = (int) ((worker * 125 + n * 100 + i) % 1000);
                body.append(i == 0 ? "" : ",").append("{\"id\": \"urn:ngsi-ld:").append(type).append(':').append(e)
                        .append("\", \"type\": \"").append(type).append("\", \"temperature\": {\"type\": \"Property\", \"value\": ")
                        .append(n % 40).append("}}");
            }
            return client.send("POST", "/ngsi-ld/v1/entityOperations/update", body.append(']').toString());
        }, null);
        System.out.printf(Locale.ROOT, "attribute updates through batch update (100 entities per request): %.0f updates/s "
                        + "(8 clients, %d s, %d failed requests)%n",
                requests.get() * 100 / (double) MEASURE.toSeconds(), MEASURE.toSeconds(), failed.get());
    }

    /** GET /entities/{id} latency while 32 clients keep updating. */
    private void retrieveUnderLoad() throws Exception {
        String type = "BenchUpdate";
        createEntities(type, 1000, i -> "\"temperature\": {\"type\": \"Property\", \"value\": 20}");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong updates = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        runFor(40, WARM_UP, MEASURE, updates, failed, (client, worker, n) -> {
            String id = "urn:ngsi-ld:" + type + ":" + ((worker * 7919 + n) % 1000);
            if (worker < 32) {
                return client.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/temperature", "{\"value\": " + (n % 40) + "}");
            }
            long start = System.nanoTime();
            int status = client.send("GET", "/ngsi-ld/v1/entities/" + id, null);
            latencies.add(System.nanoTime() - start);
            return status;
        }, latencies);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "GET /entities/{id} under saturating update load: p50 %.2f ms, p99 %.2f ms (%d reads, 8 readers, "
                        + "32 writers making %.0f updates/s)%n", ms(pct(sorted, 50)), ms(pct(sorted, 99)), sorted.size(),
                updates.get() / (double) MEASURE.toSeconds() - sorted.size() / (double) MEASURE.toSeconds());
    }

    /**
     * GET /entities/{id} latency while 32 clients together make a steady {@code updatesPerSecond} (a city's
     * sensors report at a rate, not as fast as the server answers) and 8 readers read 200 times a second.
     */
    private void retrieveUnderPacedLoad(int updatesPerSecond) throws Exception {
        String type = "BenchUpdate";
        createEntities(type, 1000, i -> "\"temperature\": {\"type\": \"Property\", \"value\": 20}");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong ops = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long periodNanos = 32 * 1_000_000_000L / updatesPerSecond;       // each writer's interval
        runFor(40, WARM_UP, MEASURE, ops, failed, (client, worker, n) -> {
            String id = "urn:ngsi-ld:" + type + ":" + ((worker * 7919 + n) % 1000);
            if (worker < 32) {
                long due = System.nanoTime() + periodNanos;
                int status = client.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/temperature",
                        "{\"value\": " + (n % 40) + "}");
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                return status;
            }
            // Readers too read at a steady rate (8 × 25/s), so that their own queueing is not what is measured.
            long due = System.nanoTime() + 40_000_000L;
            long start = System.nanoTime();
            int status = client.send("GET", "/ngsi-ld/v1/entities/" + id, null);
            latencies.add(System.nanoTime() - start);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            return status;
        }, latencies);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "GET /entities/{id} under a steady %d updates/s: p50 %.2f ms, p99 %.2f ms (%d reads, "
                        + "8 readers, updates made %.0f/s)%n", updatesPerSecond, ms(pct(sorted, 50)), ms(pct(sorted, 99)),
                sorted.size(), (ops.get() - sorted.size()) / (double) MEASURE.toSeconds());
    }

    /** A query by type + q + geoQ over 100 000 entities. */
    private void queryTypeQGeo() throws Exception {
        String type = "BenchStreetlight";
        Random random = new Random(42);
        createEntities(type, 100_000, i -> {
            double lon = 108.15 + random.nextDouble() * 0.15;
            double lat = 15.98 + random.nextDouble() * 0.12;
            return String.format(Locale.ROOT, "\"powerState\": \"%s\", \"power\": %d, \"location\": {\"type\": \"GeoProperty\", "
                    + "\"value\": {\"type\": \"Point\", \"coordinates\": [%.6f, %.6f]}}", i % 3 == 0 ? "off" : "on",
                    random.nextInt(200), lon, lat);
        });
        String query = "/ngsi-ld/v1/entities?type=" + type + "&q=" + enc("power>100;powerState==\"on\"")
                + "&georel=" + enc("near;maxDistance==1000") + "&geometry=Point&coordinates=" + enc("[108.2208,16.0544]")
                + "&limit=1000&count=true";
        List<Long> times = new ArrayList<>();
        String count = "";
        for (int i = 0; i < 35; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = http.send(request("GET", query, null), HttpResponse.BodyHandlers.ofString());
            if (i >= 5) {
                times.add(System.nanoTime() - start);
            }
            count = r.headers().firstValue("NGSILD-Results-Count").orElse("?");
        }
        Collections.sort(times);
        System.out.printf(Locale.ROOT, "query type+q+geoQ over 100 000 entities: median %.1f ms, p95 %.1f ms (%s matches)%n",
                ms(pct(times, 50)), ms(pct(times, 95)), count);
    }

    /**
     * Queries by type and q over ever more entities of one type (issue #17): a numeric range matching about half of
     * them with {@code count=true} and a page of 100 (the target: p99 ≤ 20 ms at every size), the same without the
     * count, an equality matching 0.5 % with the count, and two terms (a string and a number) matching 1 % and 45 %,
     * with and without the count. Each size is loaded (batch upserts from two clients),
     * analysed as autovacuum would, then each query is run 20 times unmeasured and 200 times measured, one at a time
     * (fewer, but at least 20, when a query takes more than a minute of them: the slow queries of the old store).
     */
    private void queryAtScale(List<Integer> sizes) throws Exception {
        String type = "BenchGauge";
        int loaded = 0;
        for (int size : sizes) {
            long start = System.nanoTime();
            int from = loaded;
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                List<java.util.concurrent.Future<Integer>> batches = new ArrayList<>();
                for (int at = from; at < size; at += 1000) {
                    int first = at;
                    int last = Math.min(size, at + 1000);
                    batches.add(pool.submit(() -> {
                        StringBuilder body = new StringBuilder("[");
                        for (int i = first; i < last; i++) {
                            body.append(i == first ? "" : ",").append("{\"id\": \"urn:ngsi-ld:").append(type).append(':')
                                    .append(String.format(Locale.ROOT, "%07d", i)).append("\", \"type\": \"").append(type)
                                    .append("\", \"level\": {\"type\": \"Property\", \"value\": ").append(Math.floorMod(i * 7919L, 200))
                                    .append(", \"observedAt\": \"2026-12-01T00:00:00Z\", \"unitCode\": \"CMT\"}, \"status\": {\"type\":"
                                    + " \"Property\", \"value\": \"").append(i % 10 == 0 ? "fault" : "ok").append("\"}}");
                        }
                        return send("POST", "/ngsi-ld/v1/entityOperations/upsert", body.append(']').toString());
                    }));
                }
                for (var f : batches) {
                    if (f.get() / 100 != 2) {
                        throw new IllegalStateException("could not create " + type + " entities: HTTP " + f.get());
                    }
                }
            }
            loaded = size;
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            try (PgWire db = new PgWire("127.0.0.1", dbPort, "postgres", "saola")) {
                db.query("VACUUM ANALYZE context_entity");
                if (!db.query("SELECT 1 FROM pg_class WHERE relname = 'context_entity_value'").isEmpty()) {
                    db.query("VACUUM ANALYZE context_entity_value");   // a jar with the value index
                    db.query("VACUUM ANALYZE context_value_count");
                }
                // The load's writes flushed now rather than while queries are timed.
                db.query("CHECKPOINT");
            }
            System.out.printf(Locale.ROOT, "%,d %s entities (%,d loaded in %.0f s, %.0f a second)%n", size, type,
                    size - from, loadSeconds, (size - from) / loadSeconds);
            String byQ = "/ngsi-ld/v1/entities?type=" + type + "&q=";
            for (String[] query : List.of(
                    new String[] {"level>=100, count=true, limit=100 (~50 %)", byQ + enc("level>=100") + "&count=true&limit=100"},
                    new String[] {"level>=100, limit=100, no count", byQ + enc("level>=100") + "&limit=100"},
                    new String[] {"level==42, count=true, limit=100 (0.5 %)", byQ + enc("level==42") + "&count=true&limit=100"},
                    new String[] {"status==\"fault\";level<20, count=true (1 %)", byQ + enc("status==\"fault\";level<20")
                            + "&count=true&limit=100"},
                    new String[] {"status==\"fault\";level<20, limit=100, no count", byQ + enc("status==\"fault\";level<20")
                            + "&limit=100"},
                    new String[] {"status==\"ok\";level>=100, count=true (45 %)", byQ + enc("status==\"ok\";level>=100")
                            + "&count=true&limit=100"},
                    new String[] {"status==\"ok\";level>=100, limit=100, no count", byQ + enc("status==\"ok\";level>=100")
                            + "&limit=100"})) {
                List<Long> times = new ArrayList<>();
                // Timed with the lightest client (one keep-alive connection, the whole response read); the count shown
                // is then read once with java.net.http.
                URI uri = URI.create(base);
                try (KeepAliveClient client = new KeepAliveClient(uri.getHost(), uri.getPort(), auth)) {
                    // The bench's usual warm-up (15 s, at least 5 runs) before each query: with 20 runs alone, the
                    // first size's tail was the JIT still compiling the query path (session 30).
                    long warming = System.nanoTime();
                    for (int i = 0; i < 5 || System.nanoTime() - warming < 15e9; i++) {
                        scaleQuery(client, query[1]);
                    }
                    long measuring = System.nanoTime();
                    for (int i = 0; i < 200 && (i < 20 || System.nanoTime() - measuring < 60e9); i++) {
                        long t0 = System.nanoTime();
                        scaleQuery(client, query[1]);
                        times.add(System.nanoTime() - t0);
                    }
                }
                String count = http.send(request("GET", query[1], null), HttpResponse.BodyHandlers.ofString()).headers()
                        .firstValue("NGSILD-Results-Count").orElse("-");
                Collections.sort(times);
                System.out.printf(Locale.ROOT, "  %-45s p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (count %s, %d runs)%n",
                        query[0], ms(pct(times, 50)), ms(pct(times, 90)), ms(pct(times, 99)), ms(times.getLast()), count,
                        times.size());
            }
        }
    }

    private static void scaleQuery(KeepAliveClient client, String path) throws Exception {
        int status = client.send("GET", path, null);
        if (status != 200) {
            throw new IllegalStateException("query failed: HTTP " + status + " " + path);
        }
    }

    /** Hourly aggregates of one day of one-minute data of 100 entities. */
    private void temporalAggregate() throws Exception {
        String type = "BenchWaterQuality";
        createEntities(type, 100, i -> "\"turbidity\": {\"type\": \"Property\", \"value\": 0}");
        Instant day = Instant.parse("2026-11-22T00:00:00Z");
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Integer>> appends = new ArrayList<>();
            for (int e = 0; e < 100; e++) {
                StringBuilder body = new StringBuilder("{\"turbidity\": [");
                for (int m = 0; m < 1440; m++) {
                    body.append(m == 0 ? "" : ",").append("{\"type\": \"Property\", \"value\": ").append((m * 7 + e) % 50)
                            .append(", \"observedAt\": \"").append(day.plusSeconds(60L * m)).append("\"}");
                }
                String id = "urn:ngsi-ld:" + type + ":" + e;
                String json = body.append("]}").toString();
                appends.add(pool.submit(() -> send("POST", "/ngsi-ld/v1/temporal/entities/" + id + "/attrs", json)));
            }
            for (var f : appends) {
                if (f.get() != 204) {
                    throw new IllegalStateException("temporal append failed: HTTP " + f.get());
                }
            }
        }
        String query = "/ngsi-ld/v1/temporal/entities?type=" + type + "&attrs=turbidity&aggrMethods=avg,min,max,totalCount"
                + "&aggrPeriodDuration=PT1H&timerel=between&timeAt=" + day + "&endTimeAt=" + day.plusSeconds(86_400)
                + "&limit=100";
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long start = System.nanoTime();
            int status = send("GET", query, null);
            if (status != 200) {
                throw new IllegalStateException("temporal query failed: HTTP " + status);
            }
            if (i >= 5) {
                times.add(System.nanoTime() - start);
            }
        }
        Collections.sort(times);
        System.out.printf(Locale.ROOT, "aggregated temporal query (1 day of 1-minute data, 100 entities, hourly avg/min/max/count): "
                + "median %.1f ms, p95 %.1f ms%n", ms(pct(times, 50)), ms(pct(times, 95)));
    }

    /**
     * History over a year (issue #17, item 4): {@code sensors} gauges, one reading a minute for {@code days} days of
     * 2025, loaded by binary COPY as Saola's writer stores readings (the time each was written 20–300 ms after its
     * observation, as a device's reading arrives); the background compaction (every second in this run, for days
     * older than 7) turns them into blocks. Then bytes on disk per instance, recent (rows: a day of the same
     * sensors within the last week) and compacted, and the temporal aggregation over the year: daily, monthly and
     * whole-year avg/min/max/count of every sensor. A second set of gauges is written with the time of writing equal
     * to the observation's (readings Saola timestamps itself), whose blocks are measured apart. With
     * {@code compact=false} nothing is compacted: the same queries over rows, for comparison.
     */
    private void historyCompaction(int sensors, int days, int every, boolean compact) throws Exception {
        if (every < 1 || 1440 % every != 0) {
            throw new IllegalArgumentException("saola.bench.every: minutes between readings, a divisor of 1440");
        }
        String type = "BenchGauge";
        String stamped = "BenchStamped";
        String attr = "https://uri.etsi.org/ngsi-ld/default-context/level";
        createEntities(type, sensors, i -> "\"level\": {\"type\": \"Property\", \"value\": 0, \"unitCode\": \"MTR\","
                + " \"observedAt\": \"2026-01-01T00:00:00Z\"}");
        int stampedSensors = Math.max(1, sensors / 10);
        int stampedDays = Math.min(days, 30);
        createEntities(stamped, stampedSensors, i -> "\"level\": {\"type\": \"Property\", \"value\": 0, \"unitCode\": \"MTR\","
                + " \"observedAt\": \"2026-01-01T00:00:00Z\"}");
        Instant recent = Instant.now().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        Instant year = Instant.parse("2025-01-01T00:00:00Z");
        long start = System.nanoTime();
        loadMinutes(type, attr, sensors, recent, 1, every, true);
        long[] size = historyRows();
        System.out.printf(Locale.ROOT, "recent history as rows: %d instances, %.1f MB table + %.1f MB indexes: %.1f bytes"
                + " per instance%n", size[2], size[0] / 1e6, size[1] / 1e6, (size[0] + size[1]) / (double) size[2]);
        loadMinutes(type, attr, sensors, year, days, every, true);
        loadMinutes(stamped, attr, stampedSensors, year, stampedDays, every, false);
        System.out.printf(Locale.ROOT, "loaded %d + %d instances by COPY in %.0f s%n", (long) sensors * days * (1440 / every),
                (long) stampedSensors * stampedDays * (1440 / every), (System.nanoTime() - start) / 1e9);
        if (compact) {
            long expected = (long) sensors * days + (long) stampedSensors * stampedDays;
            long waited = System.nanoTime();
            try (PgWire db = new PgWire("127.0.0.1", dbPort, "postgres", "saola")) {
                while (true) {
                    long blocks = Long.parseLong(db.query("SELECT count(*) FROM context_history_block").getFirst().getFirst());
                    boolean left = !db.query("SELECT 1 FROM context_attribute_history WHERE observed_at < '2026-01-01'"
                            + " LIMIT 1").isEmpty();
                    if (blocks >= expected && !left) {
                        break;
                    }
                    Thread.sleep(5_000);
                }
                System.out.printf(Locale.ROOT, "compaction done %.0f s after the load%n", (System.nanoTime() - waited) / 1e9);
                // What autovacuum does after a compaction (the rows it deleted leave dead index entries behind).
                db.query("VACUUM ANALYZE context_attribute_history");
                db.query("VACUUM ANALYZE context_history_block");
                for (String t : List.of(type, stamped)) {
                    List<String> r = db.query("SELECT sum(b.instances), sum(octet_length(b.data)), sum(pg_column_size(b.*)),"
                            + " count(*) FROM context_history_block b WHERE b.entity_id LIKE 'urn:ngsi-ld:" + t + ":%'").getFirst();
                    long n = Long.parseLong(r.get(0));
                    System.out.printf(Locale.ROOT, "compacted %s (%s): %d instances in %s blocks: %.2f bytes of data and %.2f bytes"
                            + " of row per instance%n", t, t.equals(type) ? "written 20-300 ms after observation"
                            : "written when observed", n, r.get(3), Long.parseLong(r.get(1)) / (double) n,
                            Long.parseLong(r.get(2)) / (double) n);
                }
                List<String> r = db.query("SELECT pg_total_relation_size('context_history_block'), sum(instances)"
                        + " FROM context_history_block").getFirst();
                System.out.printf(Locale.ROOT, "compacted history on disk: %.1f MB with indexes and TOAST, %.2f bytes per instance%n",
                        Long.parseLong(r.get(0)) / 1e6, Long.parseLong(r.get(0)) / Double.parseDouble(r.get(1)));
            }
        }
        if (!compact) {
            requestTimeout = Duration.ofMinutes(10);        // PostgreSQL aggregates every row of the year
        }
        String window = "&timerel=between&timeAt=" + year + "&endTimeAt=" + year.plus(Duration.ofDays(days)) + "&limit=100";
        for (String[] q : List.of(new String[] {"daily", "&aggrPeriodDuration=P1D"}, new String[] {"monthly", "&aggrPeriodDuration=P1M"},
                new String[] {"whole window", ""}, new String[] {"lastN=60 before mid-window", null})) {
            String query = q[1] == null
                    ? "/ngsi-ld/v1/temporal/entities?type=" + type + "&attrs=level&lastN=60&timerel=before&timeAt="
                            + year.plus(Duration.ofDays(days / 2)) + "&limit=100"
                    : "/ngsi-ld/v1/temporal/entities?type=" + type + "&attrs=level&aggrMethods=avg,min,max,totalCount"
                            + q[1] + window;
            int runs = compact ? 50 : 3;
            // The bench's usual warm-up (15 s, at least 5 runs) before each query: after 5 runs alone the JIT was
            // still compiling this query's path (runs 6-10 of the daily one took 1.3-1.6 times the median).
            long warm = System.nanoTime() + (compact ? 15_000_000_000L : 0);
            for (int i = 0; compact && (i < 5 || System.nanoTime() < warm); i++) {
                if (send("GET", query, null) != 200) {
                    throw new IllegalStateException("temporal aggregation failed");
                }
            }
            List<Long> times = new ArrayList<>();
            Cpu before = Cpu.of(saola);
            long began = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                int status = send("GET", query, null);
                if (status != 200) {
                    throw new IllegalStateException("temporal aggregation failed: HTTP " + status);
                }
                times.add(System.nanoTime() - t);
            }
            String cpu = Cpu.of(saola).since(before, (System.nanoTime() - began) / 1e9, runs, "request");
            Collections.sort(times);
            System.out.printf(Locale.ROOT, "temporal query over %d days of %d sensors (%s%s, %s): median %.1f ms,"
                    + " p99 %.1f ms (%d runs); %s%n", days, sensors, q[0], q[1] == null ? "" : " avg/min/max/count",
                    compact ? "compacted" : "rows", ms(pct(times, 50)), ms(pct(times, 99)), runs, cpu);
        }
    }

    /** One reading every {@code every} minutes of each sensor over whole days, by binary COPY from two connections. */
    private void loadMinutes(String type, String attr, int sensors, Instant from, int days, int every, boolean jitter)
            throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<java.util.concurrent.Future<Void>> loads = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int worker = w;
                loads.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(worker);
                    try (PgWire db = new PgWire("127.0.0.1", dbPort, "postgres", "saola")) {
                        CopyRows rows = new CopyRows();
                        for (int s = worker; s < sensors; s += 2) {
                            String entity = "urn:ngsi-ld:" + type + ":" + s;
                            double level = 1.5;
                            for (int d = 0; d < days; d++) {
                                rows.reset();
                                for (int m = 0; m < 1440; m += every) {
                                    Instant at = from.plusSeconds(86_400L * d + 60L * m);
                                    level = Math.max(0, Math.round((level + (random.nextInt(5) - 2) * 0.01) * 100) / 100.0);
                                    Instant written = jitter ? at.plusNanos(20_000_000L + random.nextInt(280_000) * 1_000L) : at;
                                    rows.add("default", entity, attr, at, "{\"type\":\"Property\",\"value\":" + level
                                            + ",\"unitCode\":\"MTR\",\"observedAt\":\"" + at + "\"}", written);
                                }
                                db.copy(CopyRows.COPY_WRITTEN, rows.finish(), rows.size());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (var f : loads) {
                f.get();
            }
        }
    }

    /**
     * Residents' reports: (a) filed through Open311 with one phone photo each (5 megapixels, re-encoded by Saola),
     * 8 clients at once, then without a photo; (b) the departments' queue (the API and the page) over 100 000
     * reports, the open ones counted.
     */
    /** The reports' catalogue the benchmarks file against: department {@code bench-roads}, category {@code bench-pothole}. */
    private void potholes() throws Exception {
        // The catalogue is the administrator's (the bench's key is an operator's).
        String operator = auth;
        auth = adminAuth;
        send("POST", "/api/v1/departments", "{\"code\": \"bench-roads\", \"nameVi\": \"Đường bộ\", \"nameEn\": \"Roads\"}");
        int put = send("PUT", "/api/v1/report-services/bench-pothole", "{\"nameVi\": \"Ổ gà\", \"nameEn\": \"Pothole\","
                + " \"department\": \"bench-roads\", \"targetHours\": 72}");
        auth = operator;
        if (put / 100 != 2) {
            throw new IllegalStateException("could not set up the catalogue: HTTP " + put);
        }
    }

    /**
     * The city's indicators over a year of data: 500 000 reports filed over the last 365 days in six wards (two
     * thirds fixed, after 0-6 days), 30 air-quality stations with a daily VN_AQI level for each of the 365 days, the
     * official figures; then every computed indicator computed for each of the last twelve months (as the schedule
     * does the first time), one request at a time, and the public pages read over the year's values.
     */
    private void indicators() throws Exception {
        potholes();
        String[] wards = {"Liên Chiểu", "Thanh Khê", "Hải Châu", "Sơn Trà", "Ngũ Hành Sơn", "Cẩm Lệ"};
        long insertStart = System.nanoTime();
        try (PgWire db = new PgWire("127.0.0.1", dbPort, "postgres", "saola")) {
            db.query("""
                    INSERT INTO report (tenant_id, id, token, service_code, status, description, lat, lon, address, ward, department_code,
                        source, requested_at, updated_at, expected_at, closed_at, projected_at)
                    SELECT 'default', nextval('report_number'), gen_random_uuid(), 'bench-pothole',
                        CASE WHEN i % 3 = 0 THEN 'OPEN' ELSE 'FIXED' END, 'bench report ' || i, 16.0 + random() / 10,
                        108.15 + random() / 10, i || ' Bạch Đằng', (ARRAY['Liên Chiểu','Thanh Khê','Hải Châu','Sơn Trà','Ngũ Hành Sơn','Cẩm Lệ'])[1 + i % 6],
                        'bench-roads', CASE WHEN i % 4 = 0 THEN 'web' ELSE 'open311:bench' END,
                        now() - (i * 63) * interval '1 second', now(), now() - (i * 63) * interval '1 second' + interval '3 days',
                        CASE WHEN i % 3 <> 0 THEN now() - (i * 63) * interval '1 second' + (i % 7) * interval '1 day' END, now()
                    FROM generate_series(1, 500000) i""");
            db.query("ANALYZE report");
        }
        StringBuilder districts = new StringBuilder("[");
        for (int w = 0; w < wards.length; w++) {
            double west = 108.10 + w * 0.03;
            districts.append(w == 0 ? "" : ",").append("{\"id\": \"urn:ngsi-ld:District:bench-").append(w)
                    .append("\", \"type\": \"District\", \"name\": {\"type\": \"Property\", \"value\": \"").append(wards[w])
                    .append("\"}, \"location\": {\"type\": \"GeoProperty\", \"value\": {\"type\": \"Polygon\", \"coordinates\": [[[")
                    .append(west).append(", 15.9], [").append(west + 0.03).append(", 15.9], [").append(west + 0.03).append(", 16.2], [")
                    .append(west).append(", 16.2], [").append(west).append(", 15.9]]]}}}");
        }
        if (send("POST", "/ngsi-ld/v1/entityOperations/upsert", districts.append("]").toString()) / 100 != 2) {
            throw new IllegalStateException("could not create the districts");
        }
        createEntities("AirQualityObserved", 30, i -> "\"name\": {\"type\": \"Property\", \"value\": \"Trạm " + i + "\"}, "
                + "\"location\": {\"type\": \"GeoProperty\", \"value\": {\"type\": \"Point\", \"coordinates\": ["
                + (108.115 + (i % 6) * 0.03) + ", 16.05]}}");
        Instant today = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        String[] levels = {"good", "moderate", "moderate", "poor", "good", "bad", "moderate"};
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Integer>> appends = new ArrayList<>();
            for (int e = 0; e < 30; e++) {
                StringBuilder body = new StringBuilder("{\"airQualityLevelDaily\": [");
                for (int d = 0; d < 365; d++) {
                    body.append(d == 0 ? "" : ",").append("{\"type\": \"Property\", \"value\": \"").append(levels[(d * 3 + e) % 7])
                            .append("\", \"observedAt\": \"").append(today.minus(Duration.ofDays(d)).minusSeconds(7 * 3600)).append("\"}");
                }
                String id = "urn:ngsi-ld:AirQualityObserved:" + e;
                String json = body.append("]}").toString();
                appends.add(pool.submit(() -> send("POST", "/ngsi-ld/v1/temporal/entities/" + id + "/attrs", json)));
            }
            for (var f : appends) {
                if (f.get() != 204) {
                    throw new IllegalStateException("temporal append failed: HTTP " + f.get());
                }
            }
        }
        if (send("PUT", "/api/v1/indicators/city-figures", "{\"figures\": [{\"figure\": \"population\", \"value\": 1245000, "
                + "\"source\": \"bench\"}, {\"figure\": \"area_km2\", \"value\": 1285.4, \"source\": \"bench\"}]}") != 200) {
            throw new IllegalStateException("could not set the city figures");
        }
        System.out.printf(Locale.ROOT, "indicators: a year of data loaded in %.0f s (500 000 reports, 30 stations × 365 daily levels)%n",
                (System.nanoTime() - insertStart) / 1e9);

        List<String> computed = new ArrayList<>();
        HttpResponse<String> list = http.send(request("GET", "/api/v1/indicators", null), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"code\":\"([a-z0-9-]+)\"[^{}]*?\"computed\":true").matcher(list.body());
        while (m.find()) {
            computed.add(m.group(1));
        }
        java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        java.util.Map<String, List<Long>> byIndicator = new java.util.TreeMap<>();
        Cpu windowStart = Cpu.of(saola);
        long start = System.nanoTime();
        for (int back = 12; back >= 1; back--) {
            String period = month.minusMonths(back).toString();
            for (String code : computed) {
                long t = System.nanoTime();
                int status = send("POST", "/api/v1/indicators/" + code + "/compute", "{\"period\": \"" + period + "\"}");
                // Indicators built on a snapshot are recorded only when their period has just ended (409 otherwise).
                if (status == 200) {
                    byIndicator.computeIfAbsent(code, k -> new ArrayList<>()).add(System.nanoTime() - t);
                } else if (status != 409) {
                    throw new IllegalStateException("computing " + code + " for " + period + ": HTTP " + status);
                }
            }
        }
        double total = (System.nanoTime() - start) / 1e9;
        Cpu windowEnd = Cpu.of(saola);
        int n = byIndicator.values().stream().mapToInt(List::size).sum();
        System.out.printf(Locale.ROOT, "indicators: %d computations (%d indicators × up to 12 months) in %.1f s%n", n, byIndicator.size(), total);
        System.out.println("  " + windowEnd.since(windowStart, total, n, "computation"));
        byIndicator.forEach((code, times) -> {
            Collections.sort(times);
            System.out.printf(Locale.ROOT, "  %-28s %2d months: median %.1f ms, max %.1f ms%n", code, times.size(), ms(pct(times, 50)),
                    ms(times.get(times.size() - 1)));
        });
        for (String path : List.of("/city/indicators", "/city/indicators/reports-fixed-on-time", "/public/v1/indicators/reports-filed")) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 35; i++) {
                long t = System.nanoTime();
                int status = send("GET", path, null);
                if (status != 200) {
                    throw new IllegalStateException(path + ": HTTP " + status);
                }
                if (i >= 5) {
                    times.add(System.nanoTime() - t);
                }
            }
            Collections.sort(times);
            System.out.printf(Locale.ROOT, "  %s over the year's values: median %.1f ms, p95 %.1f ms%n", path, ms(pct(times, 50)),
                    ms(pct(times, 95)));
        }
    }

    private void reports() throws Exception {
        potholes();
        String key = auth.substring("Bearer ".length());
        byte[] photo = phonePhoto(2592, 1944);
        String boundary = "----saola-bench";
        for (boolean withPhoto : new boolean[] {true, false}) {
            AtomicLong done = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            runHttp(8, done, failed, n -> {
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                String fields = "api_key=" + key + "&service_code=bench-pothole&lat=" + (16.0 + (n % 1000) / 10000.0)
                        + "&long=108.2&description=" + enc("bench report " + n);
                if (!withPhoto) {
                    return HttpRequest.newBuilder(URI.create(base + "/open311/v2/requests.json"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(fields)).build();
                }
                for (String pair : fields.split("&")) {
                    String[] kv = pair.split("=", 2);
                    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + kv[0] + "\"\r\n\r\n"
                            + java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"p.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.writeBytes(photo);
                body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
                return HttpRequest.newBuilder(URI.create(base + "/open311/v2/requests.json"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
            });
            System.out.printf(Locale.ROOT, "reports filed through Open311 %s: %.1f reports/s (8 clients, %d s, %d failed)%n",
                    withPhoto ? "with a 5-megapixel photo (" + photo.length / 1024 + " KB)" : "without a photo",
                    done.get() / (double) MEASURE.toSeconds(), MEASURE.toSeconds(), failed.get());
            System.out.println("  " + windowEnd.since(windowStart, MEASURE.toSeconds(), done.get(), "report"));
        }

        try (PgWire db = new PgWire("127.0.0.1", dbPort, "postgres", "saola")) {
            // 100 000 reports of the last ~70 days, a third of them open, as if filed and worked over time.
            db.query("""
                    INSERT INTO report (tenant_id, id, token, service_code, status, description, lat, lon, address, ward, department_code,
                        source, requested_at, updated_at, expected_at, closed_at, projected_at)
                    SELECT 'default', nextval('report_number'), gen_random_uuid(), 'bench-pothole',
                        (ARRAY['OPEN','ACKNOWLEDGED','IN_PROGRESS','FIXED','FIXED','FIXED','NOT_FIXED','DUPLICATE','REFERRED'])[1 + i % 9],
                        'bench report ' || i, 16.0 + random() / 10, 108.15 + random() / 10, i || ' Bạch Đằng', 'Phường ' || (i % 12),
                        'bench-roads', 'bench',
                        now() - i * interval '1 minute', now() - i * interval '1 minute', now() - i * interval '1 minute' + interval '3 days',
                        CASE WHEN i % 9 >= 3 THEN now() - i * interval '1 minute' + interval '1 day' END, now()
                    FROM generate_series(1, 100000) i""");
            db.query("ANALYZE report");
        }
        List<Long> api = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = http.send(request("GET", "/api/v1/reports?status=open&limit=100", null),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("queue API: HTTP " + r.statusCode());
            }
            if (i >= 5) {
                api.add(System.nanoTime() - start);
            }
        }
        Collections.sort(api);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + enc(PASSWORD) + "&_csrf=" + enc(csrf.group(1))))
                .build(), HttpResponse.BodyHandlers.discarding());
        List<Long> page = timed(browser, "/operations/reports", "report-queue");
        List<Long> ward = timed(browser, "/operations/reports?ward=" + enc("Phường 3"), "report-queue");
        List<Long> map = timed(browser, "/operations/reports/map", "FeatureCollection");
        System.out.printf(Locale.ROOT, "report queue over 100 000 reports (open ones counted): API (100 a page) median %.1f ms, "
                + "p95 %.1f ms; staff page (50 rows a page) median %.1f ms, p95 %.1f ms; one ward's median %.1f ms, p95 %.1f ms; "
                + "the queue's map (the newest 1 000 open, GeoJSON) median %.1f ms, p95 %.1f ms%n", ms(pct(api, 50)), ms(pct(api, 95)),
                ms(pct(page, 50)), ms(pct(page, 95)), ms(pct(ward, 50)), ms(pct(ward, 95)), ms(pct(map, 50)), ms(pct(map, 95)));
    }

    /** 35 requests of a signed-in browser, the first 5 unmeasured; the times, sorted. */
    private List<Long> timed(HttpClient browser, String path, String expected) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains(expected)) {
                throw new IllegalStateException(path + ": HTTP " + r.statusCode());
            }
            if (i >= 5) {
                times.add(System.nanoTime() - start);
            }
        }
        Collections.sort(times);
        return times;
    }

    /**
     * The open-data catalogue at a city's scale: {@code datasets} small datasets (CSV uploads) and one table of
     * {@code rows} readings (a CSV upload streamed from the bench: station, district, observed_at, pm25, band),
     * then one client, one request at a time, 5 unmeasured and 30 measured runs of each: {@code package_search}
     * as a portal and as a harvester calls it, and {@code datastore_search} over the big table as CKAN clients
     * call it (first page with its total, an equality filter with its total, full text, a sort, a page deep in).
     */
    private void openData(long rows, int datasets) throws Exception {
        String operator = auth;
        auth = adminAuth;
        send("POST", "/api/v1/departments", "{\"code\": \"bench-data\", \"nameVi\": \"Dữ liệu\", \"nameEn\": \"Data\"}");
        long start = System.nanoTime();
        String[] themes = {"ENVI", "TRAN", "GOVE", "ECON", "SOCI"};
        for (int i = 0; i < datasets; i++) {
            String csv = "name,value,day\n" + "item-" + i + ",1," + "2026-01-01\n" + "item-" + i + "b,2,2026-01-02\n";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/opendata/uploads/ds-" + i
                            + "?titleVi=B%E1%BB%99+d%E1%BB%AF+li%E1%BB%87u+" + i + "&titleEn=Dataset+" + i + "&theme=" + themes[i % themes.length]
                            + (i % 2 == 0 ? "&department=bench-data" : "") + "&keywords=k" + (i % 50)))
                    .header("Authorization", adminAuth).header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString(csv)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("upload ds-" + i + ": " + r.statusCode() + " " + r.body());
            }
        }
        System.out.printf(Locale.ROOT, "%d datasets uploaded in %.1f s%n", datasets, (System.nanoTime() - start) / 1e9);

        String[] districts = {"Hai Chau", "Thanh Khe", "Son Tra", "Ngu Hanh Son", "Lien Chieu", "Cam Le"};
        String[] bands = {"good", "moderate", "poor", "bad", "very-bad"};
        java.io.InputStream body = new java.io.InputStream() {
            private long row = -1;
            private byte[] line = "station,district,observed_at,pm25,band\n".getBytes(StandardCharsets.UTF_8);
            private int at;
            private final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at == line.length) {
                    if (++row >= rows) {
                        return -1;
                    }
                    int station = (int) (row % 1000);
                    double pm = 5 + (row * 7919 % 20000) / 100.0;
                    line = String.format(Locale.ROOT, "station-%04d,%s,%s,%.2f,%s%n", station, districts[station % districts.length],
                            t0.plusSeconds(row / 1000 * 60), pm, bands[(int) Math.min(4, pm / 50)]).getBytes(StandardCharsets.UTF_8);
                    at = 0;
                }
                int n = Math.min(len, line.length - at);
                System.arraycopy(line, at, b, off, n);
                at += n;
                return n;
            }
        };
        start = System.nanoTime();
        HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/opendata/uploads/readings"
                        + "?titleVi=S%E1%BB%91+%C4%91o&titleEn=Readings&theme=ENVI&department=bench-data"))
                .timeout(Duration.ofHours(2)).header("Authorization", adminAuth).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
        if (up.statusCode() / 100 != 2) {
            throw new IllegalStateException("upload readings: " + up.statusCode() + " " + up.body());
        }
        System.out.printf(Locale.ROOT, "%d rows uploaded, typed, indexed and swapped in in %.0f s%n", rows, (System.nanoTime() - start) / 1e9);
        auth = operator;
        java.util.regex.Matcher rid = java.util.regex.Pattern.compile("\"datastore_active\":true,.*?\"id\":\"([0-9a-f-]{36})\"")
                .matcher(get("/api/3/action/package_show?id=readings"));
        if (!rid.find()) {
            throw new IllegalStateException("no datastore resource for readings");
        }
        String resource = rid.group(1);
        String[][] calls = {
            {"package_search, free text", "/api/3/action/package_search?q=" + enc("dataset 42")},
            {"package_search, fq organization + facets", "/api/3/action/package_search?fq=organization:bench-data&rows=10&facet.field="
                    + enc("[\"organization\",\"tags\",\"res_format\",\"groups\"]")},
            {"package_search, harvester page (fq metadata_modified, sort id asc, 100 rows, start 500)",
                    "/api/3/action/package_search?rows=100&start=500&sort=" + enc("id asc") + "&fq="
                            + enc("metadata_modified:[2020-01-01T00:00:00Z TO *]")},
            {"datastore_search, first 100 rows with total", "/api/3/action/datastore_search?resource_id=" + resource},
            {"datastore_search, filter station (10 000 rows) with total", "/api/3/action/datastore_search?resource_id=" + resource
                    + "&filters=" + enc("{\"station\":\"station-0042\"}")},
            {"datastore_search, filter station, no total", "/api/3/action/datastore_search?resource_id=" + resource
                    + "&include_total=false&filters=" + enc("{\"station\":\"station-0042\"}")},
            {"datastore_search, sort pm25 desc", "/api/3/action/datastore_search?resource_id=" + resource + "&sort=" + enc("pm25 desc")
                    + "&include_total=false"},
            {"datastore_search, full text q (one station) with total", "/api/3/action/datastore_search?resource_id=" + resource
                    + "&q=station-0042"},
            {"datastore_search, offset 1 000 000", "/api/3/action/datastore_search?resource_id=" + resource + "&offset=1000000"},
        };
        for (String[] call : calls) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 35; i++) {
                long t = System.nanoTime();
                String answer = get(call[1]);
                if (!answer.contains("\"success\":true") && !answer.contains("\"success\": true")) {
                    throw new IllegalStateException(call[0] + ": " + answer.substring(0, Math.min(300, answer.length())));
                }
                if (i >= 5) {
                    times.add(System.nanoTime() - t);
                }
            }
            Collections.sort(times);
            System.out.printf(Locale.ROOT, "%s over %d datasets / %d rows: median %.1f ms, p95 %.1f ms%n", call[0], datasets + 1, rows,
                    ms(pct(times, 50)), ms(pct(times, 95)));
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    /** A photo as a phone takes it: a JPEG of {@code width} × {@code height} with detail a camera sees. */
    private static byte[] phonePhoto(int width, int height) throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int base = (x * 255 / width + y * 255 / height) / 2;
                int noise = random.nextInt(40);
                image.setRGB(x, y, (Math.min(255, base + noise) << 16) | (Math.min(255, 128 + noise) << 8) | Math.min(255, 255 - base));
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    private interface RequestOf {
        HttpRequest of(long n) throws Exception;
    }

    /** {@code clients} virtual threads sending {@code requestOf} back to back: warm-up, then counted for MEASURE. */
    private void runHttp(int clients, AtomicLong done, AtomicLong failed, RequestOf requestOf) throws Exception {
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong sequence = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < clients; w++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        try {
                            int status = http.send(requestOf.of(sequence.incrementAndGet()), HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                            if (counting.get()) {
                                (status == 200 ? done : failed).incrementAndGet();
                            }
                        } catch (Exception e) {
                            if (counting.get()) {
                                failed.incrementAndGet();
                            }
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(WARM_UP);
            startWindow();
            counting.set(true);
            Thread.sleep(MEASURE);
            counting.set(false);
            endWindow();
            stop.set(true);
        }
    }

    /**
     * The start of a counted window: the CPU so far, and with {@code -Dsaola.bench.pg-statements=true} (Saola started
     * with pg_stat_statements loaded) PostgreSQL's statement statistics reset, so {@link #endWindow} gives the window's.
     */
    private void startWindow() throws IOException {
        if (STATEMENTS && saola != null) {
            try (PgWire db = new PgWire("127.0.0.1", dbPort, "postgres", "saola")) {
                db.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                db.query("SELECT pg_stat_statements_reset()");
            }
        }
        windowStart = saola == null ? null : Cpu.of(saola);
    }

    /** The end of a counted window: the CPU so far; with {@code saola.bench.pg-statements} the window's costliest statements. */
    private void endWindow() throws IOException {
        windowEnd = saola == null ? null : Cpu.of(saola);
        if (STATEMENTS && saola != null) {
            try (PgWire db = new PgWire("127.0.0.1", dbPort, "postgres", "saola")) {
                System.out.println("  PostgreSQL's statements in the window, by time (ms, calls, rows, WAL bytes, statement):");
                for (List<String> r : db.query("SELECT round(total_exec_time)::text, calls::text, rows::text, wal_bytes::text,"
                        + " left(regexp_replace(query, '\\s+', ' ', 'g'), 160) FROM pg_stat_statements"
                        + " ORDER BY total_exec_time DESC LIMIT 15")) {
                    System.out.println("    " + String.join(" | ", r));
                }
            }
        }
    }

    private static final boolean STATEMENTS = Boolean.getBoolean("saola.bench.pg-statements");

    private interface Call {
        int call(KeepAliveClient client, int worker, long n) throws Exception;
    }

    /** Runs {@code clients} loops of {@code call} for warm-up, then counts for {@code measure}. */
    private void runFor(int clients, Duration warmUp, Duration measure, AtomicLong done, AtomicLong failed, Call call,
            List<Long> resetOnMeasure) throws Exception {
        runFor(clients, warmUp, measure, done, failed, call, resetOnMeasure, worker -> auth);
    }

    /** As above, each client with its own credentials ({@code authOf} of its index). */
    private void runFor(int clients, Duration warmUp, Duration measure, AtomicLong done, AtomicLong failed, Call call,
            List<Long> resetOnMeasure, java.util.function.IntFunction<String> authOf) throws Exception {
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        URI uri = URI.create(base);
        // One platform thread and one keep-alive connection per client: the lightest load generator we have.
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int w = 0; w < clients; w++) {
                int worker = w;
                pool.submit(() -> {
                    long n = 0;
                    try (KeepAliveClient client = new KeepAliveClient(uri.getHost(), uri.getPort(), authOf.apply(worker))) {
                        while (!stop.get()) {
                            try {
                                int status = call.call(client, worker, n++);
                                if (counting.get()) {
                                    if (status / 100 == 2) {
                                        done.incrementAndGet();
                                    } else {
                                        failed.incrementAndGet();
                                    }
                                }
                            } catch (Exception e) {
                                if (counting.get()) {
                                    failed.incrementAndGet();
                                }
                            }
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(warmUp);
            if (resetOnMeasure != null) {
                resetOnMeasure.clear();
            }
            startWindow();
            counting.set(true);
            Thread.sleep(measure);
            counting.set(false);
            endWindow();
            stop.set(true);
        }
    }

    private interface Attributes {
        String of(int i);
    }

    private void createEntities(String type, int count, Attributes attributes) throws Exception {
        for (int from = 0; from < count; from += 1000) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(count, from + 1000); i++) {
                body.append(i == from ? "" : ",").append("{\"id\": \"urn:ngsi-ld:").append(type).append(':').append(i)
                        .append("\", \"type\": \"").append(type).append("\", ").append(attributes.of(i)).append('}');
            }
            int status = send("POST", "/ngsi-ld/v1/entityOperations/upsert", body.append(']').toString());
            if (status / 100 != 2) {
                throw new IllegalStateException("could not create " + type + " entities: HTTP " + status);
            }
        }
    }

    /** How long a request may take before the bench gives up (longer for aggregations over a year of rows). */
    private Duration requestTimeout = Duration.ofSeconds(60);

    private int send(String method, String path, String body) throws Exception {
        return http.send(request(method, path, body), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout)
                .header("Authorization", auth);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Saola did not become ready in 120 s");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long pct(List<Long> sorted, int percentile) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
