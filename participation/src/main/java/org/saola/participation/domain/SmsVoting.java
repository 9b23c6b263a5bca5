package org.saola.participation.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.residents.Contact;
import org.saola.platform.residents.ResidentAccounts;

/**
 * Voting and following by SMS, for residents without a smartphone or a data plan (docs/participation.md). A resident texts
 * {@code BAU <process> <numbers of the projects>} to the city's SMS number; the gateway posts it to Saola,
 * which checks the ballot against the rule and answers with a one-time code; the resident texts the code back
 * and the ballot goes into the box like any other (channel SMS), the receipt sent back. The phone number is
 * the resident (the same resident who signs in on the web with it), so one ballot per resident holds across
 * channels. The choice waiting for its code is kept in this node's memory only, for 15 minutes: no stored row
 * ever ties a phone to a choice or a receipt: the answers are sent straight away, not queued (queued messages
 * are stored rows), and they name neither the projects chosen nor what they cost. A resident texts
 * {@code THEO <process>} (or {@code FOLLOW}) to be sent the process's results and progress by SMS, and
 * {@code BO THEO <process>} (or {@code STOP}) to stop, as the web page's "follow" box does.
 */
public class SmsVoting {

    static final Duration CODE_FOR = Duration.ofMinutes(15);
    static final int ATTEMPTS = 5;

    /** A ballot waiting for its code: never written anywhere. */
    private record Pending(String process, Ballot ballot, byte[] codeHash, Instant expires, int attempts) {
    }

    private final ParticipationService participation;
    private final FollowUpService followUp;
    private final ResidentAccounts residents;
    private final java.time.InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    public SmsVoting(ParticipationService participation, FollowUpService followUp, ResidentAccounts residents,
            java.time.InstantSource clock) {
        this.participation = participation;
        this.followUp = followUp;
        this.residents = residents;
        this.clock = clock;
    }

    /** A text message from a resident, as the gateway passed it on; the answer goes back by SMS. */
    public void receive(TenantId tenant, String from, String text) {
        Contact phone = Contact.parse(from);
        if (phone.kind() != Contact.Kind.PHONE) {
            throw new InvalidInputException("from", "an SMS comes from a telephone number like +84905123456");
        }
        UUID resident = residents.recordContact(tenant, phone, Optional.empty());
        Contact to = phone;
        String key = tenant.value() + "\u0000" + phone.value();
        pending.values().removeIf(p -> p.expires().isBefore(clock.instant()));
        String[] words = (text == null ? "" : text).strip().split("\\s+");
        String command = plain(words[0]);
        if (words.length == 1 && words[0].matches("\\d{6}")) {
            reply(to, confirm(tenant, key, resident, words[0]));
        } else if (words.length >= 2 && Set.of("BAU", "VOTE").contains(command)) {
            reply(to, ask(tenant, key, resident, words));
        } else if (words.length == 2 && Set.of("THEO", "FOLLOW").contains(command)) {
            reply(to, follow(tenant, resident, words[1], true));
        } else if (words.length == 2 && Set.of("STOP", "UNFOLLOW").contains(command)) {
            reply(to, follow(tenant, resident, words[1], false));
        } else if (words.length == 3 && Set.of("BO", "HUY").contains(command) && plain(words[1]).equals("THEO")) {
            reply(to, follow(tenant, resident, words[2], false));
        } else {
            reply(to, "Để bỏ phiếu, nhắn: BAU <mã tiến trình> <số các dự án>, ví dụ BAU ngan-sach-2027 1 3. Để nhận tin kết quả"
                    + " và tiến độ: THEO <mã tiến trình>. / To vote, text: VOTE <process code> <project numbers>, e.g. VOTE"
                    + " ngan-sach-2027 1 3. For news of results and progress: FOLLOW <process code>.");
        }
    }

