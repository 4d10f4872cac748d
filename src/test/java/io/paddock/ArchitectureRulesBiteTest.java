package io.paddock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * {@link ArchitectureTest}'s rules, run against {@code io.paddock.archfixture}, a tree that breaks each of
 * them on purpose: every rule must report its breach, and only that (allowed uses stay silent).
 */
class ArchitectureRulesBiteTest {

    private static final String ROOT = "io.paddock.archfixture";
    private static final ModuleRules RULES = new ModuleRules(ROOT,
            Map.of("alpha", Set.of(ROOT + ".alpha.control.AlphaApi", ROOT + ".alpha.entity.Member"),
                    "beta", Set.of(ROOT + ".beta.control.BetaApi")),
            Map.of(ROOT + ".alpha.entity.Member", Set.of("id")));

    private static JavaClasses fixture;

    @BeforeAll
    static void importFixture() {
        fixture = new ClassFileImporter().importPackages(ROOT);
    }

    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixture);
        assertTrue(result.hasViolation(), rule.getDescription() + " must report the fixture's breach");
        return result.getFailureReport().getDetails();
    }

    private static boolean anyMentions(List<String> details, String... fragments) {
        return details.stream().anyMatch(d -> List.of(fragments).stream().allMatch(d::contains));
    }

    @Test
    void platformDependingOnAModuleIsReported() {
        List<String> details = violations(RULES.platformDependsOnNoModule());
        assertTrue(anyMentions(details, "platform.Helper", "alpha.control.AlphaApi"), details.toString());
    }

    @Test
    void aCycleBetweenModulesIsReported() {
        List<String> details = violations(RULES.modulesAreFreeOfCycles());
        assertTrue(anyMentions(details, "module alpha", "module beta"), details.toString());
    }

    @Test
    void usingWhatAModuleDoesNotPublishIsReported() {
        List<String> details = violations(RULES.modulesMeetOnlyThroughPublishedTypes());
        assertTrue(anyMentions(details, "BetaReachesIn", "alpha.control.AlphaInternal"), details.toString());
        assertTrue(anyMentions(details, "BetaReachesIn", "alpha.entity.Ledger"), details.toString());
        assertFalse(anyMentions(details, "BetaApi"), "published types are allowed: " + details);
        assertFalse(anyMentions(details, "platform.Helper"), "platform is no module here: " + details);
    }

    @Test
    void reachingIntoAnotherModulesEntitiesIsReported() {
        List<String> details = violations(RULES.entitiesStayInsideTheirModule());
        assertTrue(anyMentions(details, "BetaReachesIn", "entity " + ROOT + ".alpha.entity.Ledger"), details.toString());
        assertTrue(anyMentions(details, "BetaReachesIn", "Member.rename"), details.toString());
        assertFalse(anyMentions(details, "Member.id"), "an association target's id may be read: " + details);
    }
}
