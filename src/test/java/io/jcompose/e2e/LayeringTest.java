package io.jcompose.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers import one way only (model ← planner ← engine ← cli), and each library stays in its package. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jcompose");
    }

    @Test
    void model_importsNoOtherLayer() {
        noClasses().that().resideInAPackage("io.jcompose.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jcompose.planner..", "io.jcompose.engine..",
                        "io.jcompose.cli..")
                .check(classes);
    }

    @Test
    void planner_importsOnlyTheModel() {
        noClasses().that().resideInAPackage("io.jcompose.planner..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jcompose.engine..", "io.jcompose.cli..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void engine_doesNotImportTheCli() {
        noClasses().that().resideInAPackage("io.jcompose.engine..")
                .should().dependOnClassesThat().resideInAPackage("io.jcompose.cli..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void snakeYaml_staysInModelYaml() {
        noClasses().that().resideOutsideOfPackage("io.jcompose.model.yaml..")
                .should().dependOnClassesThat().resideInAPackage("org.snakeyaml..")
                .check(classes);
    }

    @Test
    void dockerJava_staysInEngineDocker() {
        noClasses().that().resideOutsideOfPackage("io.jcompose.engine.docker..")
                .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
                .check(classes);
    }

    @Test
    void engineCore_knowsNoBackendButThroughTheSpi() {
        noClasses().that().resideInAnyPackage("io.jcompose.engine.execute..", "io.jcompose.engine.spec..",
                        "io.jcompose.engine.spi..", "io.jcompose.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.jcompose.engine.docker..")
                .check(classes);
    }

    @Test
    void picocli_staysInCli() {
        noClasses().that().resideOutsideOfPackage("io.jcompose.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void planner_usesNoThreadsClockOrFiles() {
        noClasses().that().resideInAPackage("io.jcompose.planner..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.util.concurrent..",
                        "java.net..")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .allowEmptyShould(true)
                .check(classes);
    }
}
