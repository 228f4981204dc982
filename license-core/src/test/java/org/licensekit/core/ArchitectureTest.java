package org.licensekit.core;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ObjectArrays;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Core stays a plain library: an allow-list of what it may use, and the hexagon's inner rules.
 * Generated {@code Immutable*} classes are imported too, since they ship in the core jar.
 */
class ArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.licensekit.core");

  @Test
  void theImportFoundTheCoreAndItsGeneratedClasses() {
    // Guards the rules below against passing vacuously on an empty import.
    assertThat(CORE.containPackage("org.licensekit.core.policy")).isTrue();
    assertThat(CORE.contain("org.licensekit.core.domain.ImmutableLicenseClaim")).isTrue();
  }

  /** What Immutables generates: {@code ImmutableLicenseClaim} and its nested {@code Builder}. */
  private static final String GENERATED = ".*\\.Immutable[^.]*";

  private static final String[] ALLOWED = {
      "java..", "com.google.common..", "org.immutables..", "jakarta.validation..", "org.slf4j..", "org.licensekit.core.."};

  @Test
  void coreDependsOnlyOnTheJdkGuavaImmutablesJakartaValidationAndSlf4j() {
    classes().that().resideInAPackage("org.licensekit.core..").and().haveNameNotMatching(GENERATED)
        .should().onlyDependOnClassesThat().resideInAnyPackage(ALLOWED)
        .check(CORE);
  }

  @Test
  void generatedImmutablesAddOnlyErrorProneAnnotations() {
    // Immutables marks generated builder methods with Error Prone's @CanIgnoreReturnValue when it finds
    // it on the compile classpath (it comes with Guava). It is a class-retention annotation that nothing
    // reads at run time, so hosts need no Error Prone jar; hand-written core code may not use it.
    // (javax.annotation.processing.@Generated is source-retention and never reaches the class files.)
    classes().that().resideInAPackage("org.licensekit.core..").and().haveNameMatching(GENERATED)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            ObjectArrays.concat(ALLOWED, "com.google.errorprone.annotations.."))
        .check(CORE);
  }

  @Test
  void authorizationIsDecidedInTheKernelsOneEntryOnly() {
    // Every call is authorized through Context (kind, then organization reach, then the audit of a
    // refusal); a service asking the policy itself could skip the reach check.
    noClasses().that().resideInAPackage("org.licensekit.core..")
        .and().doNotHaveFullyQualifiedName("org.licensekit.core.internal.Context")
        .and().resideOutsideOfPackage("org.licensekit.core.policy..")
        .should().dependOnClassesThat().haveFullyQualifiedName("org.licensekit.core.policy.Authorization")
        .check(CORE);
  }

  @Test
  void coreNeverImportsJdbcAdaptersSpringOrFlyway() {
    noClasses().that().resideInAPackage("org.licensekit.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "java.sql..", "javax.sql..", "org.licensekit.jdbc..", "org.licensekit.spring..",
            "org.springframework..", "org.flywaydb..")
        .check(CORE);
  }

  @Test
  void policiesArePureFunctionsOfValuesWithoutPortsUseCasesOrStores() {
    noClasses().that().resideInAPackage("org.licensekit.core.policy..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.licensekit.core.spi..", "org.licensekit.core.internal..", "org.licensekit.core.memory..")
        .check(CORE);
  }

  @Test
  void theCapabilityPackagesOfTheUseCasesDependOnEachOtherWithoutCycles() {
    slices().matching("org.licensekit.core.internal.(*)..").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void theUseCaseKernelDependsOnNoCapability() {
    noClasses().that().resideInAPackage("org.licensekit.core.internal")
        .should().dependOnClassesThat().resideInAPackage("org.licensekit.core.internal.*..")
        .check(CORE);
  }

  @Test
  void publicApiAndDomainDoNotReachIntoTheUseCaseImplementations() {
    noClasses().that().resideInAnyPackage("org.licensekit.core.api..", "org.licensekit.core.domain..")
        .should().dependOnClassesThat().resideInAPackage("org.licensekit.core.internal..")
        .check(CORE);
  }

  @Test
  void theDomainDependsOnNothingElseInCoreButTheErrorTypes() {
    classes().that().resideInAPackage("org.licensekit.core.domain..")
        .should().onlyDependOnClassesThat(resideInAnyPackage(
                "java..", "com.google.common..", "com.google.errorprone.annotations..", "org.immutables..",
                "jakarta.validation..", "org.licensekit.core.domain..")
            .or(belongToAnyOf(InvalidInputException.class, FieldError.class, ErrorCode.class, LicensingException.class)))
        .check(CORE);
  }

  @Test
  void thePublicApiDependsOnlyOnTheDomainInCore() {
    noClasses().that().resideInAPackage("org.licensekit.core.api..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.licensekit.core.policy..", "org.licensekit.core.spi..", "org.licensekit.core.internal..",
            "org.licensekit.core.memory..", "org.licensekit.core.cache..")
        .check(CORE);
  }

  @Test
  void corePackagesDependOnEachOtherWithoutCycles() {
    // domain <- api <- policy <- spi <- internal / memory / cache: a rule or a value never needs
    // what is built on it.
    slices().matching("org.licensekit.core.(*)..").should().beFreeOfCycles().check(CORE);
  }
}
