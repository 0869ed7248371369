package io.github.isolationaudit.analyzer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Each third-party parser stays in one package, so it can be changed in one place. */
@AnalyzeClasses(
    packages = "io.github.isolationaudit",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule asmOnlyInBytecode =
      noClasses()
          .that()
          .resideOutsideOfPackage("..analyzer.bytecode..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.objectweb.asm..");

  @ArchTest
  static final ArchRule classGraphOnlyInDiscovery =
      noClasses()
          .that()
          .resideOutsideOfPackage("..analyzer.discovery..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.github.classgraph..");

  @ArchTest
  static final ArchRule javaParserOnlyInSource =
      noClasses()
          .that()
          .resideOutsideOfPackage("..analyzer.source..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.github.javaparser..");

  @ArchTest
  static final ArchRule modelDependsOnlyOnTheJdk =
      noClasses()
          .that()
          .resideInAPackage("io.github.isolationaudit.model..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages("io.github.isolationaudit.model..", "java..");

  @ArchTest
  static final ArchRule scheduleDependsOnlyOnTheModel =
      noClasses()
          .that()
          .resideInAPackage("io.github.isolationaudit.schedule..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages(
              "io.github.isolationaudit.schedule..", "io.github.isolationaudit.model..", "java..");

  @ArchTest
  static final ArchRule programModelKnowsNoParser =
      noClasses()
          .that()
          .resideInAPackage("..analyzer.program..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.objectweb.asm..", "io.github.classgraph..");
}
