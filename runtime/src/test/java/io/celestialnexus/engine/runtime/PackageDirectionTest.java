package io.celestialnexus.engine.runtime;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The runtime's packages point one way: {@code task} (keepers, supervisor, runners) reports to {@code status} in
 * the board's own vocabulary ({@code TaskStatus}, {@code TaskState}, {@code ErrorInfo}), and {@code status} never
 * reaches back into the task machinery.
 */
@AnalyzeClasses(packages = "io.celestialnexus.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDirectionTest {

  @ArchTest
  static final ArchRule statusDoesNotReachIntoTheTaskMachinery =
      noClasses()
          .that()
          .resideInAPackage("io.celestialnexus.engine.status..")
          .should()
          .dependOnClassesThat(resideInAPackage("io.celestialnexus.engine.task.."))
          .because("keepers report to the board, never the reverse");

  @ArchTest
  static final ArchRule topLevelPackagesFormNoCycle =
      slices()
          .matching("io.celestialnexus.engine.(*)..")
          .should()
          .beFreeOfCycles();
}
