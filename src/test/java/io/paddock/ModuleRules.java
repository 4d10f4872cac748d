package io.paddock;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The module rules of docs/architecture.md, for any tree laid out as {@code <root>.<module>.<layer>}:
 * {@link ArchitectureTest} applies them to Paddock, {@link ArchitectureRulesBiteTest} to a fixture tree
 * that breaks each of them.
 *
 * @param root the base package, e.g. {@code io.paddock}
 * @param published per module, the fully qualified names of the types other modules may use (their nested
 *        types included); {@code platform} is not a module: everyone may use all of it
 * @param associationTargets entity types other modules may hold in JPA relationships, each with the
 *        members they may read
 */
record ModuleRules(String root, Map<String, Set<String>> published, Map<String, Set<String>> associationTargets) {

    static final String PLATFORM = "platform";

    ArchRule platformDependsOnNoModule() {
        return noClasses().that().resideInAPackage(root + "." + PLATFORM + "..")
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(not(resideInAPackage(root + "." + PLATFORM + ".."))))
                .as("platform depends on no module");
    }

    ArchRule modulesAreFreeOfCycles() {
        return slices().matching(root + ".(*)..").namingSlices("module $1").should().beFreeOfCycles()
                .as("modules depend on each other without cycles");
    }

    ArchRule modulesMeetOnlyThroughPublishedTypes() {
        return classes().that().resideInAPackage(root + "..")
                .should(new ArchCondition<JavaClass>("use another module only through its published types") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass().getBaseComponentType();
                            Optional<String> module = otherModule(origin, target);
                            if (module.isPresent() && !isPublished(module.get(), target)) {
                                events.add(SimpleConditionEvent.violated(dependency, module.get()
                                        + " does not publish " + target.getName() + ": " + dependency.getDescription()));
                            }
                        }
                    }
                }).as("modules use each other only through published types");
    }

    ArchRule entitiesStayInsideTheirModule() {
        return classes().that().resideInAPackage(root + "..")
                .should(new ArchCondition<JavaClass>("reach another module's entities only as association targets") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass().getBaseComponentType();
                            if (otherModule(origin, target).isPresent() && isEntity(target)
                                    && !associationTargets.containsKey(topLevel(target))) {
                                events.add(SimpleConditionEvent.violated(dependency, "entity " + target.getName()
                                        + " is not an association target: " + dependency.getDescription()));
                            }
                        }
                        for (JavaAccess<?> access : origin.getAccessesFromSelf()) {
                            JavaClass owner = access.getTargetOwner();
                            Set<String> readable = associationTargets.get(owner.getName());
                            if (readable != null && otherModule(origin, owner).isPresent()
                                    && !readable.contains(access.getName())) {
                                events.add(SimpleConditionEvent.violated(access, owner.getName() + "."
                                        + access.getName() + " is not readable outside its module: "
                                        + access.getDescription()));
                            }
                        }
                    }
                }).as("no module reaches into another's entities, except to hold and read association targets");
    }

    /** The module of {@code target} when it is another module than {@code origin}'s (platform is no module). */
    private Optional<String> otherModule(JavaClass origin, JavaClass target) {
        Optional<String> from = module(origin);
        Optional<String> to = module(target);
        if (to.isEmpty() || to.get().equals(PLATFORM) || to.equals(from)) {
            return Optional.empty();
        }
        return to;
    }

    private Optional<String> module(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(root + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private boolean isPublished(String module, JavaClass target) {
        return published.getOrDefault(module, Set.of()).contains(topLevel(target));
    }

    private boolean isEntity(JavaClass type) {
        String entities = root + "." + module(type).orElseThrow() + ".entity";
        return type.getPackageName().equals(entities) || type.getPackageName().startsWith(entities + ".");
    }

    private static String topLevel(JavaClass type) {
        String name = type.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
