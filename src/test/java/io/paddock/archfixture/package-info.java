/**
 * A small tree that breaks every module rule on purpose, so {@code ArchitectureRulesBiteTest} can show that
 * the rules report it. Modules {@code alpha} and {@code beta}; {@code platform} is shared plumbing.
 * Only that test reads these classes.
 */
package io.paddock.archfixture;
