package org.saola.context.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saola.platform.InvalidInputException;

class QueryLanguageTest {

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        var q = QueryLanguage.parse("a>1;b==\"x\"|c");
        assertThat(q).isInstanceOf(QueryLanguage.Or.class);
        var or = (QueryLanguage.Or) q;
        assertThat(or.terms().get(0)).isInstanceOf(QueryLanguage.And.class);
        assertThat(or.terms().get(1)).isEqualTo(new QueryLanguage.Term(new QueryLanguage.Path("c", null, List.of()),
                null, List.of(), false));
        assertThat(QueryLanguage.parse("(a|b);c")).isInstanceOf(QueryLanguage.And.class);
    }

    @Test
    void termsCarryPathsValuesListsAndRanges() {
        var t = (QueryLanguage.Term) QueryLanguage.parse("address[street.name]==\"Bạch \\\"Đằng\\\"\"");
        assertThat(t.path()).isEqualTo(new QueryLanguage.Path("address", null, List.of("street", "name")));
        assertThat(t.values()).containsExactly("Bạch \"Đằng\"");
        var range = (QueryLanguage.Term) QueryLanguage.parse("pm25==10..20.5");
        assertThat(range.range()).isTrue();
        assertThat(range.values()).containsExactly(new BigDecimal("10"), new BigDecimal("20.5"));
        var list = (QueryLanguage.Term) QueryLanguage.parse("status!=\"ok\",\"full\"");
        assertThat(list.values()).hasSize(2);
        var time = (QueryLanguage.Term) QueryLanguage.parse("pm25.observedAt<2026-11-23T08:00:00Z");
        assertThat(time.path().member()).isTrue();
        assertThat(time.values()).containsExactly(new QueryLanguage.DateTime(Instant.parse("2026-11-23T08:00:00Z")));
    }

    @Test
    void namesAreMappedButMembersAreNot() {
        var t = (QueryLanguage.Term) QueryLanguage.parse("pm25.observedAt>2026-11-23T08:00:00Z")
                .mapNames(n -> "iri:" + n);
        assertThat(t.path().attribute()).isEqualTo("iri:pm25");
        assertThat(t.path().subAttribute()).isEqualTo("observedAt");
    }

    @Test
    void malformedQueriesAreRefusedWithWhere() {
        assertThatThrownBy(() -> QueryLanguage.parse("a>")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> QueryLanguage.parse("a>1;")).hasMessageContaining("position 4");
        assertThatThrownBy(() -> QueryLanguage.parse("a~=[")).hasMessageContaining("not a regular expression Saola supports");
        assertThatThrownBy(() -> QueryLanguage.parse("a==\"open")).hasMessageContaining("closing");
        assertThatThrownBy(() -> QueryLanguage.parse("a>1,2")).hasMessageContaining("lists and ranges");
    }

    @Test
    void typeExpressionsParse() {
        assertThat(TypeExpression.parse("A,B|C")).isInstanceOf(TypeExpression.AnyOf.class);
        assertThat(TypeExpression.parse("(A|B);C")).isInstanceOf(TypeExpression.AllOf.class);
        assertThat(TypeExpression.parse("A")).isEqualTo(new TypeExpression.Name("A"));
        assertThatThrownBy(() -> TypeExpression.parse("(A|B")).hasMessageContaining("missing ')'");
    }
}
