package org.saola.participation.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.saola.participation.store.CensusStore;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.residents.ContactCipher;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.annotation.Transactional;

/**
 * The census list a city may upload, against which residents prove they may vote where a process asks for it
 * ({@link ParticipatoryProcess.Eligibility#CENSUS}). Saola keeps no ID number: each is kept as a keyed hash
 * (HMAC-SHA256) under a random key of the city's, itself sealed with the platform key, so neither the list nor
 * a resident's proof can be read back, and a copy of the database alone cannot test numbers against it. A
 * resident proves an ID number once (on the ballot page, or at a ward office); from then on their account is
 * that person on the list, in that ward: one account per ID number, so one person votes once however many
 * phones and e-mail addresses they have.
 */
public class Census {

    /** What became of a resident's proof. */
    public enum Proof {
        /** Linked now, or linked to them before. */
        LINKED,
        /** The number is not on the list (or is no ID number). */
        NOT_LISTED,
        /** Another account proved this number: the person goes to a ward office. */
        TAKEN,
        /** This account proved another number before. */
        HAS_ANOTHER,
        /** Too many numbers tried today: a guard against guessing others' numbers. */
        TOO_MANY_TRIES
    }

    /** What an upload changed. */
    public record Upload(int entries, int linksDropped) {
    }

    /** Numbers a resident may try in a day before the proof pauses until the next day. */
    static final int TRIES_PER_DAY = 5;
    /** Rows staged per batch while a list streams in. */
    private static final int CHUNK = 5_000;
    /** Problems named in a refused upload, at most. */
    private static final int PROBLEMS_SHOWN = 20;

    private final CensusStore store;
    private final ContactCipher cipher;
    private final AuditLog audit;
    private final InstantSource clock;
    private final ZoneId zone;
    private final Map<String, SecretKeySpec> keys = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();

    public Census(CensusStore store, ContactCipher cipher, AuditLog audit, InstantSource clock, ZoneId zone) {
        this.store = store;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * An ID number as written on a card or typed: digits, with spaces, dots or dashes between them allowed; a
     * Vietnamese citizen identity number has 12 digits, the older identity card 9. Empty when it is no such number.
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String digits = typed.strip().replaceAll("[\\s.\\-]", "");
        return digits.matches("\\d{9}|\\d{12}") ? Optional.of(digits) : Optional.empty();
    }

