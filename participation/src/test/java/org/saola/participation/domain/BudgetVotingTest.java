package org.saola.participation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saola.platform.InvalidInputException;

/** The two budget rules as residents meet them (what a ballot may hold) and as the count applies them. */
class BudgetVotingTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    private static ParticipatoryProcess process(VotingRule rule, List<Budget> budgets, List<String> wards) {
        return new ParticipatoryProcess("pb-2027", "Ngân sách 2027", "Budget 2027", "", "", "planning", wards,
                List.of(new PhaseDates(Phase.PROPOSALS, DAY.minusDays(30), DAY.minusDays(10)),
                        new PhaseDates(Phase.VOTING, DAY, DAY.plusDays(13)),
                        new PhaseDates(Phase.RESULTS, DAY.plusDays(14), DAY.plusDays(30))),
                rule, budgets);
    }

    private static Project project(String code, long cost, String scope) {
        return new Project(code, "Dự án " + code, "Project " + code, "", "", cost, scope);
    }

    private static final List<Project> PROJECTS = List.of(project("park", 400, ""), project("lights", 300, ""),
            project("library", 250, ""), project("bench", 50, ""));

    @Test
    void aKnapsackBallotStaysWithinTheBudgetAndSpendsAtLeastTheMinimumShare() {
        ParticipatoryProcess p = process(VotingRule.knapsack(70), List.of(new Budget("", 1000)), List.of());
        BallotRules.check(p, PROJECTS, new Ballot("", List.of("park", "lights", "bench")));        // 750
        BallotRules.check(p, PROJECTS, new Ballot("", List.of("park", "lights", "library", "bench")));   // 1000, all of it
        assertThatThrownBy(() -> BallotRules.check(p, PROJECTS, new Ballot("", List.of("park", "bench"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 700").hasMessageContaining("yours cost 450");
        ParticipatoryProcess tight = process(VotingRule.knapsack(0), List.of(new Budget("", 900)), List.of());
        assertThatThrownBy(() -> BallotRules.check(tight, PROJECTS, new Ballot("", List.of("park", "lights", "library"))))
                .hasMessageContaining("cost 950, more than the budget of 900");
        BallotRules.check(tight, PROJECTS, new Ballot("", List.of("bench")));                      // no minimum: one project will do
        assertThatThrownBy(() -> BallotRules.check(tight, PROJECTS, new Ballot("", List.of())))
                .hasMessageContaining("at least one project");
        assertThatThrownBy(() -> BallotRules.check(tight, PROJECTS, new Ballot("", List.of("bench", "bench"))))
                .hasMessageContaining("chosen twice");
        assertThatThrownBy(() -> BallotRules.check(tight, PROJECTS, new Ballot("", List.of("pool"))))
                .hasMessageContaining("no project 'pool'");
    }

    @Test
    void aMinimumShareLargerThanEverythingOfferedAsksForEverything() {
        ParticipatoryProcess p = process(VotingRule.knapsack(70), List.of(new Budget("", 5000)), List.of());
        assertThat(BallotRules.minimumSpend(p, p.budgets().get(0), PROJECTS)).isEqualTo(1000);
        BallotRules.check(p, PROJECTS, new Ballot("", List.of("park", "lights", "library", "bench")));
    }

    @Test
    void anApprovalBallotHoldsOneToTheMaximumNumberOfProjects() {
        ParticipatoryProcess p = process(VotingRule.approval(2), List.of(new Budget("", 1000)), List.of());
        BallotRules.check(p, PROJECTS, new Ballot("", List.of("park", "lights")));   // 700: cost does not matter
        BallotRules.check(p, PROJECTS, new Ballot("", List.of("bench")));
        assertThatThrownBy(() -> BallotRules.check(p, PROJECTS, new Ballot("", List.of("park", "lights", "bench"))))
                .hasMessageContaining("at most 2 projects; you chose 3");
    }

    @Test
    void wardBudgetsTakeBallotsOfOneWardWithThatWardsProjects() {
        List<Project> projects = List.of(project("a-park", 400, "An Hải"), project("b-park", 400, "Bắc Mỹ An"));
        ParticipatoryProcess p = process(VotingRule.approval(1), List.of(new Budget("An Hải", 500), new Budget("Bắc Mỹ An", 500)),
                List.of("An Hải", "Bắc Mỹ An"));
        BallotRules.check(p, projects, new Ballot("An Hải", List.of("a-park")));
        assertThatThrownBy(() -> BallotRules.check(p, projects, new Ballot("An Hải", List.of("b-park"))))
                .hasMessageContaining("paid from Bắc Mỹ An's budget");
        assertThatThrownBy(() -> BallotRules.check(p, projects, new Ballot("", List.of("a-park"))))
                .hasMessageContaining("choose the ward");
        assertThatThrownBy(() -> process(VotingRule.approval(1), List.of(new Budget("Hải Châu", 1)), List.of("An Hải")))
                .hasMessageContaining("not one of the process's wards");
    }

    @Test
    void theCountFundsProjectsByVotesWhileTheBudgetLastsPassingOverOneThatNoLongerFits() {
        ParticipatoryProcess p = process(VotingRule.knapsack(0), List.of(new Budget("", 1000)), List.of());
        List<Ballot> ballots = List.of(new Ballot("", List.of("park", "lights")), new Ballot("", List.of("park", "library")),
                new Ballot("", List.of("park", "lights", "bench")), new Ballot("", List.of("library", "lights")),
                new Ballot("", List.of("library")));
        // park 3, lights 3, library 3: a three-way tie, broken by cost: library (250), lights (300), park (400).
        Tally.ScopeResult r = Tally.count(p, PROJECTS, ballots).get(0);
        assertThat(r.ballots()).isEqualTo(5);
        assertThat(r.projects()).extracting(Tally.ProjectResult::code).containsExactly("library", "lights", "park", "bench");
        assertThat(r.projects()).extracting(Tally.ProjectResult::votes).containsExactly(3, 3, 3, 1);
        assertThat(r.projects()).extracting(Tally.ProjectResult::selected).containsExactly(true, true, true, true);
        assertThat(r.spent()).isEqualTo(1000);

        ParticipatoryProcess smaller = process(VotingRule.knapsack(0), List.of(new Budget("", 800)), List.of());
        Tally.ScopeResult s = Tally.count(smaller, PROJECTS, ballots).get(0);
        // library 250 + lights 300 = 550; park (400) no longer fits, bench (50) still does.
        assertThat(s.projects()).extracting(Tally.ProjectResult::selected).containsExactly(true, true, false, true);
        assertThat(s.spent()).isEqualTo(600);
    }

    @Test
    void equalVotesAndEqualCostsAreBrokenByProjectCodeAndNobodysChoiceIsNotFunded() {
        List<Project> twins = List.of(project("zeta", 100, ""), project("alpha", 100, ""), project("unloved", 10, ""));
        ParticipatoryProcess p = process(VotingRule.approval(1), List.of(new Budget("", 150)), List.of());
        Tally.ScopeResult r = Tally.count(p, twins, List.of(new Ballot("", List.of("zeta")), new Ballot("", List.of("alpha")))).get(0);
        assertThat(r.projects()).extracting(Tally.ProjectResult::code).containsExactly("alpha", "zeta", "unloved");
        assertThat(r.projects()).extracting(Tally.ProjectResult::selected).containsExactly(true, false, false);
    }

    @Test
    void eachWardIsCountedWithinItsOwnBudget() {
        List<Project> projects = List.of(project("a-park", 400, "An Hải"), project("a-lights", 200, "An Hải"),
                project("b-park", 400, "Bắc Mỹ An"));
        ParticipatoryProcess p = process(VotingRule.approval(2), List.of(new Budget("An Hải", 500), new Budget("Bắc Mỹ An", 500)),
                List.of("An Hải", "Bắc Mỹ An"));
        List<Tally.ScopeResult> r = Tally.count(p, projects, List.of(new Ballot("An Hải", List.of("a-park", "a-lights")),
                new Ballot("An Hải", List.of("a-park")), new Ballot("Bắc Mỹ An", List.of("b-park"))));
        assertThat(r).extracting(Tally.ScopeResult::ballots).containsExactly(2, 1);
        assertThat(r.get(0).projects()).extracting(Tally.ProjectResult::selected).containsExactly(true, false);
        assertThat(r.get(1).projects()).extracting(Tally.ProjectResult::selected).containsExactly(true);
    }

    @Test
    void aVoteMayCloseAtATimeOfItsLastDayAndIsThenNoLongerTheRunningPhase() {
        ParticipatoryProcess p = process(VotingRule.knapsack(0).closingAt(java.time.LocalTime.of(17, 0)),
                List.of(new Budget("", 1000)), List.of());
        java.time.LocalDateTime lastDay = DAY.plusDays(13).atStartOfDay();
        assertThat(p.votingCloses()).contains(lastDay.withHour(17));
        assertThat(p.votingOpenAt(lastDay.withHour(16).withMinute(59))).isTrue();
        assertThat(p.phaseAt(lastDay.withHour(16).withMinute(59)).map(PhaseDates::phase)).contains(Phase.VOTING);
        assertThat(p.votingOpenAt(lastDay.withHour(17))).isFalse();
        assertThat(p.votingOverAt(lastDay.withHour(17))).isTrue();
        assertThat(p.phaseAt(lastDay.withHour(17))).isEmpty();        // between phases until the results' first day
        assertThat(p.phaseOn(lastDay.toLocalDate()).map(PhaseDates::phase)).contains(Phase.VOTING);   // the calendar's day
        assertThat(p.votingOpenAt(DAY.plusDays(5).atTime(20, 0))).isTrue();   // only the last day closes early
        assertThatThrownBy(() -> VotingRule.knapsack(0).closingAt(java.time.LocalTime.MIDNIGHT))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("leave closesAt out");
    }

    @Test
    void aMinimumNumberOfProjectsHoldsUnderBothRulesAndNeverMoreThanIsOffered() {
        ParticipatoryProcess knapsack = process(VotingRule.knapsack(0).withMinProjects(3), List.of(new Budget("", 1000)), List.of());
        assertThatThrownBy(() -> BallotRules.check(knapsack, PROJECTS, new Ballot("", List.of("park", "lights"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 3 projects; you chose 2");
        BallotRules.check(knapsack, PROJECTS, new Ballot("", List.of("park", "lights", "bench")));
        // More than is offered: every project on offer is the minimum, so a ballot stays possible.
        ParticipatoryProcess many = process(VotingRule.knapsack(0).withMinProjects(9), List.of(new Budget("", 1000)), List.of());
        assertThat(BallotRules.minimumProjects(many, many.budgets().get(0), PROJECTS)).isEqualTo(4);
        BallotRules.check(many, PROJECTS, new Ballot("", List.of("park", "lights", "library", "bench")));
        // Approval "choose 2 to 3".
        ParticipatoryProcess approval = process(VotingRule.approval(3).withMinProjects(2), List.of(new Budget("", 1000)), List.of());
        assertThatThrownBy(() -> BallotRules.check(approval, PROJECTS, new Ballot("", List.of("park"))))
                .hasMessageContaining("at least 2 projects");
        BallotRules.check(approval, PROJECTS, new Ballot("", List.of("park", "bench")));
        assertThatThrownBy(() -> BallotRules.check(approval, PROJECTS, new Ballot("", List.of("park", "bench", "lights", "library"))))
                .hasMessageContaining("at most 3");
        assertThatThrownBy(() -> VotingRule.approval(2).withMinProjects(3)).hasMessageContaining("minProjects is at most maxChoices");
    }

    @Test
    void phasesComeInOrderWithoutOverlapAndTheVoteIsOverAfterItsLastDay() {
        ParticipatoryProcess p = process(VotingRule.knapsack(70), List.of(new Budget("", 1000)), List.of());
        assertThat(p.phaseOn(DAY.minusDays(20)).map(PhaseDates::phase)).contains(Phase.PROPOSALS);
        assertThat(p.phaseOn(DAY.minusDays(5))).isEmpty();
        assertThat(p.votingOpenAt(DAY.atStartOfDay())).isTrue();
        assertThat(p.votingOpenAt(DAY.minusDays(1).atTime(23, 59))).isFalse();
        assertThat(p.votingOpenAt(DAY.plusDays(13).atTime(23, 59, 59))).isTrue();
        assertThat(p.votingOverAt(DAY.plusDays(13).atTime(23, 59, 59))).isFalse();
        assertThat(p.votingOverAt(DAY.plusDays(14).atStartOfDay())).isTrue();
        assertThatThrownBy(() -> new ParticipatoryProcess("x", "x", "x", "", "", "d", List.of(),
                List.of(new PhaseDates(Phase.VOTING, DAY, DAY.plusDays(5)), new PhaseDates(Phase.PROPOSALS, DAY.plusDays(6), DAY.plusDays(9))),
                VotingRule.approval(1), List.of(new Budget("", 1)))).hasMessageContaining("PROPOSALS cannot come after VOTING");
        assertThatThrownBy(() -> new ParticipatoryProcess("x", "x", "x", "", "", "d", List.of(),
                List.of(new PhaseDates(Phase.PROPOSALS, DAY, DAY.plusDays(5)), new PhaseDates(Phase.VOTING, DAY.plusDays(5), DAY.plusDays(9))),
                VotingRule.approval(1), List.of(new Budget("", 1)))).hasMessageContaining("VOTING starts (2026-12-06) before PROPOSALS ends");
        assertThatThrownBy(() -> new ParticipatoryProcess("x", "x", "x", "", "", "d", List.of(),
                List.of(new PhaseDates(Phase.VOTING, DAY, DAY)), null, List.of())).hasMessageContaining("needs a voting rule");
    }

    @Test
    void aSealedBallotOpensOnlyWithItsKeyAndTheSlotDependsOnTheKey() {
        BallotKey key = BallotKey.generate();
        Ballot b = new Ballot("An Hải", List.of("park", "bench"));
        byte[] sealed = key.seal(b);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("park");
        assertThat(key.open(sealed)).isEqualTo(b);
        assertThatThrownBy(() -> BallotKey.generate().open(sealed)).isInstanceOf(IllegalStateException.class);
        assertThat(key.slot("resident:1")).isEqualTo(key.slot("resident:1")).isNotEqualTo(key.slot("resident:2"))
                .isNotEqualTo(BallotKey.generate().slot("resident:1"));
        assertThat(Receipts.normalise(" abcd efgh jk23 ")).isEqualTo("ABCD-EFGH-JK23");
        assertThat(Receipts.next()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
    }
}
