package org.saola.opendata.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.saola.opendata.store.CatalogueStore;
import org.saola.opendata.store.TableStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.publish.DataOffer;
import org.saola.platform.publish.PublishedData;
import org.saola.platform.security.Departments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open city's catalogue: what the modules offer ({@link PublishedData}), which of it an admin has switched
 * on, and each published dataset's rows kept current. Counts of people go through {@link DisclosureControl} on
 * their way in, so nothing that leaves the catalogue (CKAN, DCAT, downloads, pages) can carry a small count.
 */
public class Catalogue {

    private static final Logger log = LoggerFactory.getLogger(Catalogue.class);
    /** How long this node's reading of a tenant's datasets serves (other nodes' changes show within it). */
    private static final Duration FRESH = Duration.ofSeconds(5);

    /** An offer and, when switched on, the dataset that publishes it. */
    public record Offer(DataOffer offer, Optional<Dataset> dataset) {
    }

    /**
     * What an admin may say of a dataset when switching it on or later; empty keeps the offer's own ({@code access}:
     * open unless said).
     */
    public record Settings(Optional<String> name, Optional<String> titleVi, Optional<String> titleEn, Optional<String> notesVi,
            Optional<String> notesEn, Optional<String> department, Optional<List<String>> keywords, Optional<String> licenseId,
            Optional<Dataset.Access> access) {
        public static final Settings NONE = new Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        /** Whether it says anything of the description (the name aside). */
        public boolean describesAnything() {
            return titleVi.isPresent() || titleEn.isPresent() || notesVi.isPresent() || notesEn.isPresent() || department.isPresent()
                    || keywords.isPresent() || licenseId.isPresent() || access.isPresent();
        }
    }

    private record Snapshot(List<Dataset> datasets, Instant at) {
    }

    private final List<PublishedData> sources;
    private final CatalogueStore store;
    private final TableStore tables;
    private final Departments departments;
    private final AuditLog audit;
    private final InstantSource clock;
    private final java.util.function.Function<TenantId, DisclosureControl.Rules> rules;
    private final org.springframework.transaction.support.TransactionOperations transactions;
    private final Map<TenantId, Snapshot> cache = new ConcurrentHashMap<>();

    public Catalogue(List<PublishedData> sources, CatalogueStore store, TableStore tables, Departments departments,
            AuditLog audit, InstantSource clock, java.util.function.Function<TenantId, DisclosureControl.Rules> rules,
            org.springframework.transaction.support.TransactionOperations transactions) {
        this.transactions = transactions;
        this.sources = List.copyOf(sources);
        this.store = store;
        this.tables = tables;
        this.departments = departments;
        this.audit = audit;
        this.clock = clock;
        this.rules = rules;
    }

    /** The platform's clock's time (searches' NOW). */
    public Instant now() {
        return clock.instant();
    }

    /** Everything the modules offer the tenant, with the dataset of each one switched on. */
    public List<Offer> offers(TenantId tenant) {
        Map<String, Dataset> published = new LinkedHashMap<>();
        everything(tenant).forEach(d -> published.put(d.sourceKey(), d));
        List<Offer> all = new ArrayList<>();
        for (PublishedData s : sources) {
            s.offers(tenant).forEach(o -> all.add(new Offer(o, Optional.ofNullable(published.get(o.key())))));
        }
        all.sort(java.util.Comparator.comparing(o -> o.offer().key()));
        return all;
    }

    private Optional<Map.Entry<PublishedData, DataOffer>> offer(TenantId tenant, String key) {
        for (PublishedData s : sources) {
            for (DataOffer o : s.offers(tenant)) {
                if (o.key().equals(key)) {
                    return Optional.of(Map.entry(s, o));
                }
            }
        }
        return Optional.empty();
    }

    /** Switches on the offer {@code key}: a dataset, its rows read at once. */
    public Dataset publish(TenantId tenant, String key, Settings settings) {
        DataOffer o = offer(tenant, key).orElseThrow(() -> new NotFoundException("nothing is offered under '" + key + "'"))
                .getValue();
        Theme.of(o.theme()).orElseThrow(() -> new IllegalStateException(key + " names no EU data theme: " + o.theme()));
        Instant now = clock.instant();
        String name = Dataset.checkName(settings.name().orElse(Dataset.nameOf(key)));
        Dataset d = new Dataset(UUID.randomUUID(), name, key, text("titleVi", settings.titleVi().orElse(o.titleVi()), 200),
                text("titleEn", settings.titleEn().orElse(o.titleEn()), 200),
                text("notesVi", settings.notesVi().orElse(o.descriptionVi()), 10_000),
                text("notesEn", settings.notesEn().orElse(o.descriptionEn()), 10_000),
                department(tenant, settings.department().or(o::department)), o.theme(), keywords(settings.keywords().orElse(o.keywords())),
                Licence.of(settings.licenseId().orElse(Licence.CC_BY_4_0.id())), o.frequency(), o.columns(),
                o.peopleCounts().isPresent(), 0, now, now, Optional.empty(), settings.access().orElse(Dataset.Access.OPEN));
        if (!store.insert(tenant, d)) {
            throw new ConflictException("a dataset named '" + name + "' or publishing '" + key + "' is already in the catalogue");
        }
        cache.remove(tenant);
        audit.record(tenant, "DATASET_PUBLISHED", "dataset:" + name, "", Map.of("source", key, "access", d.access().name()));
        return refresh(tenant, name);
    }