    /**
     * Replaces the city's list with this CSV ({@code id_number,ward}, a header line allowed, the ward optional).
     * All or nothing: one line that is not an ID number refuses the whole upload, naming the lines, so a list
     * is never half replaced. Residents keep their link when their number stays on the list.
     */
    @Transactional
    public Upload replace(SaolaPrincipal caller, Reader csv) throws IOException {
        TenantId tenant = caller.tenant();
        SecretKeySpec key = key(tenant, true).orElseThrow();
        store.beginReplace();
        List<String> problems = new ArrayList<>();
        int problemCount = 0;
        List<Object[]> chunk = new ArrayList<>(CHUNK);
        BufferedReader lines = new BufferedReader(csv);
        String line;
        int n = 0;
        while ((line = lines.readLine()) != null) {
            n++;
            if (n == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);                          // a byte-order mark from a spreadsheet
            }
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("[,;\\t]", 2);
            Optional<String> id = normalise(unquote(cells[0]));
            if (id.isEmpty()) {
                if (n == 1 && !cells[0].strip().isEmpty() && !Character.isDigit(cells[0].strip().charAt(0))) {
                    continue;                                      // a header line
                }
                problemCount++;
                if (problems.size() < PROBLEMS_SHOWN) {
                    problems.add("line " + n + ": not an ID number of 9 or 12 digits");   // never the number itself
                }
                continue;
            }
            String ward = cells.length > 1 ? unquote(cells[1]).strip() : "";
            if (ward.length() > 100) {
                problemCount++;
                if (problems.size() < PROBLEMS_SHOWN) {
                    problems.add("line " + n + ": a ward name of more than 100 characters");
                }
                continue;
            }
            chunk.add(new Object[] {ContactCipher.mac(key, id.get().getBytes(StandardCharsets.UTF_8)), ward});
            if (chunk.size() == CHUNK) {
                store.stage(chunk);
                chunk.clear();
            }
        }
        if (problemCount > 0) {
            throw new InvalidInputException("census", problemCount + " line(s) of the list are not right, so nothing was changed: "
                    + String.join("; ", problems) + (problemCount > problems.size() ? "; …" : ""));
        }
        if (!chunk.isEmpty()) {
            store.stage(chunk);
        }
        int entries = store.staged();
        if (entries == 0) {
            throw new InvalidInputException("census", "the list holds no ID number; nothing was changed");
        }
        int dropped = store.replace(tenant, clock.instant());
        audit.record(tenant, "CENSUS_REPLACED", "census", "", Map.of("entries", entries, "linksDropped", dropped));
        return new Upload(entries, dropped);
    }

    private static String unquote(String cell) {
        String s = cell.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    public CensusStore.Counts counts(TenantId tenant) {
        return store.counts(tenant);
    }

    /** The ward of the person on the list this resident proved to be ('' when the list gives no ward), if any. */
    public Optional<String> wardOf(TenantId tenant, UUID resident) {
        return store.wardOf(tenant, resident);
    }

    /** A resident proves an ID number of the list: their account becomes that person's. */
    public Proof prove(TenantId tenant, UUID resident, String typed) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        String tryKey = tenant.value() + "\u0000" + resident + "\u0000" + today;
        AtomicInteger tried = tries.computeIfAbsent(tryKey, k -> {
            tries.keySet().removeIf(old -> !old.endsWith("\u0000" + today));      // yesterday's counts go
            return new AtomicInteger();
        });
        if (tried.get() >= TRIES_PER_DAY) {
            return Proof.TOO_MANY_TRIES;
        }
        Optional<String> id = normalise(typed);
        Optional<SecretKeySpec> key = key(tenant, false);
        if (id.isEmpty() || key.isEmpty()) {
            tried.incrementAndGet();
            return Proof.NOT_LISTED;
        }
        byte[] hash = ContactCipher.mac(key.get(), id.get().getBytes(StandardCharsets.UTF_8));
        Optional<CensusStore.Entry> entry = store.entry(tenant, hash);
        if (entry.isEmpty()) {
            tried.incrementAndGet();
            return Proof.NOT_LISTED;
        }
        if (entry.get().resident().isPresent()) {
            if (entry.get().resident().get().equals(resident)) {
                return Proof.LINKED;
            }
            tried.incrementAndGet();
            return Proof.TAKEN;
        }
        boolean linked;
        try {
            linked = store.link(tenant, hash, resident, today);
        } catch (DataIntegrityViolationException e) {
            linked = false;                                        // the same account proving two numbers at once
        }
        if (!linked) {
            return store.wardOf(tenant, resident).isPresent() ? Proof.HAS_ANOTHER : Proof.TAKEN;
        }
        audit.record(tenant, "CENSUS_PROVED", "resident:" + resident, "", Map.of());
        return Proof.LINKED;
    }

    private Optional<SecretKeySpec> key(TenantId tenant, boolean create) {
        SecretKeySpec known = keys.get(tenant.value());
        if (known != null) {
            return Optional.of(known);
        }
        Optional<byte[]> sealed = store.sealedKey(tenant);
        if (sealed.isEmpty() && create) {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            sealed = Optional.of(store.keepKey(tenant, cipher.encrypt(Base64.getEncoder().encodeToString(raw))));
        }
        Optional<SecretKeySpec> key = sealed.map(s -> new SecretKeySpec(Base64.getDecoder().decode(cipher.decrypt(s)), "HmacSHA256"));
        key.ifPresent(k -> keys.put(tenant.value(), k));
        return key;
    }
}
