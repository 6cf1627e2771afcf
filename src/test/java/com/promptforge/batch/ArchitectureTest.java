package com.promptforge.batch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: commands on top, then the jobs, then what every job shares (the runner, the report
 * lifecycle, the workbook writer), then the ground (the database and the types every layer uses).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.promptforge.batch");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("com.promptforge.batch.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void dependenciesPointDownTheLayers() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Commands").definedBy("..batch.cli..", "..batch.demo..", "..batch.bench..")
                .layer("Jobs").definedBy("..batch.entitlements..", "..batch.usage..", "..batch.audit..",
                        "..batch.validation..", "..batch.generator..", "..batch.schedule..", "..batch.requests..")
                .layer("Shared").definedBy("..batch.job..", "..batch.report..", "..batch.spreadsheet..")
                .layer("Ground").definedBy("..batch.db..", "..batch.core..")
                .whereLayer("Commands").mayNotBeAccessedByAnyLayer()
                .whereLayer("Jobs").mayOnlyBeAccessedByLayers("Commands")
                .whereLayer("Shared").mayOnlyBeAccessedByLayers("Commands", "Jobs")
                .whereLayer("Ground").mayOnlyBeAccessedByLayers("Commands", "Jobs", "Shared")
                .check(classes);
    }

    @Test
    void theApplicationClassDependsOnNoPackageBelowIt() {
        noClasses().that().resideInAPackage("com.promptforge.batch")
                .should().dependOnClassesThat().resideInAPackage("com.promptforge.batch.*..")
                .check(classes);
    }
}