    /** Changes what a dataset says of itself (not its rows, not its source). */
    public Dataset describe(TenantId tenant, String name, Settings settings) {
        Dataset before = anyDataset(tenant, name);
        Dataset changed = described(tenant, before, settings);
        store.describe(tenant, changed);
        cache.remove(tenant);
        audit.record(tenant, "DATASET_DESCRIBED", "dataset:" + name, "", before.access() == changed.access() ? Map.of()
                : Map.of("access", changed.access().name()));
        return changed;
    }

    /** A dataset as {@code settings} describe it, checked, not yet stored. */
    private Dataset described(TenantId tenant, Dataset d, Settings settings) {
        return new Dataset(d.id(), d.name(), d.sourceKey(), text("titleVi", settings.titleVi().orElse(d.titleVi()), 200),
                text("titleEn", settings.titleEn().orElse(d.titleEn()), 200), text("notesVi", settings.notesVi().orElse(d.notesVi()), 10_000),
                text("notesEn", settings.notesEn().orElse(d.notesEn()), 10_000),
                settings.department().isPresent() ? department(tenant, settings.department()) : d.department(), d.theme(),
                keywords(settings.keywords().orElse(d.keywords())), settings.licenseId().map(Licence::of).orElse(d.licence()),
                d.frequency(), d.columns(), d.peopleCounts(), d.rows(), d.created(), clock.instant(), d.refreshed(),
                settings.access().orElse(d.access()));
    }

    /** Takes a dataset out of the catalogue (its offer stays, to be switched on again). */
    public void unpublish(TenantId tenant, String name) {
        Dataset d = anyDataset(tenant, name);
        tables.drop(d.id(), tx -> store.with(tx).delete(tenant, d.id()));
        cache.remove(tenant);
        audit.record(tenant, "DATASET_UNPUBLISHED", "dataset:" + name, "", Map.of("source", d.sourceKey()));
    }

    /** The tenant's open datasets (the public catalogue), by name. */
    public List<Dataset> datasets(TenantId tenant) {
        return everything(tenant).stream().filter(Dataset::open).toList();
    }

    /** Every dataset of the tenant, open or shared, by name: for the staff who administer them. */
    public List<Dataset> everything(TenantId tenant) {
        Snapshot s = cache.get(tenant);
        Instant now = clock.instant();
        if (s == null || s.at().plus(FRESH).isBefore(now)) {
            s = new Snapshot(store.list(tenant), now);
            cache.put(tenant, s);
        }
        return s.datasets();
    }

    /** An open dataset by its name or its id. */
    public Optional<Dataset> find(TenantId tenant, String nameOrId) {
        return findAny(tenant, nameOrId).filter(Dataset::open);
    }

    /** A dataset, open or shared, by its name or its id. */
    public Optional<Dataset> findAny(TenantId tenant, String nameOrId) {
        return everything(tenant).stream().filter(d -> d.name().equals(nameOrId) || d.id().toString().equals(nameOrId)).findFirst();
    }

    /** An open dataset, or a 404. */
    public Dataset dataset(TenantId tenant, String nameOrId) {
        return find(tenant, nameOrId).orElseThrow(() -> new NotFoundException("no dataset '" + nameOrId + "'"));
    }

    /** A dataset open or shared, or a 404. */
    public Dataset anyDataset(TenantId tenant, String nameOrId) {
        return findAny(tenant, nameOrId).orElseThrow(() -> new NotFoundException("no dataset '" + nameOrId + "'"));
    }

    /** A distribution of an open dataset. */
    public Optional<Dataset.Resource> resource(TenantId tenant, String id) {
        return anyResource(tenant, id).filter(r -> r.dataset().open());
    }

