package io.paddock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Paddock's module boundaries, checked on the compiled main classes (docs/architecture.md, "Module rules").
 * A type added to a published list is a new contract between modules: add it to the table there too.
 */
@AnalyzeClasses(packages = "io.paddock", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** What each module lets the others use; a module absent here publishes nothing. */
    static final Map<String, Set<String>> PUBLISHED = Map.of(
            "admin", Set.of(
                    "io.paddock.admin.control.SearchSource",
                    "io.paddock.admin.control.SearchHit",
                    "io.paddock.admin.control.FeatureFlags"),
            "identity", Set.of(
                    "io.paddock.identity.control.Caller",
                    "io.paddock.identity.control.CurrentCaller",
                    "io.paddock.identity.control.CallerResolver",
                    "io.paddock.identity.control.Accounts",
                    "io.paddock.identity.control.UserRef",
                    "io.paddock.identity.control.AccountFacts",
                    "io.paddock.identity.entity.User"),
            "billing", Set.of(
                    "io.paddock.billing.control.Limit",
                    "io.paddock.billing.control.Limits",
                    "io.paddock.billing.control.UsageMeter",
                    "io.paddock.billing.control.LimitExceededException"),
            "racing", Set.of(
                    "io.paddock.racing.control.RaceChanged",
                    "io.paddock.racing.control.RaceInfo",
                    "io.paddock.racing.control.RaceDirectory"),
            "transfers", Set.of(
                    "io.paddock.transfers.control.TorrentSeeder"));

    /** Entities other modules may hold in JPA relationships, and what they may read of them. */
    static final Map<String, Set<String>> ASSOCIATION_TARGETS = Map.of(
            "io.paddock.identity.entity.User", Set.of("id", "displayName"));

    static final ModuleRules RULES = new ModuleRules("io.paddock", PUBLISHED, ASSOCIATION_TARGETS);

    @ArchTest
    static final ArchRule platformDependsOnNoModule = RULES.platformDependsOnNoModule();

    @ArchTest
    static final ArchRule modulesAreFreeOfCycles = RULES.modulesAreFreeOfCycles();

    @ArchTest
    static final ArchRule modulesMeetOnlyThroughPublishedTypes = RULES.modulesMeetOnlyThroughPublishedTypes();

    @ArchTest
    static final ArchRule entitiesStayInsideTheirModule = RULES.entitiesStayInsideTheirModule();

    /** A published name that no longer exists would silently allow nothing; keep the lists true. */
    @ArchTest
    static void everyListedTypeExists(JavaClasses classes) {
        Stream.concat(PUBLISHED.values().stream().flatMap(Set::stream), ASSOCIATION_TARGETS.keySet().stream())
                .forEach(name -> assertTrue(classes.contain(name), name + " is listed but does not exist"));
    }
}