    /** A command word as residents type it on any phone: upper case, without Vietnamese tone marks (BỎ, Bỏ, bo: BO). */
    static String plain(String word) {
        return java.text.Normalizer.normalize(word, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('đ', 'd').replace('Đ', 'D').toUpperCase(Locale.ROOT);
    }

    /** Starts or stops sending the process's news to this phone (the consent recorded as on the web). */
    private String follow(TenantId tenant, UUID resident, String processWord, boolean follow) {
        String process = processWord.toLowerCase(Locale.ROOT);
        try {
            followUp.follow(tenant, process, resident, follow);
        } catch (NotFoundException e) {
            return "Không có tiến trình '" + process + "'. / There is no process '" + process + "'.";
        } catch (org.saola.platform.SaolaException e) {
            return "Lúc này chưa làm được; hãy nhắn lại sau. / That could not be done just now; text again later.";
        }
        return follow
                ? "Bạn sẽ nhận tin kết quả và tiến độ của '" + process + "' qua SMS. Nhắn BO THEO " + process + " để dừng. / You will"
                        + " get news of the results and progress of '" + process + "' by SMS. Text UNFOLLOW " + process + " to stop."
                : "Bạn sẽ không nhận tin của '" + process + "' nữa. / You will get no more news of '" + process + "'.";
    }

    /** Checks the ballot and sends a code; nothing is cast yet. */
    private String ask(TenantId tenant, String key, UUID resident, String[] words) {
        String process = words[1].toLowerCase(Locale.ROOT);
        ParticipationService.Overview o;
        try {
            o = participation.definition(tenant, process);
        } catch (NotFoundException e) {
            return "Không có tiến trình '" + process + "'. / There is no process '" + process + "'.";
        }
        if (!o.votingOpen()) {
            return "Cuộc bỏ phiếu '" + process + "' không mở lúc này. / The vote '" + process + "' is not open now.";
        }
        if (o.process().eligibility() == ParticipatoryProcess.Eligibility.CENSUS) {
            try {
                participation.censusWard(tenant, o.process(), resident);
            } catch (ParticipationService.NotEligible e) {
                return e.proved() ? "Danh sách dân cư ghi bạn ở phường khác; cuộc bỏ phiếu này dành cho " + String.join(", ", o.process().wards())
                        + ". / The census list has you in another ward; this vote is for " + String.join(", ", o.process().wards()) + "."
                        : "Cuộc bỏ phiếu này dành cho người có tên trong danh sách dân cư: hãy xác nhận số CCCD trên trang bỏ phiếu"
                        + " hoặc tại UBND phường, rồi nhắn lại. / This vote is for residents on the census list: prove your ID number"
                        + " on the ballot page or at a ward office, then text again.";
            }
        }
        List<Project> all = o.projects();
        List<String> chosen = new ArrayList<>();
        Set<String> scopes = new HashSet<>();
        for (int i = 2; i < words.length; i++) {
            int n;
            try {
                n = Integer.parseInt(words[i].replace(",", ""));
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > all.size()) {
                return "Số dự án " + words[i] + " không có; các dự án được đánh số 1 đến " + all.size() + ". / There is no project "
                        + words[i] + "; projects are numbered 1 to " + all.size() + ".";
            }
            chosen.add(all.get(n - 1).code());
            scopes.add(all.get(n - 1).scope());
        }
        if (chosen.isEmpty()) {
            return "Hãy ghi số các dự án bạn chọn. / Give the numbers of the projects you choose.";
        }
        if (scopes.size() > 1) {
            return "Các dự án phải cùng một phường. / The projects must be of one ward's budget.";
        }
        Ballot ballot = new Ballot(scopes.iterator().next(), chosen);
        try {
            BallotRules.check(o.process(), all, ballot);
        } catch (InvalidInputException e) {
            // The rule, not the resident's choice: nothing of what they chose is written into a message.
            VotingRule rule = o.process().rule();
            int least = Math.max(1, rule.minProjects());
            return rule.kind() == VotingRule.Kind.APPROVAL
                    ? "Phiếu chưa hợp lệ: chọn từ " + least + " đến " + rule.maxChoices() + " dự án. / The ballot breaks the rule: choose "
                            + least + " to " + rule.maxChoices() + " projects."
                    : "Phiếu chưa hợp lệ: tổng chi phí các dự án không vượt ngân sách và ít nhất " + rule.minimumSpendPercent()
                            + " % ngân sách" + (least > 1 ? ", ít nhất " + least + " dự án" : "")
                            + ". / The ballot breaks the rule: the projects' costs add up to no more than the budget and to at least "
                            + rule.minimumSpendPercent() + " % of it" + (least > 1 ? ", with at least " + least + " projects" : "") + ".";
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        pending.put(key, new Pending(process, ballot, hash(code), clock.instant().plus(CODE_FOR), 0));
        return "Mã xác nhận: " + code + ". Nhắn lại mã này trong 15 phút để bỏ phiếu. / Code: " + code
                + ". Text it back within 15 minutes to cast your ballot.";
    }

    /** The code texted back: the ballot goes into the box. */
    private String confirm(TenantId tenant, String key, UUID resident, String code) {
        Pending p = pending.get(key);
        if (p == null) {
            return "Không có phiếu nào chờ xác nhận; hãy nhắn lại BAU ... / No ballot is waiting for a code; text VOTE ... again.";
        }
        if (!MessageDigest.isEqual(p.codeHash(), hash(code))) {
            if (p.attempts() + 1 >= ATTEMPTS) {
                pending.remove(key);
                return "Sai mã quá nhiều lần; hãy nhắn lại BAU ... / Too many wrong codes; text VOTE ... again.";
            }
            pending.put(key, new Pending(p.process(), p.ballot(), p.codeHash(), p.expires(), p.attempts() + 1));
            return "Mã không đúng. / That code is not right.";
        }
        pending.remove(key);
        try {
            ParticipationService.Cast cast = participation.cast(tenant, p.process(), resident, ParticipationService.Channel.SMS, p.ballot());
            boolean follows;
            try {
                follows = followUp.follows(tenant, p.process(), resident);
            } catch (RuntimeException e) {
                follows = false;                   // the receipt matters more than the offer of news
            }
            return "Phiếu của bạn đã vào hòm" + (cast.replaced() ? ", thay phiếu trước" : "") + ". Mã biên nhận: " + cast.receipt()
                    + "." + (follows ? "" : " Nhắn THEO " + p.process() + " để nhận tin kết quả.")
                    + " / Your ballot is in the box" + (cast.replaced() ? ", replacing your earlier one" : "") + ". Receipt: "
                    + cast.receipt() + "." + (follows ? "" : " Text FOLLOW " + p.process() + " for news of the results.");
        } catch (ConflictException | InvalidInputException e) {
            return "Không bỏ phiếu được. / The ballot could not be cast: " + e.getMessage();
        }
    }

    private void reply(Contact to, String text) {
        residents.sendNow(to, text);
    }

    private static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number an SMS names each project by (1, 2, … in the process's order), as pages and paper ballots print it. */
    public static java.util.Map<String, Integer> numbers(List<Project> projects) {
        java.util.Map<String, Integer> numbers = new java.util.HashMap<>();
        for (int i = 0; i < projects.size(); i++) {
            numbers.put(projects.get(i).code(), i + 1);
        }
        return numbers;
    }
}