    /** A distribution of any dataset, open or shared. */
    public Optional<Dataset.Resource> anyResource(TenantId tenant, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return everything(tenant).stream().flatMap(d -> d.resource(uuid).stream()).findFirst();
    }

    /** The source key of a file staff uploaded as the dataset {@code name}. */
    static String uploadKey(String name) {
        return "upload:" + name;
    }

    /**
     * Publishes a CSV file staff upload as the dataset {@code name}, or replaces the rows (and columns) of the one
     * uploaded before under that name; the old rows serve until the new are all in, and stay if the file has an
     * error. A new dataset needs its titles; the theme is an EU data theme code, the frequency an EU one.
     */
    public Dataset upload(TenantId tenant, String name, Settings settings, String theme, String frequency, java.io.Reader csv) {
        Dataset.checkName(name);
        checkThemeAndFrequency(theme, frequency);
        Optional<Dataset> before = store.find(tenant, name);
        if (before.isPresent() && !before.get().sourceKey().equals(uploadKey(name))) {
            throw new ConflictException("'" + name + "' publishes " + (before.get().document() ? "a document" : "the platform's own data ("
                    + before.get().sourceKey() + ")") + "; upload under another name");
        }
        Dataset d = uploaded(tenant, name, uploadKey(name), before, settings, theme, frequency,
                List.of(DataColumn.of("pending", DataColumn.Type.TEXT, "", "")));
        CsvTable table = CsvTable.read(csv);
        Dataset shaped = new Dataset(d.id(), d.name(), d.sourceKey(), d.titleVi(), d.titleEn(), d.notesVi(), d.notesEn(), d.department(),
                d.theme(), d.keywords(), d.licence(), d.frequency(), table.columns(), false, d.rows(), d.created(), d.modified(), d.refreshed(),
                d.access());
        // The description, the new dataset's row, its columns and its rows change together, once the whole file is in.
        TableStore.Written w = tables.replace(shaped, table::rows, (tx, written) -> {
            CatalogueStore in = store.with(tx);
            if (before.isEmpty() && !in.insert(tenant, shaped)) {
                throw new ConflictException("a dataset named '" + name + "' is already in the catalogue");
            }
            if (before.isPresent() && d != before.get()) {
                in.describe(tenant, shaped);
            }
            in.recolumn(tenant, shaped.id(), table.columns());
            in.refreshed(tenant, shaped.id(), written.rows(), written.hash(), clock.instant());
        });
        cache.remove(tenant);
        audit.record(tenant, "DATASET_UPLOADED", "dataset:" + name, "", Map.of("rows", w.rows(), "columns", table.columns().size()));
        return store.find(tenant, name).orElseThrow();
    }

    /** The largest document staff may publish. */
    public static final int MAX_DOCUMENT = 50 << 20;

    /**
     * Publishes a PDF document staff upload as the dataset {@code name} (its one distribution is the file), or a new
     * version of the one published before under that name; the description as for an uploaded table.
     */
    public Dataset document(TenantId tenant, String name, Settings settings, String theme, String frequency, String fileName,
            java.io.InputStream content) throws java.io.IOException {
        Dataset.checkName(name);
        checkThemeAndFrequency(theme, frequency);
        byte[] bytes = content.readNBytes(MAX_DOCUMENT + 1);
        if (bytes.length > MAX_DOCUMENT) {
            throw new InvalidInputException("file", "a document is at most " + (MAX_DOCUMENT >> 20) + " MB");
        }
        if (bytes.length < 5 || !new String(bytes, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw new InvalidInputException("file", "the file is not a PDF document (it does not begin with %PDF-)");
        }
        Optional<Dataset> before = store.find(tenant, name);
        if (before.isPresent() && !before.get().sourceKey().equals(documentKey(name))) {
            throw new ConflictException("'" + name + "' publishes a table (" + before.get().sourceKey() + "); publish the document under another name");
        }
        Dataset d = uploaded(tenant, name, documentKey(name), before, settings, theme, frequency, List.of());
        String hash = java.util.HexFormat.of().formatHex(sha256(bytes));
        String file = fileName == null || fileName.isBlank() ? name + ".pdf" : fileName.strip();
        Dataset written = d;
        transactions.executeWithoutResult(tx -> {
            if (before.isEmpty() && !store.insert(tenant, written)) {
                throw new ConflictException("a dataset named '" + name + "' is already in the catalogue");
            }
            if (before.isPresent() && written != before.get()) {
                store.describe(tenant, written);
            }
            store.putDocument(tenant, written.id(), file.length() > 200 ? file.substring(0, 200) : file, "application/pdf", bytes, hash);
            store.refreshed(tenant, written.id(), 0, hash, clock.instant());
        });
        cache.remove(tenant);
        audit.record(tenant, "DATASET_UPLOADED", "dataset:" + name, "", Map.of("document", file, "bytes", bytes.length));
        return store.find(tenant, name).orElseThrow();
    }

    /**
     * The dataset a file staff upload under {@code name} makes: the one published before (described again when the
     * settings say anything), or a new one, whose titles are required.
     */
    private Dataset uploaded(TenantId tenant, String name, String key, Optional<Dataset> before, Settings settings, String theme,
            String frequency, List<DataColumn> columns) {
        if (before.isPresent()) {
            return settings.describesAnything() ? described(tenant, before.get(), settings) : before.get();
        }
        Instant now = clock.instant();
        String titleVi = settings.titleVi().orElseThrow(() -> new InvalidInputException("titleVi", "a new dataset needs titleVi and titleEn"));
        String titleEn = settings.titleEn().orElseThrow(() -> new InvalidInputException("titleEn", "a new dataset needs titleVi and titleEn"));
        return new Dataset(UUID.randomUUID(), name, key, text("titleVi", titleVi, 200), text("titleEn", titleEn, 200),
                text("notesVi", settings.notesVi().orElse(titleVi), 10_000), text("notesEn", settings.notesEn().orElse(titleEn), 10_000),
                department(tenant, settings.department()), Theme.of(theme).orElseThrow().name(), keywords(settings.keywords().orElse(List.of())),
                Licence.of(settings.licenseId().orElse(Licence.CC_BY_4_0.id())), frequency, columns, false, 0, now, now, Optional.empty(),
                settings.access().orElse(Dataset.Access.OPEN));
    }

    /** A document dataset's file. */
    public byte[] documentOf(TenantId tenant, Dataset d) {
        return store.document(tenant, d.id()).orElseThrow(() -> new NotFoundException("dataset '" + d.name() + "' has no document"));
    }

    /** The SHA-256 of a document dataset's file (its ETag). */
    public String documentHash(TenantId tenant, Dataset d) {
        return store.documentHash(tenant, d.id()).orElseThrow(() -> new NotFoundException("dataset '" + d.name() + "' has no document"));
    }

    static String documentKey(String name) {
        return "document:" + name;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkThemeAndFrequency(String theme, String frequency) {
        Theme.of(theme).orElseThrow(() -> new InvalidInputException("theme", "theme is an EU data theme code such as "
                + java.util.Arrays.stream(Theme.values()).map(Enum::name).toList() + "; got '" + theme + "'"));
        if (!java.util.List.of("CONT", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "ANNUAL", "IRREG").contains(frequency)) {
            throw new InvalidInputException("frequency", "frequency is CONT, HOURLY, DAILY, WEEKLY, MONTHLY, ANNUAL or IRREG; got '" + frequency + "'");
        }
    }

    /** Reads a dataset's rows again from its module; its modification date moves only if they changed. */
    public Dataset refresh(TenantId tenant, String name) {
        Dataset d = store.find(tenant, name).orElseThrow(() -> new NotFoundException("no dataset '" + name + "'"));
        if (d.sourceKey().equals(uploadKey(name)) || d.document()) {
            return d;                                   // an uploaded file changes when staff upload it again
        }
        var source = offer(tenant, d.sourceKey());
        if (source.isEmpty()) {
            log.warn("dataset {} of {}: its source {} offers nothing now; its rows stay as they were", name, tenant.value(), d.sourceKey());
            return d;
        }
        PublishedData module = source.get().getKey();
        DataOffer offer = source.get().getValue();
        if (!sameShape(offer.columns(), d.columns())) {
            throw new ConflictException("the columns of '" + d.sourceKey() + "' changed; publish it again");
        }
        // A module's new labels for the same columns are taken as they come.
        Dataset current = new Dataset(d.id(), d.name(), d.sourceKey(), d.titleVi(), d.titleEn(), d.notesVi(), d.notesEn(), d.department(),
                d.theme(), d.keywords(), d.licence(), d.frequency(), offer.columns(), d.peopleCounts(), d.rows(), d.created(), d.modified(),
                d.refreshed(), d.access());
        tables.replace(current, sink -> {
            if (offer.peopleCounts().isPresent()) {
                protectedCounts(tenant, module, offer, sink);
            } else {
                module.rows(tenant, d.sourceKey(), sink);
            }
        }, (tx, w) -> {
            CatalogueStore in = store.with(tx);
            if (!in.refreshed(tenant, d.id(), w.rows(), w.hash(), clock.instant())) {
                throw new NotFoundException("dataset '" + name + "' was taken out while its rows were read");
            }
            if (!offer.columns().equals(d.columns())) {
                in.recolumn(tenant, d.id(), offer.columns());
            }
        });
        cache.remove(tenant);
        return store.find(tenant, name).orElseThrow();
    }

    /** The same columns (ids and types, in order), whatever their labels say. */
    private static boolean sameShape(List<DataColumn> a, List<DataColumn> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).id().equals(b.get(i).id()) || a.get(i).type() != b.get(i).type()) {
                return false;
            }
        }
        return true;
    }

    /** Rows of counts of people, through disclosure control: per group, the table with its totals, suppressed and rounded. */
    private void protectedCounts(TenantId tenant, PublishedData module, DataOffer offer, Consumer<List<Object>> sink) {
        DataOffer.PeopleCounts pc = offer.peopleCounts().orElseThrow();
        List<String> ids = offer.columns().stream().map(DataColumn::id).toList();
        int g = pc.group() == null ? -1 : ids.indexOf(pc.group());
        int r = ids.indexOf(pc.row());
        int c = ids.indexOf(pc.column());
        int n = ids.indexOf(pc.count());
        Map<Object, Map<String, Map<String, Long>>> groups = new java.util.TreeMap<>(java.util.Comparator.comparing(String::valueOf));
        module.rows(tenant, offer.key(), row -> {
            Object group = g < 0 ? "" : row.get(g);
            long count = ((Number) row.get(n)).longValue();
            groups.computeIfAbsent(group, x -> new java.util.TreeMap<>())
                    .computeIfAbsent(String.valueOf(row.get(r)), x -> new java.util.TreeMap<>())
                    .merge(String.valueOf(row.get(c)), count, Long::sum);
        });
        DisclosureControl.Rules tenantRules = rules.apply(tenant);
        groups.forEach((group, table) -> {
            for (DisclosureControl.Cell cell : DisclosureControl.protect(table, tenantRules)) {
                Object[] out = new Object[ids.size()];
                if (g >= 0) {
                    out[g] = group;
                }
                out[r] = cell.row();
                out[c] = cell.column();
                out[n] = cell.count();
                sink.accept(java.util.Arrays.asList(out));
            }
        });
    }

    /**
     * Refreshes the datasets read longer than {@code every} ago, each claimed by one node for a while so that
     * several nodes share the work; a dataset that fails is logged and tried again next time.
     */
    public int refreshDue(Duration every) {
        int n = 0;
        Instant now = clock.instant();
        for (TenantId tenant : store.tenants()) {
            for (String name : store.claimDue(tenant, now, now.minus(every), Duration.ofMinutes(10))) {
                try {
                    refresh(tenant, name);
                    n++;
                } catch (RuntimeException e) {
                    log.warn("dataset {} of {} could not be refreshed: {}", name, tenant.value(), e.toString());
                }
            }
        }
        return n;
    }

    /** One page of a dataset's table, as CKAN's datastore_search answers. */
    public TableStore.Page search(Dataset d, TableQuery q) {
        return tables.search(d, q, d.rows());
    }

    /** The sizes and column types of a dataset's table (CKAN's datastore_info). */
    public TableStore.Info info(Dataset d) {
        return tables.info(d);
    }

    /** An open dataset of entities as NGSI-LD, each entity's JSON-LD text to {@code sink}; false when its source has none. */
    public boolean entities(TenantId tenant, Dataset d, Consumer<String> sink) {
        var source = offer(tenant, d.sourceKey());
        return d.open() && source.isPresent() && source.get().getKey().entities(tenant, d.sourceKey(), sink);
    }

    public void each(Dataset d, Consumer<Map<String, Object>> sink) {
        tables.each(d, d.columns().stream().map(DataColumn::id).toList(), 5_000, sink);
    }

    private Optional<String> department(TenantId tenant, Optional<String> code) {
        if (code.isPresent() && departments.find(tenant, code.get()).isEmpty()) {
            throw new InvalidInputException("department", "no department '" + code.get() + "'");
        }
        return code;
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new InvalidInputException(field, field + " is 1-" + max + " characters");
        }
        return value.strip();
    }

    private static List<String> keywords(List<String> keywords) {
        if (keywords.size() > 30) {
            throw new InvalidInputException("keywords", "at most 30 keywords");
        }
        List<String> k = new ArrayList<>();
        for (String s : keywords) {
            if (s == null || !s.strip().matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,99}")) {
                throw new InvalidInputException("keywords", "a keyword is 1-100 letters, digits, spaces, '.', '_' or '-'; got '" + s + "'");
            }
            k.add(s.strip());
        }
        return k;
    }
}
